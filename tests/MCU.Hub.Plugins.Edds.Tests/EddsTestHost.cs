using MCU.Hub.Channels;
using MCU.Hub.Emulators.Edds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MCU.Hub.Plugins.Edds.Tests;

/// <summary>Wires the plugin the way the host does: its own section, the named client, then ConfigureServices.</summary>
internal static class EddsTestHost
{
    public const string SectionPath = "McuHub:Channels:edds:Settings";

    public static readonly DateTimeOffset Start = new(2025, 3, 12, 9, 0, 0, TimeSpan.Zero);

    public static ServiceProvider Build(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(SectionPath + ":" + s.Key, s.Value)))
            .Build()
            .GetSection(SectionPath);

        var services = new ServiceCollection();
        var plugin = new EddsPlugin();
        services.AddHttpClient(plugin.Descriptor.Code);
        plugin.ConfigureServices(services, configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static ServiceProvider Build(EddsEmulator emulator, string? token = null, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["BaseAddress"] = emulator.BaseAddress.AbsoluteUri, ["Token"] = token };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            settings[key] = value;

        return Build(settings);
    }

    public static IChannelConnector Connector(this ServiceProvider services) =>
        services.GetRequiredKeyedService<IChannelConnector>(EddsPlugin.Code);

    public static async Task<(List<ChannelRecord> Records, List<InboundItem> Items, string? Checkpoint)> PullAllAsync(IChannelConnector connector, int maxItems, string? checkpoint = null)
    {
        var records = new List<ChannelRecord>();
        var items = new List<InboundItem>();
        PullResult result;
        do
        {
            result = await connector.PullAsync(new PullRequest(checkpoint, maxItems), CancellationToken.None);
            Assert.True(result.Records.Count <= maxItems);
            Assert.True(result.Items.Count <= result.Records.Count);
            records.AddRange(result.Records);
            items.AddRange(result.Items);
            checkpoint = result.NextCheckpoint;
        }
        while (result.HasMore);

        return (records, items, checkpoint);
    }
}

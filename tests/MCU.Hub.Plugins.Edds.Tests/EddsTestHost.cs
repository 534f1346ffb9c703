using MCU.Hub.Channels;
using MCU.Hub.Emulators.Edds;
using MCU.Hub.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MCU.Hub.Plugins.Edds.Tests;

/// <summary>Wires the plugin the way the host does: its own section, the named client, then ConfigureServices.</summary>
internal static class EddsTestHost
{
    public const string SectionPath = "McuHub:Channels:edds:Settings";

    public static readonly DateTimeOffset Start = new(2025, 3, 12, 9, 0, 0, TimeSpan.Zero);

    public static ServiceProvider Build(IReadOnlyDictionary<string, string?> settings) =>
        PluginTestHost.Build(new EddsPlugin(), settings);

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

using MCU.Hub.Channels;
using MCU.Hub.Emulators.GovPublics;
using MCU.Hub.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MCU.Hub.Plugins.GovPublics.Tests;

/// <summary>Wires the plugin the way the host does: its own section, the named client, then ConfigureServices.</summary>
internal static class GovPublicsTestHost
{
    public const string SectionPath = "McuHub:Channels:gov-publics:Settings";

    /// <summary>A Wednesday noon in the town's time zone: weeks before it are whole, the current one is half done.</summary>
    public static readonly DateTimeOffset Start = new(2025, 3, 12, 9, 0, 0, TimeSpan.Zero);

    public static ServiceProvider Build(IReadOnlyDictionary<string, string?> settings) =>
        PluginTestHost.Build(new GovPublicsPlugin(), settings);

    public static ServiceProvider Build(GovPublicsEmulator emulator, string? token = null, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["BaseAddress"] = emulator.BaseAddress.AbsoluteUri, ["Token"] = token };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            settings[key] = value;

        return Build(settings);
    }

    public static IChannelConnector Connector(this ServiceProvider services) =>
        services.GetRequiredKeyedService<IChannelConnector>(GovPublicsPlugin.Code);

    public static async Task<(List<ChannelRecord> Records, string? Checkpoint, int Pulls)> PullAllAsync(IChannelConnector connector, int maxItems, string? checkpoint = null)
    {
        var records = new List<ChannelRecord>();
        var pulls = 0;
        PullResult result;
        do
        {
            result = await connector.PullAsync(new PullRequest(checkpoint, maxItems), CancellationToken.None);
            Assert.Empty(result.Items);
            Assert.True(result.Records.Count <= maxItems);
            records.AddRange(result.Records);
            checkpoint = result.NextCheckpoint;
            pulls++;
        }
        while (result.HasMore);

        return (records, checkpoint, pulls);
    }
}

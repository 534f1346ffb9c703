using MCU.Hub.Channels;
using MCU.Hub.Emulators.PayAttention;
using MCU.Hub.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MCU.Hub.Plugins.PayAttention.Tests;

/// <summary>Wires the plugin the way the host does: its own section, the named client, then ConfigureServices.</summary>
internal static class PayAttentionTestHost
{
    public const string SectionPath = "McuHub:Channels:pay-attention:Settings";

    public static ServiceProvider Build(IReadOnlyDictionary<string, string?> settings) =>
        PluginTestHost.Build(new PayAttentionPlugin(), settings);

    public static ServiceProvider Build(PayAttentionEmulator emulator, string? token = null, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["BaseAddress"] = emulator.BaseAddress.AbsoluteUri, ["Token"] = token };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            settings[key] = value;

        return Build(settings);
    }

    public static IChannelConnector Connector(this ServiceProvider services) =>
        services.GetRequiredKeyedService<IChannelConnector>(PayAttentionPlugin.Code);

    public static async Task<(List<InboundItem> Items, string? Checkpoint)> PullAllAsync(IChannelConnector connector, int maxItems, string? checkpoint = null)
    {
        var items = new List<InboundItem>();
        PullResult result;
        do
        {
            result = await connector.PullAsync(new PullRequest(checkpoint, maxItems), CancellationToken.None);
            Assert.True(result.Items.Count <= maxItems);
            Assert.Empty(result.Records);
            items.AddRange(result.Items);
            checkpoint = result.NextCheckpoint;
        }
        while (result.HasMore);

        return (items, checkpoint);
    }
}

using MCU.Hub.Emulators.Pos;
using MCU.Hub.Host.Plugins;
using MCU.Hub.Messages;
using Microsoft.Extensions.DependencyInjection;

namespace MCU.Hub.Host.Tests.Channels;

/// <summary>The ПОС plugin, loaded from disk through the plugin loader, against the ПОС emulator over HTTP.</summary>
public sealed class PosChannelTests
{
    private static Dictionary<string, string?> PosSettings(PosEmulator emulator, int batchSize = 50) => new()
    {
        ["McuHub:Host:PluginsPath"] = "plugins",
        ["McuHub:Channels:pos:Enabled"] = "true",
        ["McuHub:Channels:pos:PollInterval"] = "00:00:00.200",
        ["McuHub:Channels:pos:BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["McuHub:Channels:pos:RetryDelay"] = "00:00:00.050",
        ["McuHub:Channels:pos:BreakDuration"] = "00:00:00.500",
        ["McuHub:Channels:pos:MaxBackoff"] = "00:00:01",
        ["McuHub:Channels:pos:Settings:BaseAddress"] = emulator.BaseAddress.AbsoluteUri,
        ["McuHub:Channels:pos:Settings:Token"] = "secret",
    };

    [Fact]
    public async Task Host_PosPluginFromDisk_IngestsEveryEmulatorMessageOnce()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 240, Seed = 7, Token = "secret" });
        await using var host = await TestHost.StartAsync(TestHost.NewDatabasePath(), PosSettings(emulator));

        var catalog = host.App.Services.GetRequiredService<PluginCatalog>();
        var pos = Assert.Single(catalog.Loaded);
        Assert.Equal("pos", pos.Descriptor!.Code);
        Assert.Equal("ПОС", pos.Descriptor.DisplayName);
        Assert.Null(typeof(TestHost).Assembly.GetReferencedAssemblies().FirstOrDefault(a => a.Name == "MCU.Hub.Plugins.Pos"));

        Assert.Equal(240, await host.WaitForMessagesAsync(240, TimeSpan.FromSeconds(60)));
        var sample = emulator.Messages[17];
        var stored = await host.Store.FindBySourceAsync("pos", sample.Id, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(sample.Text, stored.Text);
        Assert.Equal(sample.CreatedAt, stored.ReceivedAt);
        Assert.Equal(sample.Subcategory?.Name, stored.SourceSubcategory);
        Assert.NotNull(stored.Block);
        Assert.Contains(stored.Status, new[] { MessageStatus.Routed, MessageStatus.New });
    }

    [Fact]
    public async Task Host_RestartedMidStream_ResumesFromItsCheckpointWithNothingLostOrDoubled()
    {
        var path = TestHost.NewDatabasePath();
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 600, InitialMessages = 150, MessagesPerSecond = 150, Seed = 11, Token = "secret" });

        long before;
        await using (var host = await TestHost.StartAsync(path, PosSettings(emulator, batchSize: 25)))
        {
            before = await host.WaitForMessagesAsync(100, TimeSpan.FromSeconds(30));
            Assert.True(before >= 100);
        }

        await using (var host = await TestHost.StartAsync(path, PosSettings(emulator, batchSize: 25)))
        {
            Assert.Equal(600, await host.WaitForMessagesAsync(600, TimeSpan.FromSeconds(60)));
            await Task.Delay(500);
            Assert.Equal(600, await host.Store.CountMessagesAsync(CancellationToken.None));
            foreach (var message in emulator.Messages)
                Assert.NotNull(await host.Store.FindBySourceAsync("pos", message.Id, CancellationToken.None));
        }

        // The second run started where the first stopped: it asked for far fewer items than the emulator holds twice.
        Assert.True(emulator.ServedCount < 600 + 2 * 25 + 150, $"served {emulator.ServedCount}");
    }

    [Fact]
    public async Task Host_EmulatorFailingForAWhile_RecoversAndLosesNothing()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 120, Seed = 3, Token = "secret" });
        emulator.FailNext(12, 503);
        await using var host = await TestHost.StartAsync(TestHost.NewDatabasePath(), PosSettings(emulator));

        Assert.Equal(120, await host.WaitForMessagesAsync(120, TimeSpan.FromSeconds(60)));
        await Task.Delay(300);
        Assert.Equal(120, await host.Store.CountMessagesAsync(CancellationToken.None));
    }
}

using MCU.Hub.Emulators.Pos;

namespace MCU.Hub.Host.Tests.Channels;

public sealed class ChannelIsolationTests
{
    [Fact]
    public async Task RateLimit_PerChannel_CapsTheRequestsToTheExternalSystem()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 500, Seed = 4 });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var host = await TestHost.StartAsync(TestHost.NewDatabasePath(), new Dictionary<string, string?>
        {
            ["McuHub:Host:PluginsPath"] = "plugins",
            ["McuHub:Channels:pos:Enabled"] = "true",
            ["McuHub:Channels:pos:BatchSize"] = "5",
            ["McuHub:Channels:pos:MaxRequestsPerSecond"] = "5",
            ["McuHub:Channels:pos:Settings:BaseAddress"] = emulator.BaseAddress.AbsoluteUri,
        });

        await Task.Delay(TimeSpan.FromSeconds(2));
        var requests = emulator.RequestCount;
        var seconds = (int)Math.Ceiling(clock.Elapsed.TotalSeconds);

        // 5 tokens to start with and 5 more each second the test really took (a loaded machine stretches the two
        // seconds), where the unthrottled worker would make one request per page of 5 as fast as it can.
        Assert.InRange(requests, 5, 5 + (5 * seconds));
    }

    [Fact]
    public async Task FailingChannel_DoesNotSlowTheOthers()
    {
        await using var broken = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 50, Seed = 5 });
        broken.FailNext(100_000, 503);
        // The good channel (loaded from the test plugins) and the failing ПОС channel in one host.
        await using var mixed = await MixedHostAsync(broken);
        Assert.Equal(40, await mixed.WaitForMessagesAsync(40, TimeSpan.FromSeconds(10)));
        Assert.True(broken.RequestCount > 0);
    }

    private static async Task<TestHost> MixedHostAsync(PosEmulator broken)
    {
        // One plugins folder with the real ПОС plugin and the test plugin, as a municipality's deployment would have.
        var folder = Path.Combine(Path.GetTempPath(), "mcu-hub-tests", "mixed-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        CopyDirectory(Path.Combine(AppContext.BaseDirectory, "plugins", "MCU.Hub.Plugins.Pos"), Path.Combine(folder, "MCU.Hub.Plugins.Pos"));
        CopyDirectory(Path.Combine(AppContext.BaseDirectory, "test-plugins", "GoodPlugin"), Path.Combine(folder, "GoodPlugin"));
        return await TestHost.StartAsync(TestHost.NewDatabasePath(), new Dictionary<string, string?>
        {
            ["McuHub:Host:PluginsPath"] = folder,
            ["McuHub:Channels:pos:Enabled"] = "true",
            ["McuHub:Channels:pos:PollInterval"] = "00:00:00.100",
            ["McuHub:Channels:pos:Settings:BaseAddress"] = broken.BaseAddress.AbsoluteUri,
            ["McuHub:Channels:good:Enabled"] = "true",
            ["McuHub:Channels:good:PollInterval"] = "00:00:00.100",
            ["McuHub:Channels:good:BatchSize"] = "5",
            ["McuHub:Channels:good:Settings:Total"] = "40",
        });
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var directory in Directory.GetDirectories(from))
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
    }
}

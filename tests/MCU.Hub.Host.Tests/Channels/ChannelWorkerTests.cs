namespace MCU.Hub.Host.Tests.Channels;

public sealed class ChannelWorkerTests
{
    private static Dictionary<string, string?> GoodChannel(int total) => new()
    {
        ["McuHub:Channels:good:Enabled"] = "true",
        ["McuHub:Channels:good:PollInterval"] = "00:00:00.100",
        ["McuHub:Channels:good:BatchSize"] = "7",
        ["McuHub:Channels:good:Settings:Total"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task Worker_LoadedPlugin_IngestsEveryItemOnceAndStoresTheCheckpoint()
    {
        await using var host = await TestHost.StartAsync(TestHost.NewDatabasePath(), GoodChannel(50));

        Assert.Equal(50, await host.WaitForMessagesAsync(50, TimeSpan.FromSeconds(30)));
        Assert.Equal("50", await host.Store.GetCheckpointAsync("good", CancellationToken.None));
        await Task.Delay(300);
        Assert.Equal(50, await host.Store.CountMessagesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Worker_RestartedOnTheSameFile_ResumesFromTheCheckpoint()
    {
        var path = TestHost.NewDatabasePath();
        await using (var host = await TestHost.StartAsync(path, GoodChannel(30)))
            Assert.Equal(30, await host.WaitForMessagesAsync(30, TimeSpan.FromSeconds(30)));

        await using (var host = await TestHost.StartAsync(path, GoodChannel(45)))
        {
            Assert.Equal(45, await host.WaitForMessagesAsync(45, TimeSpan.FromSeconds(30)));
            await Task.Delay(300);
            Assert.Equal(45, await host.Store.CountMessagesAsync(CancellationToken.None));
            Assert.Equal("45", await host.Store.GetCheckpointAsync("good", CancellationToken.None));
        }
    }

    [Fact]
    public async Task Host_WithABrokenPlugin_StartsAndServesTheOthers()
    {
        var settings = GoodChannel(5);
        settings["McuHub:Channels:throwing:Enabled"] = "true";
        settings["McuHub:Channels:newer-minor:Enabled"] = "true";
        await using var host = await TestHost.StartAsync(TestHost.NewDatabasePath(), settings);

        Assert.Equal(5, await host.WaitForMessagesAsync(5, TimeSpan.FromSeconds(30)));
    }
}

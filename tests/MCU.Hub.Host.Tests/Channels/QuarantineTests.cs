using Grpc.Core;
using MCU.Hub.Grpc.V1;

namespace MCU.Hub.Host.Tests.Channels;

public sealed class QuarantineTests
{
    [Fact]
    public async Task BadItems_AreQuarantinedWithoutStoppingTheChannel_AndCanBeReplayedOrDiscarded()
    {
        await using var host = await TestHost.StartAsync(TestHost.NewDatabasePath(), new Dictionary<string, string?>
        {
            ["McuHub:Channels:good:Enabled"] = "true",
            ["McuHub:Channels:good:PollInterval"] = "00:00:00.100",
            ["McuHub:Channels:good:BatchSize"] = "6",
            ["McuHub:Channels:good:Settings:Total"] = "30",
            ["McuHub:Channels:good:Settings:InvalidEvery"] = "7",
            ["McuHub:Channels:good:Settings:UnreadableEvery"] = "10",
        });
        var quarantine = new QuarantineService.QuarantineServiceClient(host.Channel);

        // 30 items: 3 unreadable (10, 20, 30) and 4 invalid (7, 14, 21, 28) are held; the other 23 are registered.
        Assert.Equal(23, await host.WaitForMessagesAsync(23, TimeSpan.FromSeconds(30)));
        await Task.Delay(300);
        Assert.Equal("30", await host.Store.GetCheckpointAsync("good", CancellationToken.None));
        var held = (await quarantine.ListQuarantineAsync(new ListQuarantineRequest { State = QuarantineState.Held })).Items;
        Assert.Equal(7, held.Count);
        Assert.Equal(["g-10", "g-14", "g-20", "g-21", "g-28", "g-30", "g-7"], held.Select(h => h.ExternalId).Order(StringComparer.Ordinal));
        var raw = held.Single(h => h.ExternalId == "g-20");
        Assert.Equal("raw", raw.PayloadKind);
        Assert.Equal("g-20|Тестовое сообщение №20: яма на дороге", raw.Payload);
        Assert.StartsWith("created_at:", raw.Reason, StringComparison.Ordinal);
        var invalid = held.Single(h => h.ExternalId == "g-7");
        Assert.StartsWith("text:", invalid.Reason, StringComparison.Ordinal);

        var replayed = await quarantine.ReplayQuarantinedAsync(new QuarantineItemRequest { Id = raw.Id });
        Assert.Equal(QuarantineState.Replayed, replayed.State);
        Assert.NotEmpty(replayed.MessageId);
        Assert.NotNull(await host.Store.FindBySourceAsync("good", "g-20", CancellationToken.None));

        var stillBad = await Assert.ThrowsAsync<RpcException>(() => quarantine.ReplayQuarantinedAsync(new QuarantineItemRequest { Id = invalid.Id }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, stillBad.StatusCode);
        Assert.StartsWith("text:", stillBad.Status.Detail, StringComparison.Ordinal);
        var discarded = await quarantine.DiscardQuarantinedAsync(new QuarantineItemRequest { Id = invalid.Id });
        Assert.Equal(QuarantineState.Discarded, discarded.State);
        Assert.StartsWith("text:", discarded.LastReplayError, StringComparison.Ordinal);

        var again = await Assert.ThrowsAsync<RpcException>(() => quarantine.ReplayQuarantinedAsync(new QuarantineItemRequest { Id = raw.Id }).ResponseAsync);
        Assert.StartsWith("id:", again.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(24, await host.Store.CountMessagesAsync(CancellationToken.None));
        Assert.Equal(5, (await quarantine.ListQuarantineAsync(new ListQuarantineRequest { State = QuarantineState.Held })).Items.Count);
    }
}

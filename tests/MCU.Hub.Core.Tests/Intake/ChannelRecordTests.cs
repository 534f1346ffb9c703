using MCU.Hub.Channels;
using MCU.Hub.Intake;
using MCU.Hub.Records;
using MCU.Hub.Storage;

namespace MCU.Hub.Core.Tests.Intake;

public sealed class ChannelRecordTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 16, 10, 0, 0, TimeSpan.FromHours(3));

    private static ChannelRecord Page(string verified, DateTimeOffset at) => new()
    {
        Type = "page",
        ExternalId = "vk-club-1",
        OccurredAt = at,
        Fields = new Dictionary<string, string> { ["owner"] = "roads-dept", ["verified"] = verified },
    };

    [Fact]
    public async Task SubmitPullAsync_Records_NewerReplacesOlderAndStaleOrDuplicateChangeNothing()
    {
        await using var hub = new TestHub();
        var intake = hub.Get<IMessageIntake>();

        await intake.SubmitPullAsync("pos", new PullResult([], "c1", false) { Records = [Page("false", T0)] }, "test", CancellationToken.None);
        await intake.SubmitPullAsync("pos", new PullResult([], "c2", false) { Records = [Page("true", T0.AddHours(1))] }, "test", CancellationToken.None);
        await intake.SubmitPullAsync("pos", new PullResult([], "c3", false) { Records = [Page("false", T0.AddMinutes(30)), Page("true", T0.AddHours(1))] }, "test", CancellationToken.None);

        var records = await hub.Get<IHubStore>().ListRecordsAsync(new RecordQuery { Channel = "pos", Type = "page" }, CancellationToken.None);
        var page = Assert.Single(records);
        Assert.Equal("true", page.Fields["verified"]);
        Assert.Equal(T0.AddHours(1), page.OccurredAt);
        Assert.Equal("c3", await hub.Get<IHubStore>().GetCheckpointAsync("pos", CancellationToken.None));
    }

    [Fact]
    public async Task SubmitPullAsync_InvalidRecord_IsRefusedNamingTheFieldAndTheRestIsStored()
    {
        await using var hub = new TestHub();
        var pull = new PullResult([TestHub.Item("m-1")], "c1", false)
        {
            Records = [Page("true", T0), Page("true", T0) with { Type = "Публикация" }, Page("true", T0) with { ExternalId = "p-2", OccurredAt = default }],
        };

        var outcome = await hub.Get<IMessageIntake>().SubmitPullAsync("pos", pull, "test", CancellationToken.None);

        Assert.Equal(1, outcome.RecordsAccepted);
        Assert.Equal(["type", "occurred_at"], outcome.RecordErrors.Select(e => e.Field));
        Assert.True(outcome.Items[0].Accepted);
        Assert.Single(await hub.Get<IHubStore>().ListRecordsAsync(new RecordQuery(), CancellationToken.None));
    }
}

using MCU.Hub.Intake;
using MCU.Hub.Messages;
using MCU.Hub.Storage;

namespace MCU.Hub.Core.Tests.Storage;

public sealed class LiteDbHubStoreTests
{
    [Fact]
    public async Task ListMessagesAsync_FiltersAndPages_ReturnEachMatchOnceNewestFirst()
    {
        await using var hub = new TestHub();
        var intake = hub.Get<IMessageIntake>();
        for (var i = 0; i < 25; i++)
        {
            var text = i % 2 == 0 ? "Яма на дороге" : "Нет отопления в квартире, батареи холодные";
            await intake.SubmitAsync(i % 3 == 0 ? "api" : "pos", TestHub.Item("L-" + i, text), "test", CancellationToken.None);
            hub.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var store = hub.Get<IHubStore>();
        var seen = new List<HubMessage>();
        string? cursor = null;
        do
        {
            var page = await store.ListMessagesAsync(new MessageQuery { Category = "roads", PageSize = 4, Cursor = cursor }, CancellationToken.None);
            Assert.True(page.Items.Count <= 4);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(13, seen.Count);
        Assert.Equal(13, seen.Select(m => m.Id).Distinct().Count());
        Assert.All(seen, m => Assert.Equal("roads", m.Block));
        Assert.Equal(seen.OrderByDescending(m => m.RegisteredAt).Select(m => m.Id), seen.Select(m => m.Id));

        var utilitiesFromPos = await store.ListMessagesAsync(new MessageQuery { Recipient = "utilities", Channel = "pos", PageSize = 100 }, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 25).Count(i => i % 2 == 1 && i % 3 != 0), utilitiesFromPos.Items.Count);

        var firstFive = await store.ListMessagesAsync(new MessageQuery
        {
            RegisteredFrom = new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero),
            RegisteredTo = new DateTimeOffset(2026, 3, 2, 7, 5, 0, TimeSpan.Zero),
            Statuses = [MessageStatus.Routed],
        }, CancellationToken.None);
        Assert.Equal(5, firstFive.Items.Count);
    }

    [Fact]
    public async Task ReadEventsAsync_AfterASequence_ReturnsTheRestInOrderWithoutGaps()
    {
        await using var hub = new TestHub();
        var intake = hub.Get<IMessageIntake>();
        for (var i = 0; i < 5; i++)
            await intake.SubmitAsync("pos", TestHub.Item("E-" + i), "test", CancellationToken.None);

        var store = hub.Get<IHubStore>();
        var all = await store.ReadEventsAsync(0, 1000, CancellationToken.None);
        var tail = await store.ReadEventsAsync(3, 1000, CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all.Select(e => e.Sequence));
        Assert.Equal(all.Skip(3).Select(e => e.Sequence), tail.Select(e => e.Sequence));
    }
}

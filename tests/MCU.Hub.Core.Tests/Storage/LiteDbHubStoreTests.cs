using LiteDB;
using MCU.Hub.Intake;
using MCU.Hub.Messages;
using MCU.Hub.Storage;
using MCU.Hub.Storage.Internal;

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
    public async Task GetHistoryAsync_AfterChangesAndARestart_GivesTheIntakeEntriesFirstThenTheChanges()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mcu-hub-tests", Guid.NewGuid().ToString("N"));
        var path = Path.Combine(folder, "hub.db");
        try
        {
            string id;
            List<string> intakeActions;
            await using (var hub = new TestHub(databasePath: path))
            {
                id = (await hub.Get<IMessageIntake>().SubmitAsync("pos", TestHub.Item("H-1"), "test", CancellationToken.None)).MessageId!;
                intakeActions = [.. (await hub.Get<IHubStore>().GetHistoryAsync(id, CancellationToken.None)).Select(h => h.Action)];
                var operations = hub.Get<MessageOperations>();
                await operations.AnswerAsync(id, "Яма заделана 04.03.2026.", "roads-dept", [], "specialist", CancellationToken.None);
                await operations.ChangeStatusAsync(id, MessageStatus.Closed, "Ответ принят", "specialist", CancellationToken.None);
            }

            await using (var reopened = new TestHub(databasePath: path))
            {
                var history = await reopened.Get<IHubStore>().GetHistoryAsync(id, CancellationToken.None);
                Assert.Equal([.. intakeActions, "answered", "status"], history.Select(h => h.Action));
                Assert.Equal("received", history[0].Action);
                Assert.All(history, h => Assert.Equal(id, h.MessageId));
                Assert.Equal(2, (await reopened.Get<IHubStore>().GetMessageAsync(id, CancellationToken.None))!.Version);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task GetHistoryAsync_FileWithTheIntakeEntriesInTheirOwnCollection_StillGivesThem()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mcu-hub-tests", Guid.NewGuid().ToString("N"));
        var path = Path.Combine(folder, "hub.db");
        try
        {
            string id;
            List<(string Action, string Actor, string? Comment)> expected;
            await using (var hub = new TestHub(databasePath: path))
            {
                id = (await hub.Get<IMessageIntake>().SubmitAsync("pos", TestHub.Item("H-2"), "test", CancellationToken.None)).MessageId!;
                expected = [.. (await hub.Get<IHubStore>().GetHistoryAsync(id, CancellationToken.None)).Select(h => (h.Action, h.Actor, h.Comment))];
            }

            // The layout of earlier versions: the entries in an intake_history document keyed by the message id.
            using (var db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }, StoreMapper.Create()))
            {
                var messages = db.GetCollection("messages");
                var message = messages.FindById(id);
                var entries = message["_intake"].AsArray;
                foreach (var entry in entries)
                    entry.AsDocument["MessageId"] = id;
                db.GetCollection("intake_history").Insert(new BsonDocument { ["_id"] = id, ["Entries"] = entries });
                message.Remove("_intake");
                messages.Update(message);
            }

            await using var reopened = new TestHub(databasePath: path);
            var history = await reopened.Get<IHubStore>().GetHistoryAsync(id, CancellationToken.None);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, history.Select(h => (h.Action, h.Actor, h.Comment)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
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

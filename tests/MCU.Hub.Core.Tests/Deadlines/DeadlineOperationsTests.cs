using MCU.Hub.Escalation;
using MCU.Hub.Events;
using MCU.Hub.Intake;
using MCU.Hub.Messages;
using MCU.Hub.Storage;

namespace MCU.Hub.Core.Tests.Deadlines;

public sealed class DeadlineOperationsTests
{
    [Fact]
    public async Task ExtendDeadlineAsync_AppealWithReason_AddsDaysRecordsTheReasonAndRespectsTheLimit()
    {
        await using var hub = new TestHub();
        var id = (await hub.Get<IMessageIntake>().SubmitAsync("api", TestHub.Item("A-1") with { Kind = MessageKind.Appeal }, "test", CancellationToken.None)).MessageId!;
        var ops = hub.Get<MessageOperations>();

        var extended = await ops.ExtendDeadlineAsync(id, 20, "запрошены документы в другом органе (59-ФЗ, ст. 10 ч. 2)", "specialist", CancellationToken.None);

        // 2 March + 50 days = 21 April 2026, a Tuesday.
        Assert.Equal(new DateTimeOffset(2026, 4, 22, 0, 0, 0, TimeSpan.FromHours(3)), extended.DueAt);
        var entry = (await hub.Get<IHubStore>().GetHistoryAsync(id, CancellationToken.None))[^1];
        Assert.Equal("deadline_extended", entry.Action);
        Assert.Equal("запрошены документы в другом органе (59-ФЗ, ст. 10 ч. 2)", entry.Comment);
        Assert.Contains(entry.Changes, c => c.Field == "due_at" && c.Old != c.New);

        var tooFar = await Assert.ThrowsAsync<HubValidationException>(() => ops.ExtendDeadlineAsync(id, 11, "ещё", "specialist", CancellationToken.None));
        Assert.Equal("amount", tooFar.Field);
        var noReason = await Assert.ThrowsAsync<HubValidationException>(() => ops.ExtendDeadlineAsync(id, 1, " ", "specialist", CancellationToken.None));
        Assert.Equal("reason", noReason.Field);
        Assert.Equal(1, (await hub.Get<IHubStore>().GetMessageAsync(id, CancellationToken.None))!.Version);
    }

    [Fact]
    public async Task ScanAsync_DeadlineApproachingThenPassing_RaisesEachLevelOnceInOrder()
    {
        await using var hub = new TestHub();
        var id = (await hub.Get<IMessageIntake>().SubmitAsync("pos", TestHub.Item("E-1"), "test", CancellationToken.None)).MessageId!;
        var store = hub.Get<IHubStore>();
        var scanner = hub.Get<EscalationScanner>();
        var due = (await store.GetMessageAsync(id, CancellationToken.None))!.DueAt!.Value;

        Assert.Equal(0, await scanner.ScanAsync(due.AddDays(-2), CancellationToken.None));
        Assert.Equal(1, await scanner.ScanAsync(due.AddHours(-3), CancellationToken.None));
        Assert.Equal(0, await scanner.ScanAsync(due.AddHours(-2), CancellationToken.None));
        Assert.Equal(2, await scanner.ScanAsync(due.AddDays(2), CancellationToken.None));
        Assert.Equal(0, await scanner.ScanAsync(due.AddDays(3), CancellationToken.None));

        var message = await store.GetMessageAsync(id, CancellationToken.None);
        Assert.Equal(["reminder", "deadline", "overdue"], message!.Escalations);
        var escalations = (await store.GetHistoryAsync(id, CancellationToken.None)).Where(h => h.Action == "escalated").ToList();
        Assert.Equal(3, escalations.Count);
        Assert.Contains("roads-dept", escalations[0].Comment, StringComparison.Ordinal);
        Assert.Contains("mcu-head", escalations[2].Comment, StringComparison.Ordinal);
        Assert.Equal(3, (await store.ReadEventsAsync(0, 100, CancellationToken.None)).Count(e => e.Type == HubEventTypes.Escalated));
    }

    [Fact]
    public async Task ScanAsync_MessageArrivingOverdue_RaisesOnlyTheLevelsStillAheadOfItsArrival_Issue10()
    {
        await using var hub = new TestHub();
        var store = hub.Get<IHubStore>();
        var intake = hub.Get<IMessageIntake>();
        var scanner = hub.Get<EscalationScanner>();
        var probe = (await intake.SubmitAsync("pos", TestHub.Item("E-10"), "test", CancellationToken.None)).MessageId!;
        var due = (await store.GetMessageAsync(probe, CancellationToken.None))!.DueAt!.Value;

        // Half a day after its deadline in the source system an appeal arrives (a replay after an outage), and years-old history is imported.
        hub.Time.SetUtcNow(due.AddHours(12));
        var late = (await intake.SubmitAsync("pos", TestHub.Item("E-11") with { DueAt = due }, "test", CancellationToken.None)).MessageId!;
        var old = new DateTimeOffset(2023, 5, 10, 9, 0, 0, TimeSpan.FromHours(3));
        var imported = (await intake.SubmitAsync("pos", TestHub.Item("E-12") with { CreatedAt = old, DueAt = old.AddDays(30) }, "test", CancellationToken.None)).MessageId!;
        Assert.Equal(due, (await store.GetMessageAsync(late, CancellationToken.None))!.DueAt);
        await scanner.ScanAsync(hub.Time.GetUtcNow(), CancellationToken.None);
        await scanner.ScanAsync(due.AddDays(2), CancellationToken.None);

        Assert.Equal(["overdue"], (await store.GetMessageAsync(late, CancellationToken.None))!.Escalations);
        Assert.Empty((await store.GetMessageAsync(imported, CancellationToken.None))!.Escalations);
        Assert.Equal(0, await scanner.ScanAsync(due.AddDays(2), CancellationToken.None));
    }

    [Fact]
    public async Task ScanAsync_AnsweredMessage_IsNotEscalated()
    {
        await using var hub = new TestHub();
        var id = (await hub.Get<IMessageIntake>().SubmitAsync("pos", TestHub.Item("E-2"), "test", CancellationToken.None)).MessageId!;
        await hub.Get<MessageOperations>().AnswerAsync(id, "Сделано", null, [], "x", CancellationToken.None);

        Assert.Equal(0, await hub.Get<EscalationScanner>().ScanAsync(hub.Time.GetUtcNow().AddDays(60), CancellationToken.None));
    }

    [Fact]
    public async Task RecomputeDeadlineAsync_AfterARegionalHolidayIsAdded_MovesTheDeadlineAndRecordsBothLegs()
    {
        var path = Path.Combine(Path.GetTempPath(), "mcu-hub-tests", Guid.NewGuid().ToString("N") + ".db");
        string id;
        DateTimeOffset before;
        await using (var hub = new TestHub(databasePath: path))
        {
            id = (await hub.Get<IMessageIntake>().SubmitAsync("api", TestHub.Item("R-1") with { Kind = MessageKind.Appeal }, "test", CancellationToken.None)).MessageId!;
            before = (await hub.Get<IHubStore>().GetMessageAsync(id, CancellationToken.None))!.DueAt!.Value;
        }

        // Due 1 April 2026 (end of day); the region declares 1 April a holiday.
        await using (var hub = new TestHub(o => o.Deadlines.Calendar.Overrides = [new(new DateOnly(2026, 4, 1), "holiday")], databasePath: path))
        {
            Assert.True(await hub.Get<MessageOperations>().RecomputeDeadlineAsync(id, "изменён календарь", "system", CancellationToken.None));
            Assert.False(await hub.Get<MessageOperations>().RecomputeDeadlineAsync(id, "изменён календарь", "system", CancellationToken.None));
            var after = (await hub.Get<IHubStore>().GetMessageAsync(id, CancellationToken.None))!.DueAt!.Value;
            Assert.Equal(before.AddDays(1), after);
            var legs = (await hub.Get<IHubStore>().GetHistoryAsync(id, CancellationToken.None)).Where(h => h.Action == "deadline").ToList();
            Assert.Equal(2, legs.Count);
        }
    }
}

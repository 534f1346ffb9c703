using MCU.Hub.Events;
using MCU.Hub.Intake;
using MCU.Hub.Messages;
using MCU.Hub.Storage;

namespace MCU.Hub.Core.Tests.Messages;

public sealed class MessageOperationsTests
{
    [Fact]
    public async Task AnswerAsync_RoutedMessage_RecordsAnswerStatusHistoryAndEvent()
    {
        await using var hub = new TestHub();
        var id = (await hub.Get<IMessageIntake>().SubmitAsync("pos", TestHub.Item("P-1"), "test", CancellationToken.None)).MessageId!;
        hub.Time.Advance(TimeSpan.FromDays(2));

        var answered = await hub.Get<MessageOperations>().AnswerAsync(id, "Яма заделана 04.03.2026.", "roads-dept", ["https://example.invalid/photo.jpg"], "specialist", CancellationToken.None);

        Assert.Equal(MessageStatus.Answered, answered.Status);
        Assert.Equal(hub.Time.GetUtcNow(), answered.Answer!.AnsweredAt);
        var store = hub.Get<IHubStore>();
        var stored = await store.GetMessageAsync(id, CancellationToken.None);
        Assert.Equal("Яма заделана 04.03.2026.", stored!.Answer!.Text);
        Assert.Equal(1, stored.Version);
        var last = (await store.GetHistoryAsync(id, CancellationToken.None))[^1];
        Assert.Equal("answered", last.Action);
        Assert.Equal("specialist", last.Actor);
        Assert.Contains(last.Changes, c => c is { Field: "status", Old: "Routed", New: "Answered" });
        var events = await store.ReadEventsAsync(0, 100, CancellationToken.None);
        Assert.Equal([HubEventTypes.Received, HubEventTypes.Routed, HubEventTypes.Answered], events.Select(e => e.Type));
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task AnswerAsync_EmptyText_ThrowsNamingTextAndChangesNothing()
    {
        await using var hub = new TestHub();
        var id = (await hub.Get<IMessageIntake>().SubmitAsync("pos", TestHub.Item("P-1"), "test", CancellationToken.None)).MessageId!;

        var error = await Assert.ThrowsAsync<HubValidationException>(() => hub.Get<MessageOperations>().AnswerAsync(id, " ", null, [], "x", CancellationToken.None));

        Assert.Equal("text", error.Field);
        Assert.Equal(0, (await hub.Get<IHubStore>().GetMessageAsync(id, CancellationToken.None))!.Version);
    }

    [Fact]
    public async Task ChangeStatusAsync_UnknownMessage_ThrowsNotFound()
    {
        await using var hub = new TestHub();
        await Assert.ThrowsAsync<MessageNotFoundException>(() => hub.Get<MessageOperations>().ChangeStatusAsync("0123456789abcdef0123456789abcdef", MessageStatus.Closed, null, "x", CancellationToken.None));
    }

    [Fact]
    public async Task ChangeStatusAsync_ForbiddenTransition_ThrowsNamingStatus()
    {
        await using var hub = new TestHub();
        var id = (await hub.Get<IMessageIntake>().SubmitAsync("pos", TestHub.Item("P-1"), "test", CancellationToken.None)).MessageId!;

        var error = await Assert.ThrowsAsync<HubValidationException>(() => hub.Get<MessageOperations>().ChangeStatusAsync(id, MessageStatus.Closed, null, "x", CancellationToken.None));
        Assert.Equal("status", error.Field);
    }

    [Fact]
    public async Task ChangeStatusAsync_FullLifeCycle_FollowsTheAllowedPath()
    {
        await using var hub = new TestHub();
        var ops = hub.Get<MessageOperations>();
        var id = (await hub.Get<IMessageIntake>().SubmitAsync("pos", TestHub.Item("P-1"), "test", CancellationToken.None)).MessageId!;

        await ops.ChangeStatusAsync(id, MessageStatus.InProgress, "взято в работу", "exec", CancellationToken.None);
        await ops.AnswerAsync(id, "Выполнено", null, [], "exec", CancellationToken.None);
        await ops.ChangeStatusAsync(id, MessageStatus.Reopened, "заявитель не согласен", "citizen", CancellationToken.None);
        await ops.AnswerAsync(id, "Выполнено повторно", null, [], "exec", CancellationToken.None);
        var closed = await ops.ChangeStatusAsync(id, MessageStatus.Closed, null, "specialist", CancellationToken.None);

        Assert.Equal(MessageStatus.Closed, closed.Status);
        Assert.Equal(5, closed.Version);
        Assert.Equal("Выполнено повторно", closed.Answer!.Text);
    }

    [Fact]
    public async Task ChangeStatusAsync_ConcurrentChanges_NoneIsLost()
    {
        await using var hub = new TestHub();
        var ops = hub.Get<MessageOperations>();
        var id = (await hub.Get<IMessageIntake>().SubmitAsync("pos", TestHub.Item("P-1"), "test", CancellationToken.None)).MessageId!;

        // Return and re-route alternately from many callers: each success must be one version and one history entry.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            try
            {
                await ops.ChangeStatusAsync(id, i % 2 == 0 ? MessageStatus.InProgress : MessageStatus.Rejected, null, "x", CancellationToken.None);
                return true;
            }
            catch (HubValidationException)
            {
                return false;
            }
        })));

        var stored = await hub.Get<IHubStore>().GetMessageAsync(id, CancellationToken.None);
        var statusEntries = (await hub.Get<IHubStore>().GetHistoryAsync(id, CancellationToken.None)).Count(h => h.Action == "status");
        Assert.Equal(outcomes.Count(o => o), stored!.Version);
        Assert.Equal(stored.Version, statusEntries);
    }
}

public sealed class ChangeCategoryTests
{
    [Fact]
    public async Task ChangeCategoryAsync_ToAnotherRuledCategory_ReroutesRecomputesAndKeepsBothLegs()
    {
        // The ЖКХ rule puts its messages on the fast-track deadline policy.
        await using var hub = new TestHub(o => o.Rules[1].DeadlinePolicy = "fast-track");
        var id = (await hub.Get<IMessageIntake>().SubmitAsync("pos", TestHub.Item("C-1"), "test", CancellationToken.None)).MessageId!;
        var before = (await hub.Get<IHubStore>().GetMessageAsync(id, CancellationToken.None))!;

        var changed = await hub.Get<MessageOperations>().ChangeCategoryAsync(id, "heating", "на самом деле не греют батареи", "specialist", CancellationToken.None);

        Assert.Equal("roads-dept", Assert.Single(before.Recipients));
        Assert.Equal(("heating", "housing-utilities"), (changed.Category, changed.Block));
        Assert.Equal(["utilities"], changed.Recipients);
        Assert.Equal("ЖКХ", changed.RoutedByRule);
        Assert.Equal("fast-track", changed.DeadlinePolicy);
        Assert.True(changed.DueAt < before.DueAt);
        var history = await hub.Get<IHubStore>().GetHistoryAsync(id, CancellationToken.None);
        Assert.Equal(["received", "classified", "routed", "deadline", "category", "routed", "deadline"], history.Select(h => h.Action));
        Assert.Contains(history[5].Changes, c => c is { Field: "recipients", Old: "roads-dept", New: "utilities" });
        Assert.Equal("specialist", history[4].Actor);
        Assert.Contains(history[4].Changes, c => c is { Field: "category", Old: "road-repair", New: "heating" });
    }

    [Fact]
    public async Task ChangeCategoryAsync_ToACategoryNoRuleCovers_ReturnsTheMessageToManualTriage()
    {
        await using var hub = new TestHub();
        var id = (await hub.Get<IMessageIntake>().SubmitAsync("pos", TestHub.Item("C-2"), "test", CancellationToken.None)).MessageId!;

        var changed = await hub.Get<MessageOperations>().ChangeCategoryAsync(id, "education", null, "specialist", CancellationToken.None);

        Assert.Empty(changed.Recipients);
        Assert.Equal(MessageStatus.New, changed.Status);
        var unknown = await Assert.ThrowsAsync<HubValidationException>(() => hub.Get<MessageOperations>().ChangeCategoryAsync(id, "astrology", null, "x", CancellationToken.None));
        Assert.Equal("category", unknown.Field);
    }
}

public sealed class ReassignTests
{
    [Fact]
    public async Task ReassignAsync_RoutedMessage_ChangesRecipientsKeepsTheDeadlineAndRecordsTheReason()
    {
        await using var hub = new TestHub();
        var id = (await hub.Get<IMessageIntake>().SubmitAsync("pos", TestHub.Item("R-1"), "test", CancellationToken.None)).MessageId!;
        var before = (await hub.Get<IHubStore>().GetMessageAsync(id, CancellationToken.None))!;
        hub.Time.Advance(TimeSpan.FromHours(3));

        var changed = await hub.Get<MessageOperations>().ReassignAsync(id, ["utilities", "roads-dept", "utilities"], "нужен и ЖКХ: прорыв трубы под дорогой", "specialist", CancellationToken.None);

        Assert.Equal(["roads-dept"], before.Recipients);
        Assert.True(before.AutomatedDelivery);
        Assert.Equal(["utilities", "roads-dept"], changed.Recipients);
        Assert.Equal(MessageStatus.Routed, changed.Status);
        Assert.False(changed.AutomatedDelivery);
        Assert.Equal(before.DueAt, changed.DueAt);
        var store = hub.Get<IHubStore>();
        Assert.Equal(changed.Recipients, (await store.GetMessageAsync(id, CancellationToken.None))!.Recipients);
        var last = (await store.GetHistoryAsync(id, CancellationToken.None))[^1];
        Assert.Equal(("reassigned", "specialist", "нужен и ЖКХ: прорыв трубы под дорогой"), (last.Action, last.Actor, last.Comment));
        Assert.Contains(last.Changes, c => c is { Field: "recipients", Old: "roads-dept", New: "utilities,roads-dept" });
        Assert.DoesNotContain(last.Changes, c => c.Field == "due_at");
        var events = await store.ReadEventsAsync(0, 100, CancellationToken.None);
        Assert.Equal(HubEventTypes.Reassigned, events[^1].Type);
    }

    [Fact]
    public async Task ReassignAsync_MessageWaitingForTriage_BecomesRouted()
    {
        await using var hub = new TestHub();
        var id = (await hub.Get<IMessageIntake>().SubmitAsync("pos", TestHub.Item("R-2", "Просьба рассмотреть вопрос", address: null), "test", CancellationToken.None)).MessageId!;

        var changed = await hub.Get<MessageOperations>().ReassignAsync(id, ["utilities"], "ручная сортировка", "specialist", CancellationToken.None);

        Assert.Equal(MessageStatus.Routed, changed.Status);
        var last = (await hub.Get<IHubStore>().GetHistoryAsync(id, CancellationToken.None))[^1];
        Assert.Contains(last.Changes, c => c is { Field: "status", Old: "New", New: "Routed" });
    }

    [Theory]
    [InlineData("unknown recipient", "recipients")]
    [InlineData("no recipient", "recipients")]
    [InlineData("same recipients", "recipients")]
    [InlineData("no reason", "reason")]
    [InlineData("closed", "status")]
    public async Task ReassignAsync_InvalidRequest_ThrowsNamingTheFieldAndChangesNothing(string invalidCase, string field)
    {
        await using var hub = new TestHub();
        var ops = hub.Get<MessageOperations>();
        var id = (await hub.Get<IMessageIntake>().SubmitAsync("pos", TestHub.Item("R-3"), "test", CancellationToken.None)).MessageId!;
        if (invalidCase == "closed")
            await ops.ChangeStatusAsync(id, MessageStatus.Rejected, "спам", "specialist", CancellationToken.None);
        var version = (await hub.Get<IHubStore>().GetMessageAsync(id, CancellationToken.None))!.Version;
        IReadOnlyList<string> recipients = invalidCase switch
        {
            "unknown recipient" => ["utilities", "astrologers"],
            "no recipient" => [],
            "same recipients" => ["roads-dept"],
            _ => ["utilities"],
        };

        var error = await Assert.ThrowsAsync<HubValidationException>(() => ops.ReassignAsync(id, recipients, invalidCase == "no reason" ? " " : "причина", "x", CancellationToken.None));

        Assert.Equal(field, error.Field);
        Assert.Equal(version, (await hub.Get<IHubStore>().GetMessageAsync(id, CancellationToken.None))!.Version);
    }

    [Fact]
    public async Task ReassignAsync_UnknownMessage_ThrowsNotFound()
    {
        await using var hub = new TestHub();
        await Assert.ThrowsAsync<MessageNotFoundException>(() => hub.Get<MessageOperations>().ReassignAsync("0123456789abcdef0123456789abcdef", ["utilities"], "причина", "x", CancellationToken.None));
    }
}

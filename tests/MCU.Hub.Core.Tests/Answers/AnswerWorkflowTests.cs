using MCU.Hub.Answers;
using MCU.Hub.Events;
using MCU.Hub.Intake;
using MCU.Hub.Messages;
using MCU.Hub.Storage;

namespace MCU.Hub.Core.Tests.Answers;

public sealed class AnswerWorkflowTests
{
    private static async Task<string> SubmitAsync(TestHub hub, string externalId) =>
        (await hub.Get<IMessageIntake>().SubmitAsync("", "api", TestHub.Item(externalId), "test", CancellationToken.None)).MessageId!;

    private static DraftSubmission Draft(string text, params AnswerEvidence[] evidence) => new() { Text = text, Evidence = evidence };

    [Fact]
    public async Task Cycle_ReturnedThenApproved_KeepsEveryStepAndSetsAutomatedControl()
    {
        await using var hub = new TestHub();
        var workflow = hub.Get<AnswerWorkflow>();
        var id = await SubmitAsync(hub, "c-1");

        var first = await workflow.SubmitDraftAsync(id, Draft("Яма будет заделана."), "executor", CancellationToken.None);
        var returned = await workflow.ReturnDraftAsync(id, 1, "Укажите срок и приложите фото", "specialist", CancellationToken.None);
        var second = await workflow.SubmitDraftAsync(id, Draft("Яма заделана 03.03.2026.",
            new AnswerEvidence { Kind = EvidenceKind.Photo, Url = "https://files.example/after.jpg" },
            new AnswerEvidence { Kind = EvidenceKind.GlonassTrack, Url = "https://glonass.example/track/77" }), "executor", CancellationToken.None);
        var approved = await workflow.ApproveDraftAsync(id, 2, null, "specialist", CancellationToken.None);

        Assert.Equal((1, DraftState.Submitted, MessageStatus.InProgress), (first.Draft!.Revision, first.Draft.State, first.Status));
        Assert.Equal((DraftState.Returned, 1, "Укажите срок и приложите фото"), (returned.Draft!.State, returned.Draft.ReworkCount, returned.Draft.ReviewComment));
        Assert.Equal((2, DraftState.Submitted, 1), (second.Draft!.Revision, second.Draft.State, second.Draft.ReworkCount));
        Assert.Equal(DraftState.Approved, approved.Draft!.State);
        Assert.Equal(MessageStatus.Answered, approved.Status);
        Assert.Equal("Яма заделана 03.03.2026.", approved.Answer!.Text);
        Assert.Equal("specialist", approved.Answer.ApprovedBy);
        Assert.Equal(["https://files.example/after.jpg"], approved.Answer.Attachments);
        Assert.Equal(2, approved.Answer.Evidence.Count);
        Assert.True(approved.AutomatedControl);
        Assert.Equal(0, approved.ReturnCount);
        Assert.NotNull(approved.FirstAnsweredAt);

        var history = await hub.Get<IHubStore>().GetHistoryAsync(id, CancellationToken.None);
        Assert.Equal(["draft_submitted", "draft_returned", "draft_submitted", "draft_approved"], history.Select(h => h.Action).Where(a => a.StartsWith("draft_", StringComparison.Ordinal)));
        Assert.Equal("specialist", history.Single(h => h.Action == "draft_returned").Actor);
        var events = await hub.Get<IHubStore>().ReadEventsAsync(0, 100, CancellationToken.None);
        Assert.Equal(
            [HubEventTypes.DraftSubmitted, HubEventTypes.DraftReturned, HubEventTypes.DraftSubmitted, HubEventTypes.DraftApproved, HubEventTypes.Answered],
            events.Where(e => e.MessageId == id && e.Type is not (HubEventTypes.Received or HubEventTypes.Routed)).Select(e => e.Type));
    }

    [Fact]
    public async Task Approve_WithoutEvidence_LeavesAutomatedControlOff()
    {
        await using var hub = new TestHub();
        var workflow = hub.Get<AnswerWorkflow>();
        var id = await SubmitAsync(hub, "c-2");
        await workflow.SubmitDraftAsync(id, Draft("Работы выполнены."), "executor", CancellationToken.None);

        var approved = await workflow.ApproveDraftAsync(id, 0, "ok", "specialist", CancellationToken.None);

        Assert.False(approved.AutomatedControl);
        Assert.Empty(approved.Answer!.Attachments);
    }

    [Fact]
    public async Task Approve_AfterApproval_IsAConflictAndChangesNothing()
    {
        await using var hub = new TestHub();
        var workflow = hub.Get<AnswerWorkflow>();
        var id = await SubmitAsync(hub, "c-3");
        await workflow.SubmitDraftAsync(id, Draft("Работы выполнены."), "executor", CancellationToken.None);
        var approved = await workflow.ApproveDraftAsync(id, 1, null, "first", CancellationToken.None);

        var error = await Assert.ThrowsAsync<AnswerConflictException>(() => workflow.ApproveDraftAsync(id, 1, null, "second", CancellationToken.None));

        Assert.False(error.Stale);
        Assert.Contains("уже согласован", error.Message, StringComparison.Ordinal);
        var stored = await hub.Get<IHubStore>().GetMessageAsync(id, CancellationToken.None);
        Assert.Equal(approved.Version, stored!.Version);
        Assert.Equal("first", stored.Answer!.ApprovedBy);
    }

    [Fact]
    public async Task Approve_OlderRevisionThanCurrent_IsStale()
    {
        await using var hub = new TestHub();
        var workflow = hub.Get<AnswerWorkflow>();
        var id = await SubmitAsync(hub, "c-4");
        await workflow.SubmitDraftAsync(id, Draft("Первая редакция."), "executor", CancellationToken.None);
        await workflow.SubmitDraftAsync(id, Draft("Вторая редакция."), "executor", CancellationToken.None);

        var error = await Assert.ThrowsAsync<AnswerConflictException>(() => workflow.ApproveDraftAsync(id, 1, null, "specialist", CancellationToken.None));

        Assert.True(error.Stale);
        Assert.Equal(DraftState.Submitted, (await hub.Get<IHubStore>().GetMessageAsync(id, CancellationToken.None))!.Draft!.State);
    }

    [Fact]
    public async Task SaveOnly_IsNotInTheReviewQueueAndCannotBeApproved()
    {
        await using var hub = new TestHub();
        var workflow = hub.Get<AnswerWorkflow>();
        var id = await SubmitAsync(hub, "c-5");
        var saved = await workflow.SubmitDraftAsync(id, Draft("Черновик.") with { SaveOnly = true }, "executor", CancellationToken.None);
        var other = await SubmitAsync(hub, "c-6");
        await workflow.SubmitDraftAsync(other, Draft("На согласование."), "executor", CancellationToken.None);

        var queue = await workflow.ListSubmittedAsync([], null, null, 10, CancellationToken.None);

        Assert.Equal(DraftState.Draft, saved.Draft!.State);
        Assert.Equal([other], queue.Items.Select(m => m.Id));
        await Assert.ThrowsAsync<AnswerConflictException>(() => workflow.ApproveDraftAsync(id, 0, null, "specialist", CancellationToken.None));
    }

    [Fact]
    public async Task ReviewQueue_PagesWithoutLosingOrRepeatingDrafts()
    {
        await using var hub = new TestHub();
        var workflow = hub.Get<AnswerWorkflow>();
        var submitted = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var id = await SubmitAsync(hub, $"q-{i}");
            if (i % 3 != 1)
            {
                await workflow.SubmitDraftAsync(id, Draft($"Ответ {i}."), "executor", CancellationToken.None);
                submitted.Add(id);
            }
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await workflow.ListSubmittedAsync([], null, cursor, 2, CancellationToken.None);
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(m => m.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(submitted.Order(StringComparer.Ordinal).Reverse(), seen);
    }

    [Fact]
    public async Task Interim_OnAChannelWithoutInterimAnswers_IsRecordedAndNotQueued()
    {
        await using var hub = new TestHub();
        var workflow = hub.Get<AnswerWorkflow>();
        var id = await SubmitAsync(hub, "c-7");
        var expected = hub.Time.GetUtcNow().AddDays(10);

        var outcome = await workflow.SendInterimAnswerAsync(id, "Работы запланированы, срок — 10 дней.", expected, "executor", CancellationToken.None);

        Assert.False(outcome.SentToChannel);
        Assert.Contains("не принимает промежуточные ответы", outcome.Note, StringComparison.Ordinal);
        var interim = Assert.Single(outcome.Message.InterimAnswers);
        Assert.Equal((expected, false), (interim.ExpectedBy, interim.SentToChannel));
        Assert.Equal(MessageStatus.InProgress, outcome.Message.Status);
        Assert.Empty(await hub.Get<IHubStore>().ListDeliveriesAsync([], id, 10, CancellationToken.None));
        var entry = (await hub.Get<IHubStore>().GetHistoryAsync(id, CancellationToken.None)).Single(h => h.Action == "interim_answer");
        Assert.Contains(entry.Changes, c => c.Field == "expected_by" && c.New == expected.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("", "text")]
    [InlineData("   ", "text")]
    public async Task Submit_EmptyText_NamesTheField(string text, string field)
    {
        await using var hub = new TestHub();
        var id = await SubmitAsync(hub, "c-8");

        var error = await Assert.ThrowsAsync<HubValidationException>(() => hub.Get<AnswerWorkflow>().SubmitDraftAsync(id, Draft(text), "executor", CancellationToken.None));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public async Task Submit_EvidenceWithoutALink_NamesTheEvidenceField()
    {
        await using var hub = new TestHub();
        var id = await SubmitAsync(hub, "c-9");

        var error = await Assert.ThrowsAsync<HubValidationException>(() => hub.Get<AnswerWorkflow>().SubmitDraftAsync(id,
            Draft("Сделано.", new AnswerEvidence { Kind = EvidenceKind.Photo, Url = "https://ok.example/1.jpg" }, new AnswerEvidence { Kind = EvidenceKind.Video, Url = "file:///c/video.mp4" }),
            "executor", CancellationToken.None));

        Assert.Equal("evidence[1].url", error.Field);
    }

    [Fact]
    public async Task Interim_DateInThePast_NamesExpectedBy()
    {
        await using var hub = new TestHub();
        var id = await SubmitAsync(hub, "c-10");

        var error = await Assert.ThrowsAsync<HubValidationException>(() => hub.Get<AnswerWorkflow>().SendInterimAnswerAsync(id, "Скоро.", hub.Time.GetUtcNow().AddHours(-1), "executor", CancellationToken.None));

        Assert.Equal("expected_by", error.Field);
    }

    [Fact]
    public async Task Submit_OnAnsweredMessage_IsRefused()
    {
        await using var hub = new TestHub();
        var id = await SubmitAsync(hub, "c-11");
        await hub.Get<MessageOperations>().AnswerAsync(id, "Дан ответ.", null, [], "test", CancellationToken.None);

        var error = await Assert.ThrowsAsync<HubValidationException>(() => hub.Get<AnswerWorkflow>().SubmitDraftAsync(id, Draft("Ещё ответ."), "executor", CancellationToken.None));

        Assert.Equal("status", error.Field);
    }
}

using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MCU.Hub.Emulators.IncidentManagement;
using MCU.Hub.Emulators.PayAttention;
using MCU.Hub.Emulators.Pos;
using MCU.Hub.Grpc.V1;

namespace MCU.Hub.Host.Tests.Answers;

/// <summary>
/// The answer cycle through the public API, on the real host with real channel plugins and their emulators over HTTP:
/// draft, return, redraft, approval, delivery to the channel exactly once; interim answers; who may do what.
/// </summary>
public sealed class AnswerCycleTests
{
    private static Task<PosEmulator> PosAsync() => PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 3, Seed = 9 });

    [Fact]
    public async Task DraftReturnRedraftApprove_ReachesTheChannelExactlyOnce()
    {
        await using var emulator = await PosAsync();
        await using var rig = await AnswerRig.StartAsync("pos", emulator.BaseAddress, 3);
        var target = emulator.Messages[1];
        var id = await rig.RoadsMessageAsync("pos", target.Id);
        var executor = rig.Answers(AnswerRig.RoadsExecutorKey);
        var specialist = rig.Answers(AnswerRig.SpecialistKey);

        var first = await executor.SubmitDraftAsync(new SubmitDraftRequest { Id = id, Text = "Яма будет заделана." });
        var queue = await specialist.ListDraftsAsync(new ListDraftsRequest());
        var returned = await specialist.ReturnDraftAsync(new ReturnDraftRequest { Id = id, Revision = 1, Comment = "Укажите дату работ и приложите фото" });
        var second = await executor.SubmitDraftAsync(new SubmitDraftRequest
        {
            Id = id,
            Text = "Яма заделана 20.11.2026, фото приложено.",
            Evidence =
            {
                new AnswerEvidence { Kind = EvidenceKind.Photo, Url = "https://files.example/after-1.jpg", Description = "После ремонта" },
                new AnswerEvidence { Kind = EvidenceKind.GlonassTrack, Url = "https://glonass.example/tracks/a123" },
            },
        });
        var approved = await specialist.ApproveDraftAsync(new ApproveDraftRequest { Id = id, Revision = 2 });
        var after = await specialist.ListDraftsAsync(new ListDraftsRequest());

        Assert.Equal((1, DraftState.Submitted, MessageStatus.InProgress, "roads-dept"), (first.Draft.Revision, first.Draft.State, first.Status, first.Draft.AnsweredBy));
        Assert.Contains(queue.Drafts, d => d.MessageId == id);
        Assert.Equal((DraftState.Returned, 1), (returned.Draft.State, returned.Draft.ReworkCount));
        Assert.Equal((2, DraftState.Submitted, "Укажите дату работ и приложите фото"), (second.Draft.Revision, second.Draft.State, second.Draft.ReviewComment));
        Assert.Equal((DraftState.Approved, MessageStatus.Answered, true), (approved.Draft.State, approved.Status, approved.AutomatedControl));
        Assert.Equal("Яма заделана 20.11.2026, фото приложено.", approved.Answer.Text);
        Assert.DoesNotContain(after.Drafts, d => d.MessageId == id);

        var got = await AnswerRig.EventuallyAsync(
            () => rig.Messages.GetMessageAsync(new GetMessageRequest { Id = id }).ResponseAsync,
            r => r.Deliveries.Count == 1 && r.Deliveries[0].State == DeliveryState.Acknowledged);
        var delivery = Assert.Single(got.Deliveries);
        Assert.Equal((DeliveryState.Acknowledged, "answer"), (delivery.State, delivery.Kind));
        await Task.Delay(500);
        var answer = Assert.Single(emulator.Answers);
        Assert.Equal((target.Id, "answered"), (answer.MessageId, answer.Status));
        Assert.Equal("Яма заделана 20.11.2026, фото приложено.", answer.Text);
        Assert.Equal(["https://files.example/after-1.jpg"], answer.Attachments);
        Assert.Equal(delivery.Id, answer.IdempotencyKey);
        var tracked = Assert.Single((await specialist.GetDraftAsync(new GetDraftRequest { Id = id })).Deliveries);
        Assert.Equal((delivery.Id, DeliveryState.Acknowledged, answer.AnswerId), (tracked.Id, tracked.State, tracked.ExternalReplyId));

        Assert.True(got.Message.AutomatedControl);
        Assert.Equal(
            ["draft_submitted", "draft_returned", "draft_submitted", "draft_approved"],
            got.History.Select(h => h.Action).Where(a => a.StartsWith("draft_", StringComparison.Ordinal)));
        Assert.Equal("api:mcu-specialist", got.History.Single(h => h.Action == "draft_returned").Actor);
        Assert.Equal("api:executor-roads", got.History.Last(h => h.Action == "draft_submitted").Actor);
    }

    [Fact]
    public async Task Executor_CannotApproveOrReturn()
    {
        await using var emulator = await PosAsync();
        await using var rig = await AnswerRig.StartAsync("pos", emulator.BaseAddress, 3);
        var id = await rig.RoadsMessageAsync("pos", emulator.Messages[0].Id);
        var executor = rig.Answers(AnswerRig.RoadsExecutorKey);
        await executor.SubmitDraftAsync(new SubmitDraftRequest { Id = id, Text = "Работы выполнены." });

        var approve = await Assert.ThrowsAsync<RpcException>(() => executor.ApproveDraftAsync(new ApproveDraftRequest { Id = id }).ResponseAsync);
        var giveBack = await Assert.ThrowsAsync<RpcException>(() => executor.ReturnDraftAsync(new ReturnDraftRequest { Id = id, Comment = "сам себе" }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, approve.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, giveBack.StatusCode);
        var draft = await executor.GetDraftAsync(new GetDraftRequest { Id = id });
        Assert.Equal((DraftState.Submitted, MessageStatus.InProgress), (draft.Draft.State, draft.Status));
        await Task.Delay(300);
        Assert.Empty(emulator.Answers);
    }

    [Fact]
    public async Task Executor_CannotDraftAnotherRecipientsMessage()
    {
        await using var emulator = await PosAsync();
        await using var rig = await AnswerRig.StartAsync("pos", emulator.BaseAddress, 3);
        var id = await rig.RoadsMessageAsync("pos", emulator.Messages[2].Id);

        var error = await Assert.ThrowsAsync<RpcException>(() => rig.Answers(AnswerRig.ParksExecutorKey).SubmitDraftAsync(new SubmitDraftRequest { Id = id, Text = "Не наше, но ответим." }).ResponseAsync);
        var interim = await Assert.ThrowsAsync<RpcException>(() => rig.Answers(AnswerRig.ParksExecutorKey).SendInterimAnswerAsync(new SendInterimAnswerRequest
        {
            Id = id, Text = "Скоро.", ExpectedBy = Timestamp.FromDateTimeOffset(TimeProvider.System.GetUtcNow().AddDays(3)),
        }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("roads-dept", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("parks-dept", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.PermissionDenied, interim.StatusCode);
        var none = await Assert.ThrowsAsync<RpcException>(() => rig.Answers(AnswerRig.SpecialistKey).GetDraftAsync(new GetDraftRequest { Id = id }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task ConcurrentApprovals_OneWinsTheOtherConflicts_AndTheChannelGetsOneAnswer()
    {
        await using var emulator = await PosAsync();
        await using var rig = await AnswerRig.StartAsync("pos", emulator.BaseAddress, 3);
        var ids = new List<string>();
        foreach (var item in emulator.Messages)
            ids.Add(await rig.RoadsMessageAsync("pos", item.Id));
        var executor = rig.Answers(AnswerRig.RoadsExecutorKey);
        foreach (var id in ids)
            await executor.SubmitDraftAsync(new SubmitDraftRequest { Id = id, Text = $"Ответ на {id}." });
        var first = rig.Answers(AnswerRig.SpecialistKey);
        var second = rig.Answers();

        var outcomes = new List<StatusCode>();
        foreach (var id in ids)
        {
            var calls = new[] { first, second, first }.Select(c => c.ApproveDraftAsync(new ApproveDraftRequest { Id = id }).ResponseAsync).ToArray();
            foreach (var call in calls)
            {
                try
                {
                    await call;
                    outcomes.Add(StatusCode.OK);
                }
                catch (RpcException e)
                {
                    outcomes.Add(e.StatusCode);
                    Assert.Contains("уже согласован", e.Status.Detail, StringComparison.Ordinal);
                }
            }
        }

        Assert.Equal(3, outcomes.Count(o => o == StatusCode.OK));
        Assert.Equal(6, outcomes.Count(o => o == StatusCode.FailedPrecondition));
        await AnswerRig.EventuallyAsync(() => Task.FromResult(emulator.Answers.Count), n => n >= 3);
        await Task.Delay(500);
        Assert.Equal(emulator.Messages.Select(m => m.Id).Order(StringComparer.Ordinal), emulator.Answers.Select(a => a.MessageId).Order(StringComparer.Ordinal));
        foreach (var id in ids)
            Assert.Single(await rig.Host.Store.ListDeliveriesAsync([], id, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Approve_AnOlderRevision_IsAborted()
    {
        await using var emulator = await PosAsync();
        await using var rig = await AnswerRig.StartAsync("pos", emulator.BaseAddress, 3);
        var id = await rig.RoadsMessageAsync("pos", emulator.Messages[0].Id);
        var executor = rig.Answers(AnswerRig.RoadsExecutorKey);
        await executor.SubmitDraftAsync(new SubmitDraftRequest { Id = id, Text = "Первая редакция." });
        await executor.SubmitDraftAsync(new SubmitDraftRequest { Id = id, Text = "Вторая редакция." });

        var error = await Assert.ThrowsAsync<RpcException>(() => rig.Answers(AnswerRig.SpecialistKey).ApproveDraftAsync(new ApproveDraftRequest { Id = id, Revision = 1 }).ResponseAsync);

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Contains("редакция 2", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interim_ReachesPosWithTheNewDate()
    {
        await using var emulator = await PosAsync();
        await using var rig = await AnswerRig.StartAsync("pos", emulator.BaseAddress, 3);
        var target = emulator.Messages[0];
        var id = await rig.RoadsMessageAsync("pos", target.Id);
        var expected = new DateTimeOffset(TimeProvider.System.GetUtcNow().AddDays(14).Date, TimeSpan.Zero);

        var outcome = await rig.Answers(AnswerRig.RoadsExecutorKey).SendInterimAnswerAsync(new SendInterimAnswerRequest
        {
            Id = id, Text = "Ремонт включён в план работ, окончательный ответ — после его выполнения.", ExpectedBy = Timestamp.FromDateTimeOffset(expected),
        });

        Assert.True(outcome.SentToChannel);
        Assert.Equal(MessageStatus.InProgress, outcome.Message.Status);
        var interim = Assert.Single(outcome.Message.InterimAnswers);
        Assert.Equal(expected, interim.ExpectedBy.ToDateTimeOffset());
        await AnswerRig.EventuallyAsync(() => Task.FromResult(emulator.Answers.Count), n => n >= 1);
        await Task.Delay(300);
        var received = Assert.Single(emulator.Answers);
        Assert.Equal((target.Id, PosStatuses.IntermediateAnswer), (received.MessageId, received.Status));
        Assert.Equal(expected, received.ExpectedBy);
        Assert.Equal("Ремонт включён в план работ, окончательный ответ — после его выполнения.", received.Text);
        var delivery = Assert.Single(await rig.Host.Store.ListDeliveriesAsync([], id, 10, CancellationToken.None));
        Assert.Equal("interim", delivery.Kind);
    }

    [Fact]
    public async Task Interim_ReachesPayAttentionWithTheNewDate()
    {
        await using var emulator = await PayAttentionEmulator.StartAsync(new PayAttentionEmulatorOptions { TotalMessages = 2, Seed = 4 });
        await using var rig = await AnswerRig.StartAsync("pay-attention", emulator.BaseAddress, 2);
        var target = emulator.Messages[1];
        var id = await rig.RoadsMessageAsync("pay-attention", target.Id);
        var expected = new DateTimeOffset(TimeProvider.System.GetUtcNow().AddDays(5).Date, TimeSpan.Zero);

        var outcome = await rig.Answers(AnswerRig.RoadsExecutorKey).SendInterimAnswerAsync(new SendInterimAnswerRequest
        {
            Id = id, Text = "Качели демонтированы, новые установят в течение пяти дней.", ExpectedBy = Timestamp.FromDateTimeOffset(expected),
        });

        Assert.True(outcome.SentToChannel);
        await AnswerRig.EventuallyAsync(() => Task.FromResult(emulator.Answers.Count), n => n >= 1);
        await Task.Delay(300);
        var received = Assert.Single(emulator.Answers);
        Assert.Equal((target.Id, PayAttentionStatuses.InterimAnswer, (DateTimeOffset?)expected), (received.MessageId, received.Status, received.ExpectedBy));
    }

    [Fact]
    public async Task Interim_OnAChannelWithoutThem_IsRecordedNotSent_WhileAnswersStillGo()
    {
        await using var emulator = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 2, Seed = 4 });
        await using var rig = await AnswerRig.StartAsync("incident-management", emulator.BaseAddress, 2);
        var target = emulator.Incidents[0];
        var id = await rig.RoadsMessageAsync("incident-management", target.Id);
        var executor = rig.Answers(AnswerRig.RoadsExecutorKey);

        var outcome = await executor.SendInterimAnswerAsync(new SendInterimAnswerRequest
        {
            Id = id, Text = "Работы запланированы.", ExpectedBy = Timestamp.FromDateTimeOffset(TimeProvider.System.GetUtcNow().AddDays(7)),
        });
        await Task.Delay(500);

        Assert.False(outcome.SentToChannel);
        Assert.Contains("не принимает промежуточные ответы", outcome.Note, StringComparison.Ordinal);
        Assert.False(Assert.Single(outcome.Message.InterimAnswers).SentToChannel);
        Assert.Empty(emulator.Replies);
        Assert.Empty(await rig.Host.Store.ListDeliveriesAsync([], id, 10, CancellationToken.None));
        var history = await rig.Messages.GetMessageHistoryAsync(new GetMessageHistoryRequest { Id = id });
        Assert.Contains(history.Entries, h => h.Action == "interim_answer" && h.Comment.Contains("ничего не отправлено", StringComparison.Ordinal));

        await executor.SubmitDraftAsync(new SubmitDraftRequest { Id = id, Text = "Работы выполнены." });
        await rig.Answers(AnswerRig.SpecialistKey).ApproveDraftAsync(new ApproveDraftRequest { Id = id });
        await AnswerRig.EventuallyAsync(() => Task.FromResult(emulator.Replies.Count), n => n >= 1);
        await Task.Delay(300);
        var reply = Assert.Single(emulator.Replies);
        Assert.Equal((target.Id, "Работы выполнены."), (reply.IncidentId, reply.Text));
    }
}

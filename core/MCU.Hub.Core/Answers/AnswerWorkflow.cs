using MCU.Hub.Directories;
using MCU.Hub.Events;
using MCU.Hub.Intake;
using MCU.Hub.Messages;
using MCU.Hub.Outbox;
using MCU.Hub.Storage;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Answers;

/// <summary>
/// The answer cycle of a message: the responsible recipient's executor writes a draft answer (text, attachments, proof of
/// the work done); an МЦУ specialist approves it — it becomes the answer and goes back through the originating channel —
/// or returns it for rework with a comment; interim answers (промежуточный ответ) promise a new date where the channel
/// takes them.
/// </summary>
/// <remarks>
/// Each step is one atomic change of the message — the draft, the status, the history entry, the events and, on approval
/// or an interim answer, the outbox delivery — with optimistic concurrency: of two approvals at once one wins and the
/// other gets <see cref="AnswerConflictException"/>. Who may take a step (permissions, the recipients a person works on)
/// is the caller's check; this service checks the message and the draft.
/// </remarks>
public sealed class AnswerWorkflow
{
    private const int MaxEvidence = 50;
    private const int MaxCommentLength = 2_000;
    private const int MaxReviewScan = 5_000;
    private static readonly TimeSpan MaxExpectedAhead = TimeSpan.FromDays(366);
    private readonly IHubStore _store;
    private readonly TimeProvider _time;
    private readonly MessageOperations _operations;
    private readonly HubDirectory _directory;
    private readonly McuHubOptions _options;

    /// <summary>Creates the workflow.</summary>
    /// <param name="store">The store.</param>
    /// <param name="time">The clock.</param>
    /// <param name="operations">The message operations whose answer path and channel replies an approval shares.</param>
    /// <param name="directory">The directory, to check recipients.</param>
    /// <param name="options">The engine options (the longest text).</param>
    public AnswerWorkflow(IHubStore store, TimeProvider time, MessageOperations operations, HubDirectory directory, IOptions<McuHubOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _time = time;
        _operations = operations;
        _directory = directory;
        _options = options.Value;
    }

    /// <summary>
    /// Writes a new revision of a message's draft answer and sends it for approval (or keeps it as a draft with
    /// <see cref="DraftSubmission.SaveOnly"/>). A returned draft comes back with the next revision; an approved one is
    /// followed by a new cycle only after the message is reopened. A message in triage, routed or reopened moves to
    /// <see cref="MessageStatus.InProgress"/>.
    /// </summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="draft">The new revision.</param>
    /// <param name="actor">Who wrote it.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns>The changed message; its <see cref="HubMessage.Draft"/> is the new revision.</returns>
    /// <exception cref="HubValidationException">Invalid input, or the message cannot be answered (answered, closed, returned as not the recipient's).</exception>
    /// <exception cref="MessageNotFoundException">There is no such message.</exception>
    public Task<HubMessage> SubmitDraftAsync(string messageId, DraftSubmission draft, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ValidateText("text", draft.Text, "текст ответа");
        if (InboundValidator.ValidateAttachments("attachments", draft.Attachments) is { } badAttachment)
            throw badAttachment;
        ValidateEvidence(draft.Evidence);
        var answeredBy = string.IsNullOrWhiteSpace(draft.AnsweredBy) ? null : draft.AnsweredBy.Trim();
        if (answeredBy is not null && _directory.FindRecipient(answeredBy) is null)
            throw new HubValidationException("answered_by", $"неизвестный получатель '{answeredBy}'");

        return ChangeAsync(messageId, (message, now) =>
        {
            if (message.Status is MessageStatus.Answered or MessageStatus.Closed or MessageStatus.Rejected)
                throw new HubValidationException("status", $"на сообщение в статусе {message.Status} ответ не готовят; если ответ нужен снова, сообщение открывают повторно (Reopened)");
            if (message.Status == MessageStatus.Returned)
                throw new HubValidationException("status", "сообщение возвращено получателем как не относящееся к нему: сначала МЦУ направляет его ответственному получателю");
            if (answeredBy is not null && message.Recipients.Count > 0 && !message.Recipients.Contains(answeredBy, StringComparer.Ordinal))
                throw new HubValidationException("answered_by", $"получатель '{answeredBy}' не назначен на это сообщение (назначены: {string.Join(", ", message.Recipients)})");

            var previous = message.Draft;
            var fresh = previous is null || previous.State == DraftState.Approved;
            var state = draft.SaveOnly ? DraftState.Draft : DraftState.Submitted;
            var next = new AnswerDraft
            {
                Revision = (previous?.Revision ?? 0) + 1,
                State = state,
                Text = draft.Text,
                Attachments = [.. draft.Attachments],
                Evidence = [.. draft.Evidence.Select(Copy)],
                AnsweredBy = answeredBy,
                TemplateId = string.IsNullOrWhiteSpace(draft.TemplateId) ? null : draft.TemplateId,
                Author = actor,
                CreatedAt = fresh ? now : previous!.CreatedAt,
                UpdatedAt = now,
                ReviewedBy = fresh ? null : previous!.ReviewedBy,
                ReviewedAt = fresh ? null : previous!.ReviewedAt,
                ReviewComment = fresh ? null : previous!.ReviewComment,
                ReworkCount = fresh ? 0 : previous!.ReworkCount,
            };
            message.Draft = next;
            var changes = new List<FieldChange>
            {
                FieldChange.Of("draft.state", fresh ? null : previous!.State, next.State),
                FieldChange.Of("draft.revision", fresh ? null : previous!.Revision, next.Revision),
                FieldChange.Of("draft.text", fresh ? null : previous!.Text, next.Text),
            };
            if (next.Evidence.Count > 0)
                changes.Add(FieldChange.Of("draft.evidence", null, string.Join(",", next.Evidence.Select(e => e.Url))));
            if (message.Status is MessageStatus.New or MessageStatus.Routed or MessageStatus.Reopened)
            {
                changes.Add(FieldChange.Of("status", message.Status, MessageStatus.InProgress));
                message.Status = MessageStatus.InProgress;
            }

            var action = state == DraftState.Draft ? "draft_saved" : "draft_submitted";
            var summary = state == DraftState.Draft
                ? $"Проект ответа сохранён (редакция {next.Revision})"
                : $"Проект ответа направлен на согласование (редакция {next.Revision})";
            var entry = new MessageHistoryEntry { MessageId = message.Id, At = now, Actor = actor, Action = action, Changes = changes };
            return new Change(entry, [Event(HubEventTypes.DraftSubmitted, message, now, summary)], MessageOperations.ReplyKind.None);
        }, cancellationToken);
    }

    /// <summary>Returns a submitted draft to its author for rework, with what to change.</summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="revision">The revision the reviewer read; 0 for the current one.</param>
    /// <param name="comment">What to rework; required.</param>
    /// <param name="actor">Who returned it.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns>The changed message.</returns>
    /// <exception cref="HubValidationException">No comment, or a negative revision.</exception>
    /// <exception cref="AnswerConflictException">No draft is waiting for approval, or it was rewritten since <paramref name="revision"/>.</exception>
    /// <exception cref="MessageNotFoundException">There is no such message.</exception>
    public Task<HubMessage> ReturnDraftAsync(string messageId, int revision, string comment, string actor, CancellationToken cancellationToken)
    {
        ValidateRevision(revision);
        ValidateText("comment", comment, "комментарий, что доработать,", MaxCommentLength);

        return ChangeAsync(messageId, (message, now) =>
        {
            var draft = Reviewable(message, revision, "вернуть на доработку");
            draft.State = DraftState.Returned;
            draft.ReviewedBy = actor;
            draft.ReviewedAt = now;
            draft.ReviewComment = comment;
            draft.ReworkCount++;
            var entry = new MessageHistoryEntry
            {
                MessageId = message.Id, At = now, Actor = actor, Action = "draft_returned", Comment = comment,
                Changes = [FieldChange.Of("draft.state", DraftState.Submitted, DraftState.Returned), FieldChange.Of("draft.rework_count", draft.ReworkCount - 1, draft.ReworkCount)],
            };
            var e = Event(HubEventTypes.DraftReturned, message, now, $"Проект ответа (редакция {draft.Revision}) возвращён на доработку: {comment}");
            return new Change(entry, [e], MessageOperations.ReplyKind.None);
        }, cancellationToken);
    }

    /// <summary>
    /// Approves a submitted draft: it becomes the message's answer (<see cref="MessageStatus.Answered"/>) and, in the same
    /// change, is queued for the originating channel once (the outbox delivery's id is the idempotency key of every
    /// attempt). Proof of the work done sets <see cref="HubMessage.AutomatedControl"/>. Photos and videos are attached to
    /// the published answer; a ГЛОНАСС track stays in the hub.
    /// </summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="revision">The revision the reviewer read; 0 for the current one.</param>
    /// <param name="comment">A note for the history, if any.</param>
    /// <param name="actor">Who approved it.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns>The changed message.</returns>
    /// <exception cref="HubValidationException">A negative revision or a too long comment.</exception>
    /// <exception cref="AnswerConflictException">
    /// No draft is waiting for approval (approved meanwhile by someone else, returned, or never submitted), it was
    /// rewritten since <paramref name="revision"/>, or the message's status no longer allows an answer.
    /// </exception>
    /// <exception cref="MessageNotFoundException">There is no such message.</exception>
    public Task<HubMessage> ApproveDraftAsync(string messageId, int revision, string? comment, string actor, CancellationToken cancellationToken)
    {
        ValidateRevision(revision);
        if (comment is { Length: > MaxCommentLength })
            throw new HubValidationException("comment", $"комментарий длиннее {MaxCommentLength} символов ({comment.Length})");
        var note = string.IsNullOrWhiteSpace(comment) ? null : comment;

        return ChangeAsync(messageId, (message, now) =>
        {
            var draft = Reviewable(message, revision, "согласовать");
            if (!MessageStatusTransitions.IsAllowed(message.Status, MessageStatus.Answered))
                throw new AnswerConflictException($"сообщение в статусе {message.Status}: ответ на него сейчас не даётся", stale: false);

            draft.State = DraftState.Approved;
            draft.ReviewedBy = actor;
            draft.ReviewedAt = now;
            draft.ReviewComment = note;
            var answer = new MessageAnswer
            {
                Text = draft.Text,
                AnsweredBy = draft.AnsweredBy,
                AnsweredAt = now,
                Attachments = [.. draft.Attachments, .. draft.Evidence.Where(e => e.IsPublished).Select(e => e.Url).Where(u => !draft.Attachments.Contains(u, StringComparer.Ordinal))],
                ApprovedBy = actor,
                Evidence = [.. draft.Evidence.Select(Copy)],
                TemplateId = draft.TemplateId,
            };
            var changes = new List<FieldChange> { FieldChange.Of("draft.state", DraftState.Submitted, DraftState.Approved) };
            changes.AddRange(MessageOperations.ApplyAnswer(message, answer));
            if (draft.Evidence.Count > 0 && !message.AutomatedControl)
            {
                changes.Add(FieldChange.Of("automated_control", false, true));
                message.AutomatedControl = true;
            }

            var sent = _operations.ChannelTakes(message, MessageOperations.ReplyKind.Answer);
            var entry = new MessageHistoryEntry
            {
                MessageId = message.Id, At = now, Actor = actor, Action = "draft_approved",
                Comment = note ?? (sent ? "Ответ согласован и направлен в канал" : "Ответ согласован; канал не принимает ответы, в канал ничего не отправлено"),
                Changes = changes,
            };
            List<HubEvent> events =
            [
                Event(HubEventTypes.DraftApproved, message, now, $"Проект ответа (редакция {draft.Revision}) согласован"),
                Event(HubEventTypes.Answered, message, now, "Дан ответ"),
            ];
            return new Change(entry, events, MessageOperations.ReplyKind.Answer);
        }, cancellationToken);
    }

    /// <summary>
    /// Gives an interim answer (промежуточный ответ) with the date by which the final answer is expected. Queued for the
    /// originating channel when it declares <see cref="Channels.ChannelCapabilities.InterimAnswers"/>; otherwise only
    /// recorded in the hub, and the outcome says so. The message's deadline is not moved: extending it is
    /// <see cref="MessageOperations.ExtendDeadlineAsync"/>, with its reason and limits.
    /// </summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="text">The text; not empty.</param>
    /// <param name="expectedBy">When the final answer is expected; in the future, within a year.</param>
    /// <param name="actor">Who gave it.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns>The changed message and whether the channel gets it.</returns>
    /// <exception cref="HubValidationException">Invalid input, or a message that is no longer open.</exception>
    /// <exception cref="MessageNotFoundException">There is no such message.</exception>
    public async Task<InterimAnswerOutcome> SendInterimAnswerAsync(string messageId, string text, DateTimeOffset expectedBy, string actor, CancellationToken cancellationToken)
    {
        ValidateText("text", text, "текст промежуточного ответа");
        var now = _time.GetUtcNow();
        if (expectedBy <= now)
            throw new HubValidationException("expected_by", "срок окончательного ответа должен быть в будущем");
        if (expectedBy > now + MaxExpectedAhead)
            throw new HubValidationException("expected_by", "срок окончательного ответа — не далее чем через год");

        var sent = false;
        var message = await ChangeAsync(messageId, (message, at) =>
        {
            if (!MessageStatusTransitions.IsOpen(message.Status) || message.Status == MessageStatus.Returned)
                throw new HubValidationException("status", $"промежуточный ответ даётся только на сообщение в работе (статус {message.Status})");

            sent = _operations.ChannelTakes(message, MessageOperations.ReplyKind.Interim);
            var previous = message.InterimAnswers.Count > 0 ? message.InterimAnswers[^1].ExpectedBy : (DateTimeOffset?)null;
            message.InterimAnswers.Add(new InterimAnswer { Text = text, ExpectedBy = expectedBy, Author = actor, At = at, SentToChannel = sent });
            var changes = new List<FieldChange> { FieldChange.Of("interim_answer", null, text), FieldChange.Of("expected_by", previous, expectedBy) };
            if (message.Status != MessageStatus.InProgress)
            {
                changes.Add(FieldChange.Of("status", message.Status, MessageStatus.InProgress));
                message.Status = MessageStatus.InProgress;
            }

            var entry = new MessageHistoryEntry { MessageId = message.Id, At = at, Actor = actor, Action = "interim_answer", Comment = NoteOf(message, sent), Changes = changes };
            var e = Event(HubEventTypes.InterimAnswered, message, at, $"Промежуточный ответ, окончательный — до {expectedBy:yyyy-MM-dd}");
            return new Change(entry, [e], MessageOperations.ReplyKind.Interim);
        }, cancellationToken).ConfigureAwait(false);
        return new InterimAnswerOutcome(message, sent, NoteOf(message, sent));
    }

    /// <summary>
    /// Lists the review queue: messages whose draft waits for approval (<see cref="DraftState.Submitted"/>), newest
    /// message first.
    /// </summary>
    /// <param name="tenants">The municipalities to list; empty for every one.</param>
    /// <param name="recipient">Only drafts of this recipient's messages, or <see langword="null"/>.</param>
    /// <param name="cursor">The cursor of the previous page, or <see langword="null"/>.</param>
    /// <param name="pageSize">The most messages to return, 1…1000.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The page; a next cursor when more messages may follow.</returns>
    public async Task<MessagePage> ListSubmittedAsync(IReadOnlyList<string> tenants, string? recipient, string? cursor, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 1_000);

        // A submitted draft puts its message in progress, so the queue is among the messages in progress; the scan per
        // call is bounded and the cursor lets the client go on.
        var found = new List<HubMessage>();
        var scanned = 0;
        var next = cursor;
        do
        {
            var page = await _store.ListMessagesAsync(new MessageQuery
            {
                Tenants = tenants,
                Statuses = [MessageStatus.InProgress],
                Recipient = recipient,
                PageSize = pageSize,
                Cursor = next,
            }, cancellationToken).ConfigureAwait(false);
            scanned += page.Items.Count;
            found.AddRange(page.Items.Where(m => m.Draft?.State == DraftState.Submitted));
            next = page.NextCursor;
        }
        while (next is not null && found.Count < pageSize && scanned < MaxReviewScan);

        // The store pages by message, so a page cut short here resumes after its last message.
        if (found.Count > pageSize)
        {
            found = found[..pageSize];
            next = found[^1].Id;
        }

        return new MessagePage(found, next);
    }

    private static string NoteOf(HubMessage message, bool sent) => sent
        ? $"Промежуточный ответ направлен в канал «{message.Channel}»"
        : $"Канал «{message.Channel}» не принимает промежуточные ответы: ответ и новый срок записаны в хабе, в канал ничего не отправлено";

    private static AnswerDraft Reviewable(HubMessage message, int revision, string what)
    {
        var draft = message.Draft;
        if (draft is null)
            throw new AnswerConflictException($"у сообщения нет проекта ответа: {what} нечего", stale: false);
        if (revision != 0 && revision != draft.Revision)
            throw new AnswerConflictException($"проект ответа изменён: текущая редакция {draft.Revision}, а не {revision}; перечитайте его", stale: true);
        return draft.State switch
        {
            DraftState.Submitted => draft,
            DraftState.Approved => throw new AnswerConflictException($"проект ответа (редакция {draft.Revision}) уже согласован ({draft.ReviewedBy})", stale: false),
            DraftState.Returned => throw new AnswerConflictException($"проект ответа (редакция {draft.Revision}) уже возвращён на доработку ({draft.ReviewedBy})", stale: false),
            _ => throw new AnswerConflictException($"проект ответа (редакция {draft.Revision}) не направлен на согласование", stale: false),
        };
    }

    private static HubEvent Event(string type, HubMessage message, DateTimeOffset now, string summary) =>
        new() { Type = type, MessageId = message.Id, Channel = message.Channel, At = now, Summary = summary };

    private static AnswerEvidence Copy(AnswerEvidence e) =>
        new() { Kind = e.Kind, Url = e.Url.Trim(), CapturedAt = e.CapturedAt, Description = string.IsNullOrWhiteSpace(e.Description) ? null : e.Description };

    private void ValidateText(string field, string? text, string what, int? max = null)
    {
        var limit = max ?? _options.MaxTextLength;
        if (string.IsNullOrWhiteSpace(text))
            throw new HubValidationException(field, $"{what} не указан");
        if (text.Length > limit)
            throw new HubValidationException(field, $"{what} длиннее {limit} символов ({text.Length})");
    }

    private static void ValidateRevision(int revision)
    {
        if (revision < 0)
            throw new HubValidationException("revision", "редакция — положительное число (0 — текущая)");
    }

    private void ValidateEvidence(IReadOnlyList<AnswerEvidence> evidence)
    {
        if (evidence.Count > MaxEvidence)
            throw new HubValidationException("evidence", $"не более {MaxEvidence} подтверждений ({evidence.Count})");
        var now = _time.GetUtcNow();
        for (var i = 0; i < evidence.Count; i++)
        {
            var e = evidence[i];
            if (e is null || !Enum.IsDefined(e.Kind))
                throw new HubValidationException($"evidence[{i}].kind", "неизвестный вид подтверждения (фото, видео, трек ГЛОНАСС)");
            if (!Uri.TryCreate(e.Url?.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps) || e.Url!.Length > 2_000)
                throw new HubValidationException($"evidence[{i}].url", "нужна ссылка http или https (до 2000 символов) на фото, видео или трек ГЛОНАСС");
            if (e.CapturedAt is { } at && at > now.AddMinutes(5))
                throw new HubValidationException($"evidence[{i}].captured_at", "время съёмки или записи трека — в будущем");
            if (e.Description is { Length: > MaxCommentLength })
                throw new HubValidationException($"evidence[{i}].description", $"описание длиннее {MaxCommentLength} символов");
        }
    }

    private async Task<HubMessage> ChangeAsync(string messageId, Func<HubMessage, DateTimeOffset, Change> change, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(messageId))
            throw new HubValidationException("id", "идентификатор сообщения не указан");

        try
        {
            return await _operations.WriteAsync(messageId, (message, now) =>
            {
                var (entry, events, reply) = change(message, now);
                return new MessageUpdate([entry], events, _operations.ReplyFor(message, reply, now));
            }, cancellationToken).ConfigureAwait(false) ?? throw new MessageNotFoundException(messageId);
        }
        catch (ConcurrentChangeException)
        {
            throw new AnswerConflictException($"сообщение '{messageId}' одновременно изменяют другие; повторите позже", stale: true);
        }
    }

    private sealed record Change(MessageHistoryEntry Entry, List<HubEvent> Events, MessageOperations.ReplyKind Reply);
}

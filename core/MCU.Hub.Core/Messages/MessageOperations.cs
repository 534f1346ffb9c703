using MCU.Hub.Channels;
using MCU.Hub.Deadlines;
using MCU.Hub.Directories;
using MCU.Hub.Routing;
using MCU.Hub.Routing.Internal;
using MCU.Hub.Events;
using MCU.Hub.Intake;
using MCU.Hub.Outbox;
using MCU.Hub.Storage;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Messages;

/// <summary>
/// Changes registered messages — answers and status changes — recording each change in the history and the event log.
/// </summary>
public sealed class MessageOperations
{
    private const int MaxConflictRetries = 8;
    private readonly IHubStore _store;
    private readonly HubEventFeed _feed;
    private readonly TimeProvider _time;
    private readonly McuHubOptions _options;
    private readonly ChannelRegistry _channels;
    private readonly IDeadlinePolicy _deadlines;
    private readonly DeadlineCalculator _calculator;
    private readonly IMessageRouter _router;
    private readonly HubDirectory _directory;

    /// <summary>Creates the operations.</summary>
    /// <param name="store">The store.</param>
    /// <param name="channels">The known channels, to decide which changes go back to the channel.</param>
    /// <param name="feed">The event feed.</param>
    /// <param name="time">The clock.</param>
    /// <param name="options">The engine options.</param>
    /// <param name="deadlines">The deadline policies.</param>
    /// <param name="calculator">The deadline calculator.</param>
    /// <param name="router">The router that re-routes a message whose category changed.</param>
    /// <param name="directory">The directory with the category tree.</param>
    public MessageOperations(
        IHubStore store,
        ChannelRegistry channels,
        HubEventFeed feed,
        TimeProvider time,
        IOptions<McuHubOptions> options,
        IDeadlinePolicy deadlines,
        DeadlineCalculator calculator,
        IMessageRouter router,
        HubDirectory directory)
    {
        _router = router;
        _directory = directory;
        _deadlines = deadlines;
        _calculator = calculator;
        _store = store;
        _channels = channels;
        _feed = feed;
        _time = time;
        _options = options.Value;
    }

    /// <summary>Records the answer to a message and moves it to <see cref="MessageStatus.Answered"/>.</summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="text">The answer text.</param>
    /// <param name="answeredBy">Who answered (a recipient code or a person).</param>
    /// <param name="attachments">Links to files attached to the answer.</param>
    /// <param name="actor">Who made the change, for the history.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns>The changed message.</returns>
    /// <exception cref="HubValidationException">The answer is empty or too long, or the message cannot be answered now.</exception>
    /// <exception cref="MessageNotFoundException">There is no such message.</exception>
    public Task<HubMessage> AnswerAsync(string messageId, string text, string? answeredBy, IReadOnlyList<string> attachments, string actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new HubValidationException("text", "текст ответа пуст");
        if (text.Length > _options.MaxTextLength)
            throw new HubValidationException("text", $"текст ответа длиннее {_options.MaxTextLength} символов ({text.Length})");
        if (Intake.InboundValidator.ValidateAttachments("attachments", attachments) is { } badAttachment)
            throw badAttachment;

        return ChangeAsync(messageId, actor, (message, now) =>
        {
            EnsureTransition(message, MessageStatus.Answered);
            var changes = ApplyAnswer(message, new MessageAnswer { Text = text, AnsweredBy = answeredBy, AnsweredAt = now, Attachments = [.. attachments] });
            var entry = new MessageHistoryEntry { MessageId = message.Id, At = now, Actor = actor, Action = "answered", Changes = changes };
            var e = new HubEvent { Type = HubEventTypes.Answered, MessageId = message.Id, Channel = message.Channel, At = now, Summary = "Дан ответ" };
            return (entry, e, ReplyKind.Answer);
        }, cancellationToken);
    }

    /// <summary>Changes a message's status along the allowed life cycle (<see cref="MessageStatusTransitions"/>).</summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="status">The new status.</param>
    /// <param name="comment">Why, for the history.</param>
    /// <param name="actor">Who made the change, for the history.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns>The changed message.</returns>
    /// <exception cref="HubValidationException">The change is not allowed from the current status.</exception>
    /// <exception cref="MessageNotFoundException">There is no such message.</exception>
    public Task<HubMessage> ChangeStatusAsync(string messageId, MessageStatus status, string? comment, string actor, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(status))
            throw new HubValidationException("status", $"неизвестный статус '{status}'");

        return ChangeAsync(messageId, actor, (message, now) =>
        {
            EnsureTransition(message, status);
            var old = message.Status;
            message.Status = status;
            RecordLifeCycle(message, status, now);
            var entry = new MessageHistoryEntry
            {
                MessageId = message.Id, At = now, Actor = actor, Action = "status", Comment = comment,
                Changes = [FieldChange.Of("status", old, status)],
            };
            var type = status == MessageStatus.Closed ? HubEventTypes.Closed : HubEventTypes.StatusChanged;
            var e = new HubEvent { Type = type, MessageId = message.Id, Channel = message.Channel, At = now, Summary = $"Статус: {old} → {status}" };
            return (entry, e, ReplyKind.Status);
        }, cancellationToken);
    }

    /// <summary>
    /// Extends a message's deadline by <paramref name="amount"/> (in the unit of its policy) with a recorded reason, within
    /// the policy's <see cref="DeadlinePolicyDefinition.MaxExtension"/> (59-ФЗ art. 12 part 2: at most 30 more days).
    /// </summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="amount">How much to add, in the policy's unit.</param>
    /// <param name="reason">Why; required.</param>
    /// <param name="actor">Who extended it.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns>The changed message.</returns>
    /// <exception cref="HubValidationException">No reason, a non-positive amount, beyond the maximum, or a closed message.</exception>
    /// <exception cref="MessageNotFoundException">There is no such message.</exception>
    public Task<HubMessage> ExtendDeadlineAsync(string messageId, double amount, string reason, string actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
            throw new HubValidationException("reason", "причина продления срока обязательна");
        if (!double.IsFinite(amount) || amount <= 0)
            throw new HubValidationException("amount", "продление должно быть положительным");

        return ChangeAsync(messageId, actor, (message, now) =>
        {
            if (!MessageStatusTransitions.IsOpen(message.Status))
                throw new HubValidationException("status", $"срок закрытого сообщения (статус {message.Status}) не продлевается");
            var policy = message.DeadlinePolicy is { } name ? _deadlines.Find(name) : null;
            if (policy is null)
                throw new HubValidationException("id", $"срок сообщения задан не политикой хаба («{message.DeadlinePolicy}») и не продлевается здесь");
            if (message.DeadlineExtension + amount > policy.MaxExtension)
            {
                throw new HubValidationException("amount",
                    $"продление на {amount} превысит допустимое по политике «{policy.Name}»: не более {policy.MaxExtension}, уже продлено на {message.DeadlineExtension}");
            }

            var oldDue = message.DueAt;
            message.DeadlineExtension += amount;
            message.DueAt = _calculator.Due(policy, message.RegisteredAt, message.DeadlineExtension);
            message.Escalations = [];
            var entry = new MessageHistoryEntry
            {
                MessageId = message.Id, At = now, Action = "deadline_extended", Comment = reason,
                Changes = [FieldChange.Of("due_at", oldDue, message.DueAt), FieldChange.Of("deadline_extension", message.DeadlineExtension - amount, message.DeadlineExtension)],
            };
            var e = new HubEvent { Type = HubEventTypes.DeadlineExtended, MessageId = message.Id, Channel = message.Channel, At = now, Summary = $"Срок продлён: {reason}" };
            return (entry, e, ReplyKind.None);
        }, cancellationToken);
    }

    /// <summary>
    /// Changes a message's category (the МЦУ specialist corrects the classification), then runs routing and the
    /// deadline again for the new category. Each leg — category, routing, deadline — is its own history entry, so both
    /// the old and the new routing stay visible.
    /// </summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="category">The new category or block code.</param>
    /// <param name="reason">Why, for the history.</param>
    /// <param name="actor">Who changed it.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns>The changed message.</returns>
    /// <exception cref="HubValidationException">An unknown category, the same category, or a closed message.</exception>
    /// <exception cref="MessageNotFoundException">There is no such message.</exception>
    public async Task<HubMessage> ChangeCategoryAsync(string messageId, string category, string? reason, string actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(messageId))
            throw new HubValidationException("id", "идентификатор сообщения не указан");
        if (_directory.FindCategory(category ?? "") is null)
            throw new HubValidationException("category", $"неизвестная категория '{category}'");

        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            var message = await _store.GetMessageAsync(messageId, cancellationToken).ConfigureAwait(false)
                ?? throw new MessageNotFoundException(messageId);
            if (!MessageStatusTransitions.IsOpen(message.Status))
                throw new HubValidationException("status", $"категорию закрытого сообщения (статус {message.Status}) не меняют");
            if (message.Category == category)
                throw new HubValidationException("category", $"у сообщения уже категория '{category}'");

            var now = _time.GetUtcNow();
            var version = message.Version;
            var history = new List<MessageHistoryEntry>();
            var events = new List<HubEvent>();
            var oldBlock = message.Block;
            var oldCategory = message.Category;
            (message.Category, message.Block) = (category, _directory.BlockOf(category!));
            history.Add(new MessageHistoryEntry
            {
                MessageId = message.Id, At = now, Actor = actor, Action = "category", Comment = reason,
                Changes = [FieldChange.Of("category", oldCategory, message.Category), FieldChange.Of("block", oldBlock, message.Block)],
            });

            // Routing runs again as for a new message; a rule's deadline policy applies only if a rule chooses one now.
            var keepChannelDeadline = message.DeadlinePolicy == ConfiguredDeadlinePolicy.ChannelPolicy;
            var oldPolicy = message.DeadlinePolicy;
            if (!keepChannelDeadline)
                message.DeadlinePolicy = null;
            var decision = _router.Route(message);
            var applied = RoutingApplier.Apply(message, decision);
            if (decision.Recipients.Count == 0 && message.Recipients.Count > 0)
            {
                var routedChanges = new List<FieldChange> { FieldChange.Of("recipients", message.Recipients, null) };
                message.Recipients = [];
                if (message.Status is MessageStatus.Routed or MessageStatus.Returned)
                {
                    routedChanges.Add(FieldChange.Of("status", message.Status, MessageStatus.New));
                    message.Status = MessageStatus.New;
                }

                history.Add(new MessageHistoryEntry
                {
                    MessageId = message.Id, At = now, Actor = "system", Action = "routed", Comment = "Ни одно автоправило не подошло для новой категории — ручная сортировка",
                    Changes = [.. routedChanges, .. applied?.Changes ?? []],
                });
            }
            else if (applied is not null)
            {
                history.Add(new MessageHistoryEntry { MessageId = message.Id, At = now, Actor = "system", Action = applied.Action, Comment = applied.Comment, Changes = [.. applied.Changes] });
                if (applied.Routed)
                    events.Add(new HubEvent { Type = HubEventTypes.Routed, MessageId = message.Id, Channel = message.Channel, At = now, Summary = $"Направлено: {string.Join(", ", message.Recipients)}" });
            }

            if (!keepChannelDeadline)
            {
                var oldDue = message.DueAt;
                var deadline = _deadlines.Compute(message, null);
                (message.DueAt, message.DeadlinePolicy) = (deadline.DueAt, deadline.Policy);
                if (oldDue != message.DueAt || oldPolicy != message.DeadlinePolicy)
                {
                    message.Escalations = [];
                    history.Add(new MessageHistoryEntry
                    {
                        MessageId = message.Id, At = now, Actor = "system", Action = "deadline", Comment = $"Срок по политике «{deadline.Policy}» после смены категории",
                        Changes = [FieldChange.Of("due_at", oldDue, message.DueAt), FieldChange.Of("deadline_policy", oldPolicy, message.DeadlinePolicy)],
                    });
                    events.Add(new HubEvent { Type = HubEventTypes.DeadlineChanged, MessageId = message.Id, Channel = message.Channel, At = now, Summary = "Срок пересчитан после смены категории" });
                }
            }

            events.Insert(0, new HubEvent { Type = HubEventTypes.CategoryChanged, MessageId = message.Id, Channel = message.Channel, At = now, Summary = $"Категория: {oldCategory} → {category}" });
            message.UpdatedAt = now;
            if (await _store.UpdateMessageAsync(message, version, new MessageUpdate(history, events, []), cancellationToken).ConfigureAwait(false))
            {
                _feed.Publish(events.Max(e => e.Sequence));
                return message;
            }
        }

        throw new ConcurrentChangeException($"Сообщение «{messageId}» одновременно изменяется другими; повторите позже.");
    }

    /// <summary>
    /// Reassigns an open message to other responsible recipients (the МЦУ specialist corrects the routing), with a recorded
    /// reason. A message waiting for triage (<see cref="MessageStatus.New"/>) or returned by its recipient
    /// (<see cref="MessageStatus.Returned"/>) becomes <see cref="MessageStatus.Routed"/>; one in progress keeps its status.
    /// </summary>
    /// <remarks>
    /// A manual reassignment is a manual step, so <see cref="HubMessage.AutomatedDelivery"/> is cleared. The deadline runs
    /// from registration (59-ФЗ art. 12: redirection within the body does not restart it), so it is recomputed from the
    /// message's own policy, registration and extensions — it moves only when the calendar or the policy changed since; a
    /// deadline set by the channel is kept. Recipients, status and deadline are one history entry.
    /// </remarks>
    /// <param name="messageId">The message id.</param>
    /// <param name="recipients">The new recipients' codes, each known to the directory; at least one.</param>
    /// <param name="reason">Why; required (recorded in the history).</param>
    /// <param name="actor">Who reassigned it.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns>The changed message.</returns>
    /// <exception cref="HubValidationException">No recipient, an unknown one, no reason, the same recipients, or a closed message.</exception>
    /// <exception cref="MessageNotFoundException">There is no such message.</exception>
    public Task<HubMessage> ReassignAsync(string messageId, IReadOnlyList<string> recipients, string reason, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        var codes = recipients.Select(r => r?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count == 0)
            throw new HubValidationException("recipients", "не указан ни один ответственный получатель");
        if (codes.FirstOrDefault(c => c.Length == 0 || _directory.FindRecipient(c) is null) is { } unknown)
            throw new HubValidationException("recipients", $"неизвестный получатель '{unknown}'");
        if (string.IsNullOrWhiteSpace(reason))
            throw new HubValidationException("reason", "причина переназначения обязательна");

        return ChangeAsync(messageId, actor, (message, now) =>
        {
            if (!MessageStatusTransitions.IsOpen(message.Status))
                throw new HubValidationException("status", $"закрытое сообщение (статус {message.Status}) не переназначают");
            if (message.Recipients.Order(StringComparer.Ordinal).SequenceEqual(codes.Order(StringComparer.Ordinal), StringComparer.Ordinal))
                throw new HubValidationException("recipients", $"сообщение уже назначено получателям {string.Join(", ", codes)}");

            var changes = new List<FieldChange> { FieldChange.Of("recipients", message.Recipients, codes) };
            message.Recipients = [.. codes];
            if (message.Status is MessageStatus.New or MessageStatus.Returned)
            {
                changes.Add(FieldChange.Of("status", message.Status, MessageStatus.Routed));
                message.Status = MessageStatus.Routed;
            }

            if (message.AutomatedDelivery)
            {
                changes.Add(FieldChange.Of("automated_delivery", true, false));
                message.AutomatedDelivery = false;
            }

            if (message.DeadlinePolicy is { } name && _deadlines.Find(name) is { } policy
                && _calculator.Due(policy, message.RegisteredAt, message.DeadlineExtension) is var due && due != message.DueAt)
            {
                changes.Add(FieldChange.Of("due_at", message.DueAt, due));
                message.DueAt = due;
                message.Escalations = [];
            }

            var entry = new MessageHistoryEntry { MessageId = message.Id, At = now, Action = "reassigned", Comment = reason, Changes = changes };
            var e = new HubEvent { Type = HubEventTypes.Reassigned, MessageId = message.Id, Channel = message.Channel, At = now, Summary = $"Переназначено: {string.Join(", ", codes)} ({reason})" };
            return (entry, e, ReplyKind.None);
        }, cancellationToken);
    }

    /// <summary>
    /// Recomputes an open message's deadline from its policy, registration and granted extensions — after the calendar
    /// or the policy changed. Records the change only when the deadline moved.
    /// </summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="reason">Why, for the history.</param>
    /// <param name="actor">Who triggered it.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns><see langword="true"/> when the deadline moved.</returns>
    public async Task<bool> RecomputeDeadlineAsync(string messageId, string reason, string actor, CancellationToken cancellationToken)
    {
        var message = await _store.GetMessageAsync(messageId, cancellationToken).ConfigureAwait(false) ?? throw new MessageNotFoundException(messageId);
        var policy = message.DeadlinePolicy is { } name ? _deadlines.Find(name) : null;
        if (policy is null || !MessageStatusTransitions.IsOpen(message.Status)
            || _calculator.Due(policy, message.RegisteredAt, message.DeadlineExtension) == message.DueAt)
            return false;

        await ChangeAsync(messageId, actor, (m, now) =>
        {
            var oldDue = m.DueAt;
            m.DueAt = _calculator.Due(policy, m.RegisteredAt, m.DeadlineExtension);
            m.Escalations = [];
            var entry = new MessageHistoryEntry { MessageId = m.Id, At = now, Action = "deadline", Comment = reason, Changes = [FieldChange.Of("due_at", oldDue, m.DueAt)] };
            var e = new HubEvent { Type = HubEventTypes.DeadlineChanged, MessageId = m.Id, Channel = m.Channel, At = now, Summary = $"Срок пересчитан: {reason}" };
            return (entry, e, ReplyKind.None);
        }, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Records that an escalation level was raised for a message.</summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="level">The level name.</param>
    /// <param name="target">Whom it notifies.</param>
    /// <param name="summary">What it says, in Russian.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns><see langword="true"/> when raised now; <see langword="false"/> when it had been raised already.</returns>
    public async Task<bool> EscalateAsync(string messageId, string level, string target, string summary, CancellationToken cancellationToken)
    {
        var raised = false;
        await ChangeAsync(messageId, "system", (m, now) =>
        {
            raised = !m.Escalations.Contains(level);
            if (raised)
                m.Escalations.Add(level);
            var entry = new MessageHistoryEntry { MessageId = m.Id, At = now, Action = "escalated", Comment = $"{summary} → {target}", Changes = [FieldChange.Of("escalation", null, level)] };
            var e = new HubEvent { Type = HubEventTypes.Escalated, MessageId = m.Id, Channel = m.Channel, At = now, Summary = $"{summary} → {target}" };
            return (entry, e, ReplyKind.None);
        }, cancellationToken, skipWhen: m => m.Escalations.Contains(level)).ConfigureAwait(false);
        return raised;
    }

    /// <summary>
    /// Links a message to a roadmap (or unlinks it) and records when the roadmap's measures were implemented — the fact
    /// KPI 5 counts. One history entry and one event; nothing is recorded when both values are already so.
    /// </summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="roadmapId">The roadmap's id; <see langword="null"/> to unlink.</param>
    /// <param name="implementedAt">When the roadmap's measures were implemented; <see langword="null"/> while they are not.</param>
    /// <param name="comment">Why, for the history, in Russian.</param>
    /// <param name="actor">Who made the change.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns><see langword="true"/> when the message changed.</returns>
    /// <exception cref="MessageNotFoundException">There is no such message.</exception>
    public async Task<bool> SetRoadmapAsync(string messageId, string? roadmapId, DateTimeOffset? implementedAt, string comment, string actor, CancellationToken cancellationToken)
    {
        var changed = false;
        await ChangeAsync(messageId, actor, (m, now) =>
        {
            changed = true;
            var changes = new List<FieldChange>();
            if (m.RoadmapId != roadmapId)
                changes.Add(FieldChange.Of("roadmap_id", m.RoadmapId, roadmapId));
            if (m.RoadmapImplementedAt != implementedAt)
                changes.Add(FieldChange.Of("roadmap_implemented_at", m.RoadmapImplementedAt, implementedAt));
            (m.RoadmapId, m.RoadmapImplementedAt) = (roadmapId, implementedAt);
            var entry = new MessageHistoryEntry { MessageId = m.Id, At = now, Action = "roadmap", Comment = comment, Changes = changes };
            var e = new HubEvent { Type = HubEventTypes.RoadmapChanged, MessageId = m.Id, Channel = m.Channel, At = now, Summary = comment };
            return (entry, e, ReplyKind.None);
        }, cancellationToken, skipWhen: m => m.RoadmapId == roadmapId && m.RoadmapImplementedAt == implementedAt).ConfigureAwait(false);
        return changed;
    }

    /// <summary>
    /// Gives a message its answer and moves it to <see cref="MessageStatus.Answered"/> — the one place both a direct answer
    /// and an approved draft go through. The caller has checked the transition.
    /// </summary>
    /// <returns>The changed fields, for the history entry.</returns>
    internal static List<FieldChange> ApplyAnswer(HubMessage message, MessageAnswer answer)
    {
        var old = message.Status;
        message.Answer = answer;
        message.Status = MessageStatus.Answered;
        message.FirstAnsweredAt ??= answer.AnsweredAt;
        return [FieldChange.Of("status", old, message.Status), FieldChange.Of("answer", null, answer.Text)];
    }

    /// <summary>Tells whether a message's channel takes a kind of reply.</summary>
    internal bool ChannelTakes(HubMessage message, ReplyKind kind)
    {
        var capabilities = _channels.Find(message.Channel)?.Capabilities ?? ChannelCapabilities.None;
        return kind switch
        {
            ReplyKind.Answer => capabilities.HasFlag(ChannelCapabilities.Reply),
            ReplyKind.Status => capabilities.HasFlag(ChannelCapabilities.StatusUpdates),
            ReplyKind.Interim => capabilities.HasFlag(ChannelCapabilities.InterimAnswers),
            _ => false,
        };
    }

    /// <summary>The reply to send back to the message's channel for this change, if the channel takes one.</summary>
    internal List<OutboxDelivery> ReplyFor(HubMessage message, ReplyKind kind, DateTimeOffset now)
    {
        if (!ChannelTakes(message, kind))
            return [];
        if (kind == ReplyKind.Interim)
        {
            var interim = message.InterimAnswers[^1];
            return
            [
                new OutboxDelivery
                {
                    Id = Guid.CreateVersion7(now).ToString("N"),
                    MessageId = message.Id,
                    Channel = message.Channel,
                    ExternalId = message.ExternalId,
                    Kind = "interim",
                    Text = interim.Text,
                    Status = InterimStatus,
                    ExpectedBy = interim.ExpectedBy,
                    ChangedAt = now,
                    State = DeliveryState.Pending,
                    NextAttemptAt = now,
                },
            ];
        }

        var isAnswer = kind == ReplyKind.Answer;

        return
        [
            new OutboxDelivery
            {
                Id = Guid.CreateVersion7(now).ToString("N"),
                MessageId = message.Id,
                Channel = message.Channel,
                ExternalId = message.ExternalId,
                Kind = isAnswer ? "answer" : "status",
                Text = isAnswer ? message.Answer!.Text : null,
                Status = MessageStatusNames.ToWire(message.Status),
                Attachments = isAnswer ? [.. message.Answer!.Attachments] : [],
                ChangedAt = now,
                State = DeliveryState.Pending,
                NextAttemptAt = now,
            },
        ];
    }

    /// <summary>Keeps the facts the indicators count: closing time, reopenings and returns.</summary>
    private static void RecordLifeCycle(HubMessage message, MessageStatus status, DateTimeOffset now)
    {
        switch (status)
        {
            case MessageStatus.Closed or MessageStatus.Rejected:
                message.ClosedAt = now;
                break;
            case MessageStatus.Reopened:
                message.ReopenCount++;
                message.ClosedAt = null;
                break;
            case MessageStatus.Returned:
                message.ReturnCount++;
                break;
        }
    }

    private static void EnsureTransition(HubMessage message, MessageStatus to)
    {
        if (!MessageStatusTransitions.IsAllowed(message.Status, to))
        {
            var allowed = string.Join(", ", MessageStatusTransitions.From(message.Status));
            throw new HubValidationException("status", $"переход из статуса {message.Status} в {to} не допускается (допустимо: {allowed})");
        }
    }

    private async Task<HubMessage> ChangeAsync(string messageId, string actor, Func<HubMessage, DateTimeOffset, (MessageHistoryEntry Entry, HubEvent Event, ReplyKind Reply)> change, CancellationToken cancellationToken, Func<HubMessage, bool>? skipWhen = null)
    {
        if (string.IsNullOrWhiteSpace(messageId))
            throw new HubValidationException("id", "идентификатор сообщения не указан");

        return await WriteAsync(messageId, (message, now) =>
        {
            if (skipWhen?.Invoke(message) == true)
                return null;
            var (entry, e, reply) = change(message, now);
            entry.Actor = actor;
            return new MessageUpdate([entry], [e], ReplyFor(message, reply, now));
        }, cancellationToken).ConfigureAwait(false) ?? throw new MessageNotFoundException(messageId);
    }

    /// <summary>
    /// The one optimistic write of a message change: reads the message, lets <paramref name="change"/> change it and say
    /// what to record with it (history, events, outbox deliveries), writes all of it in one store update when the
    /// version read is still the stored one, and retries on a lost race.
    /// </summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="change">Changes the message at the given instant; returns <see langword="null"/> to write nothing.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns>The message as written (or as read, when nothing was written); <see langword="null"/> when there is none.</returns>
    /// <exception cref="ConcurrentChangeException">Every retry lost to concurrent changes.</exception>
    internal async Task<HubMessage?> WriteAsync(string messageId, Func<HubMessage, DateTimeOffset, MessageUpdate?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            var message = await _store.GetMessageAsync(messageId, cancellationToken).ConfigureAwait(false);
            if (message is null)
                return null;
            var now = _time.GetUtcNow();
            var version = message.Version;
            if (change(message, now) is not { } update)
                return message;
            message.UpdatedAt = now;
            if (await _store.UpdateMessageAsync(message, version, update, cancellationToken).ConfigureAwait(false))
            {
                _feed.Publish(update.Events.Max(e => e.Sequence));
                return message;
            }
        }

        throw new ConcurrentChangeException($"Сообщение «{messageId}» одновременно изменяется другими; повторите позже.");
    }

    /// <summary>The status an interim answer carries to the channel (<see cref="ChannelReply.Status"/>).</summary>
    internal const string InterimStatus = "interim_answer";

    /// <summary>What a change sends back to the message's channel.</summary>
    internal enum ReplyKind
    {
        None,
        Answer,
        Status,
        Interim,
    }
}

using MCU.Hub.Channels;
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

    /// <summary>Creates the operations.</summary>
    /// <param name="store">The store.</param>
    /// <param name="channels">The known channels, to decide which changes go back to the channel.</param>
    /// <param name="feed">The event feed.</param>
    /// <param name="time">The clock.</param>
    /// <param name="options">The engine options.</param>
    public MessageOperations(IHubStore store, ChannelRegistry channels, HubEventFeed feed, TimeProvider time, IOptions<McuHubOptions> options)
    {
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

        return ChangeAsync(messageId, actor, (message, now) =>
        {
            EnsureTransition(message, MessageStatus.Answered);
            var old = message.Status;
            message.Answer = new MessageAnswer { Text = text, AnsweredBy = answeredBy, AnsweredAt = now, Attachments = [.. attachments] };
            message.Status = MessageStatus.Answered;
            var entry = new MessageHistoryEntry
            {
                MessageId = message.Id, At = now, Actor = actor, Action = "answered",
                Changes = [FieldChange.Of("status", old, message.Status), FieldChange.Of("answer", null, text)],
            };
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

    /// <summary>The reply to send back to the message's channel for this change, if the channel takes one.</summary>
    private List<OutboxDelivery> ReplyFor(HubMessage message, ReplyKind kind, DateTimeOffset now)
    {
        var capabilities = _channels.Find(message.Channel)?.Capabilities ?? ChannelCapabilities.None;
        var isAnswer = kind == ReplyKind.Answer;
        if (!capabilities.HasFlag(isAnswer ? ChannelCapabilities.Reply : ChannelCapabilities.StatusUpdates))
            return [];

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

    private static void EnsureTransition(HubMessage message, MessageStatus to)
    {
        if (!MessageStatusTransitions.IsAllowed(message.Status, to))
        {
            var allowed = string.Join(", ", MessageStatusTransitions.From(message.Status));
            throw new HubValidationException("status", $"переход из статуса {message.Status} в {to} не допускается (допустимо: {allowed})");
        }
    }

    private async Task<HubMessage> ChangeAsync(string messageId, string actor, Func<HubMessage, DateTimeOffset, (MessageHistoryEntry Entry, HubEvent Event, ReplyKind Reply)> change, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(messageId))
            throw new HubValidationException("id", "идентификатор сообщения не указан");

        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            var message = await _store.GetMessageAsync(messageId, cancellationToken).ConfigureAwait(false)
                ?? throw new MessageNotFoundException(messageId);
            var now = _time.GetUtcNow();
            var version = message.Version;
            var (entry, e, reply) = change(message, now);
            entry.Actor = actor;
            message.UpdatedAt = now;
            var deliveries = ReplyFor(message, reply, now);
            if (await _store.UpdateMessageAsync(message, version, new MessageUpdate([entry], [e], deliveries), cancellationToken).ConfigureAwait(false))
            {
                _feed.Publish(e.Sequence);
                return message;
            }
        }

        throw new InvalidOperationException($"Сообщение '{messageId}' одновременно изменяется другими; повторите позже.");
    }

    private enum ReplyKind
    {
        Answer,
        Status,
    }
}

using MCU.Hub.Events;
using MCU.Hub.Messages;
using MCU.Hub.Outbox;
using MCU.Hub.Storage;

namespace MCU.Hub.Satisfaction.Internal;

/// <summary>One recorded change of a message (history, event, optional outbox delivery) under optimistic concurrency.</summary>
internal static class MessageWrites
{
    private const int MaxConflictRetries = 8;

    /// <summary>Applies a change; <paramref name="change"/> returns <see langword="null"/> to skip.</summary>
    public static async Task<HubMessage?> ChangeAsync(
        IHubStore store, HubEventFeed feed, TimeProvider time, string messageId,
        Func<HubMessage, DateTimeOffset, (MessageHistoryEntry Entry, HubEvent Event, OutboxDelivery? Delivery)?> change,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            var message = await store.GetMessageAsync(messageId, cancellationToken).ConfigureAwait(false);
            if (message is null)
                return null;
            var now = time.GetUtcNow();
            var version = message.Version;
            if (change(message, now) is not { } made)
                return message;
            message.UpdatedAt = now;
            var update = new MessageUpdate([made.Entry], [made.Event], made.Delivery is { } d ? [d] : []);
            if (await store.UpdateMessageAsync(message, version, update, cancellationToken).ConfigureAwait(false))
            {
                feed.Publish(made.Event.Sequence);
                return message;
            }
        }

        throw new Messages.ConcurrentChangeException($"Сообщение «{messageId}» одновременно изменяется другими; повторите позже.");
    }
}

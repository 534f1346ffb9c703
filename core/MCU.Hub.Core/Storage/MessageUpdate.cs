using MCU.Hub.Events;
using MCU.Hub.Messages;
using MCU.Hub.Outbox;

namespace MCU.Hub.Storage;

/// <summary>What is written together with a changed message, in the same transaction.</summary>
/// <param name="History">History entries to append.</param>
/// <param name="Events">Events to append.</param>
/// <param name="Deliveries">Replies to put into the outbox.</param>
public sealed record MessageUpdate(
    IReadOnlyList<MessageHistoryEntry> History,
    IReadOnlyList<HubEvent> Events,
    IReadOnlyList<OutboxDelivery> Deliveries);

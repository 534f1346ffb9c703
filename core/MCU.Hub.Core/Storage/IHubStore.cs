using MCU.Hub.Events;
using MCU.Hub.Messages;
using MCU.Hub.Outbox;
using MCU.Hub.Quarantine;
using MCU.Hub.Records;

namespace MCU.Hub.Storage;

/// <summary>
/// The hub's durable store. The embedded default is a LiteDB file; other backends implement the same contract.
/// </summary>
/// <remarks>
/// Every write method is atomic and durable when its task completes: a crash after that never loses the write,
/// a crash before it leaves no part of it.
/// </remarks>
public interface IHubStore
{
    /// <summary>
    /// Registers new messages and advances channel checkpoints in one transaction. A message whose
    /// (tenant, channel, external id) is already stored, or appears earlier in the same batch, is not stored again.
    /// </summary>
    /// <param name="batch">The messages (with their first history entries and events) and checkpoints.</param>
    /// <param name="cancellationToken">Cancels before the write starts.</param>
    /// <returns>One outcome per message, in order.</returns>
    Task<IReadOnlyList<IntakeOutcome>> CommitIntakeAsync(IntakeBatch batch, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a message when its stored <see cref="HubMessage.Version"/> is still <paramref name="expectedVersion"/>,
    /// appending history entries, events and outbox deliveries in the same transaction.
    /// </summary>
    /// <param name="message">The changed message; its version is incremented by the store.</param>
    /// <param name="expectedVersion">The version the change was based on.</param>
    /// <param name="update">What to write with it.</param>
    /// <param name="cancellationToken">Cancels before the write starts.</param>
    /// <returns><see langword="true"/> when saved; <see langword="false"/> when someone else changed the message first.</returns>
    Task<bool> UpdateMessageAsync(HubMessage message, int expectedVersion, MessageUpdate update, CancellationToken cancellationToken);

    /// <summary>Gets the deliveries of a channel that are due (pending or sent, next attempt not in the future), oldest first.</summary>
    /// <param name="channel">The channel code.</param>
    /// <param name="now">The current time.</param>
    /// <param name="maxCount">The most deliveries to return.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The deliveries.</returns>
    Task<IReadOnlyList<OutboxDelivery>> GetDueDeliveriesAsync(string channel, DateTimeOffset now, int maxCount, CancellationToken cancellationToken);

    /// <summary>Saves a delivery's new state.</summary>
    /// <param name="delivery">The delivery.</param>
    /// <param name="cancellationToken">Cancels before the write starts.</param>
    /// <returns>A task that completes when the state is durable.</returns>
    Task SaveDeliveryAsync(OutboxDelivery delivery, CancellationToken cancellationToken);

    /// <summary>Lists deliveries, oldest first.</summary>
    /// <param name="states">The states to include; empty for all.</param>
    /// <param name="messageId">Only this message's deliveries, or <see langword="null"/>.</param>
    /// <param name="maxCount">The most deliveries to return.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The deliveries.</returns>
    Task<IReadOnlyList<OutboxDelivery>> ListDeliveriesAsync(IReadOnlyList<DeliveryState> states, string? messageId, int maxCount, CancellationToken cancellationToken);

    /// <summary>Gets one delivery.</summary>
    /// <param name="id">The delivery id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The delivery, or <see langword="null"/>.</returns>
    Task<OutboxDelivery?> GetDeliveryAsync(string id, CancellationToken cancellationToken);

    /// <summary>Gets a message.</summary>
    /// <param name="id">The hub's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The message, or <see langword="null"/>.</returns>
    Task<HubMessage?> GetMessageAsync(string id, CancellationToken cancellationToken);

    /// <summary>Finds a message by its channel and external id, in whichever tenant has it.</summary>
    /// <param name="channel">The channel code.</param>
    /// <param name="externalId">The id in the channel.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The message, or <see langword="null"/>.</returns>
    Task<HubMessage?> FindBySourceAsync(string channel, string externalId, CancellationToken cancellationToken);

    /// <summary>Finds a tenant's message by its channel and external id.</summary>
    /// <param name="tenant">The tenant's ОКТМО code.</param>
    /// <param name="channel">The channel code.</param>
    /// <param name="externalId">The id in the channel.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The message, or <see langword="null"/>.</returns>
    Task<HubMessage?> FindBySourceAsync(string tenant, string channel, string externalId, CancellationToken cancellationToken);

    /// <summary>Lists messages, newest first.</summary>
    /// <param name="query">Filters and paging.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One page and the cursor of the next.</returns>
    Task<MessagePage> ListMessagesAsync(MessageQuery query, CancellationToken cancellationToken);

    /// <summary>Gets a message's history, oldest first.</summary>
    /// <param name="messageId">The hub's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entries.</returns>
    Task<IReadOnlyList<MessageHistoryEntry>> GetHistoryAsync(string messageId, CancellationToken cancellationToken);

    /// <summary>Gets a channel's stored checkpoint.</summary>
    /// <param name="channel">The channel code.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The checkpoint, or <see langword="null"/> when the channel never delivered anything.</returns>
    Task<string?> GetCheckpointAsync(string channel, CancellationToken cancellationToken);

    /// <summary>Reads events after a sequence number, in order.</summary>
    /// <param name="afterSequence">The last sequence number already seen (0 for the start).</param>
    /// <param name="maxCount">The most events to return.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The events.</returns>
    Task<IReadOnlyList<HubEvent>> ReadEventsAsync(long afterSequence, int maxCount, CancellationToken cancellationToken);

    /// <summary>Appends an event that concerns no single message (a report was generated, say) and returns its sequence number.</summary>
    /// <param name="hubEvent">The event; its sequence number is assigned by the store.</param>
    /// <param name="cancellationToken">Cancels before the write starts.</param>
    /// <returns>The sequence number, once the event is durable.</returns>
    Task<long> AppendEventAsync(HubEvent hubEvent, CancellationToken cancellationToken);

    /// <summary>Gets the sequence number of the newest stored event (0 when there is none).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The sequence number.</returns>
    Task<long> GetLastEventSequenceAsync(CancellationToken cancellationToken);

    /// <summary>Lists channel records, oldest first.</summary>
    /// <param name="query">Filters.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The records.</returns>
    Task<IReadOnlyList<StoredRecord>> ListRecordsAsync(RecordQuery query, CancellationToken cancellationToken);

    /// <summary>Lists quarantined items, oldest first.</summary>
    /// <param name="state">The state to list, or <see langword="null"/> for all.</param>
    /// <param name="channel">The channel, or <see langword="null"/> for all.</param>
    /// <param name="maxCount">The most items to return.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The items.</returns>
    Task<IReadOnlyList<QuarantinedItem>> ListQuarantineAsync(QuarantineState? state, string? channel, int maxCount, CancellationToken cancellationToken);

    /// <summary>Gets one quarantined item.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The item, or <see langword="null"/>.</returns>
    Task<QuarantinedItem?> GetQuarantinedAsync(string id, CancellationToken cancellationToken);

    /// <summary>Saves a quarantined item's new state.</summary>
    /// <param name="item">The item.</param>
    /// <param name="cancellationToken">Cancels before the write starts.</param>
    /// <returns>A task that completes when the state is durable.</returns>
    Task SaveQuarantinedAsync(QuarantinedItem item, CancellationToken cancellationToken);

    /// <summary>Gets a value the engine keeps between runs (for example the fingerprint of the deadline settings).</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    Task<string?> GetSettingAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stores a value the engine keeps between runs.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <param name="cancellationToken">Cancels before the write starts.</param>
    /// <returns>A task that completes when the value is durable.</returns>
    Task SetSettingAsync(string key, string value, CancellationToken cancellationToken);

    /// <summary>Counts the stored messages.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The count.</returns>
    Task<long> CountMessagesAsync(CancellationToken cancellationToken);
}

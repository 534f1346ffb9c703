using MCU.Hub.Channels;

namespace MCU.Hub.Intake;

/// <summary>
/// Registers inbound items: validate → deduplicate → classify → route → deadline → store durably → publish events.
/// </summary>
/// <remarks>
/// A returned task completes only after the item is durable in the store. A redelivered item (same channel and
/// external id) changes nothing and returns the id stored before. Safe to call concurrently.
/// </remarks>
public interface IMessageIntake
{
    /// <summary>Registers one item.</summary>
    /// <param name="channel">The channel code.</param>
    /// <param name="item">The item.</param>
    /// <param name="actor">Who submitted it (a credential or a connector), for the history.</param>
    /// <param name="cancellationToken">Stops waiting; the write may still complete.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="HubValidationException">The item is invalid; nothing was stored.</exception>
    Task<SubmitResult> SubmitAsync(string channel, InboundItem item, string actor, CancellationToken cancellationToken);

    /// <summary>Registers one item for a given municipality (an item submitted through the API by its credential).</summary>
    /// <param name="tenant">The ОКТМО code of the municipality the item belongs to.</param>
    /// <param name="channel">The channel code.</param>
    /// <param name="item">The item.</param>
    /// <param name="actor">Who submitted it (a credential or a connector), for the history.</param>
    /// <param name="cancellationToken">Stops waiting; the write may still complete.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="HubValidationException">The item is invalid, or the hub does not serve the tenant; nothing was stored.</exception>
    Task<SubmitResult> SubmitAsync(string tenant, string channel, InboundItem item, string actor, CancellationToken cancellationToken);

    /// <summary>
    /// Registers items of one channel, and the channel's new checkpoint, in one transaction. Invalid items are
    /// refused one by one (their results name the field); the valid ones are stored.
    /// </summary>
    /// <param name="channel">The channel code.</param>
    /// <param name="items">The items.</param>
    /// <param name="checkpoint">The checkpoint to store with the items; <see langword="null"/> to leave it unchanged.</param>
    /// <param name="actor">Who submitted them, for the history.</param>
    /// <param name="cancellationToken">Stops waiting; the write may still complete.</param>
    /// <returns>One result per item, in order.</returns>
    Task<IReadOnlyList<SubmitResult>> SubmitBatchAsync(string channel, IReadOnlyList<InboundItem> items, string? checkpoint, string actor, CancellationToken cancellationToken);

    /// <summary>Registers items of one channel for a given municipality, like <see cref="SubmitBatchAsync(string, IReadOnlyList{InboundItem}, string?, string, CancellationToken)"/>.</summary>
    /// <param name="tenant">The ОКТМО code of the municipality the items belong to.</param>
    /// <param name="channel">The channel code.</param>
    /// <param name="items">The items.</param>
    /// <param name="checkpoint">The checkpoint to store with the items; <see langword="null"/> to leave it unchanged.</param>
    /// <param name="actor">Who submitted them, for the history.</param>
    /// <param name="cancellationToken">Stops waiting; the write may still complete.</param>
    /// <returns>One result per item, in order.</returns>
    /// <exception cref="HubValidationException">The hub does not serve the tenant; nothing was stored.</exception>
    Task<IReadOnlyList<SubmitResult>> SubmitBatchAsync(string tenant, string channel, IReadOnlyList<InboundItem> items, string? checkpoint, string actor, CancellationToken cancellationToken);

    /// <summary>
    /// Registers what one pull of a channel returned — items, records and the new checkpoint — in one transaction.
    /// Invalid items and records are refused one by one; the rest is stored and the checkpoint advances.
    /// </summary>
    /// <param name="channel">The channel code.</param>
    /// <param name="pull">The connector's result.</param>
    /// <param name="actor">Who submitted it, for the history.</param>
    /// <param name="cancellationToken">Stops waiting; the write may still complete.</param>
    /// <returns>The result per item and the refused records.</returns>
    Task<PullOutcome> SubmitPullAsync(string channel, PullResult pull, string actor, CancellationToken cancellationToken);
}

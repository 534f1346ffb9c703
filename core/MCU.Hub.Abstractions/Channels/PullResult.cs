namespace MCU.Hub.Channels;

/// <summary>What a connector fetched from its channel.</summary>
/// <param name="Items">The items, oldest first.</param>
/// <param name="NextCheckpoint">The cursor to continue from; the host stores it with the items.</param>
/// <param name="HasMore">
/// <see langword="true"/> when more items are ready now; the host then pulls again without waiting for the next poll.
/// </param>
public sealed record PullResult(IReadOnlyList<InboundItem> Items, string? NextCheckpoint, bool HasMore)
{
    /// <summary>Gets the records (publications, call cards, poll results) fetched with the items.</summary>
    public IReadOnlyList<ChannelRecord> Records { get; init; } = [];

    /// <summary>Gets the items of this page the connector could not read; the hub quarantines them and moves on.</summary>
    public IReadOnlyList<InboundFailure> Failures { get; init; } = [];

    /// <summary>Gets an empty result that keeps <paramref name="checkpoint"/>.</summary>
    /// <param name="checkpoint">The checkpoint to keep.</param>
    /// <returns>A result with no items.</returns>
    public static PullResult Empty(string? checkpoint) => new([], checkpoint, false);
}

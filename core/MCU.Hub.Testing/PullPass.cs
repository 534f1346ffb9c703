using MCU.Hub.Channels;

namespace MCU.Hub.Testing;

/// <summary>What a run of pulls to the end returned.</summary>
/// <param name="Items">The items, in order.</param>
/// <param name="Records">The records, in order.</param>
/// <param name="Checkpoint">The last checkpoint.</param>
/// <param name="Pages">How many pulls it took.</param>
public sealed record PullPass(IReadOnlyList<InboundItem> Items, IReadOnlyList<ChannelRecord> Records, string? Checkpoint, int Pages);

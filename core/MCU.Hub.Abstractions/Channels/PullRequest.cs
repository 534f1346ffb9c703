namespace MCU.Hub.Channels;

/// <summary>Asks a connector for the next items of its channel.</summary>
/// <param name="Checkpoint">
/// The opaque cursor the connector returned last time, or <see langword="null"/> to start from the beginning.
/// </param>
/// <param name="MaxItems">The most items the host wants in one answer.</param>
public sealed record PullRequest(string? Checkpoint, int MaxItems);

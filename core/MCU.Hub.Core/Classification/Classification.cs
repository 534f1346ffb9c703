namespace MCU.Hub.Classification;

/// <summary>The category and territory found for a message.</summary>
/// <param name="Block">The thematic block code, or <see langword="null"/>.</param>
/// <param name="Category">The most specific category code (a topic, or the block), or <see langword="null"/>.</param>
/// <param name="Territory">The territory code, or <see langword="null"/>.</param>
/// <param name="Reason">Why: which source category or which keywords decided.</param>
public sealed record Classification(string? Block, string? Category, string? Territory, string Reason);

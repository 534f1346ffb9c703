namespace MCU.Hub.Bench.Rules;

/// <summary>What RulesEngine's expressions read: the message's category, block and words (split once, before timing).</summary>
/// <param name="Category">The category (topic) code.</param>
/// <param name="Block">The block code.</param>
/// <param name="Words">The text's words, lower-case, «ё» as «е».</param>
public sealed record BenchInput(string? Category, string? Block, string[] Words);

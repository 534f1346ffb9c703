namespace MCU.Hub.Analytics;

/// <summary>Messages that are possibly about the same thing, for the operator to review; nothing is merged.</summary>
/// <param name="MessageIds">The members' ids, by receipt time (then id).</param>
/// <param name="Category">The members' category; <see langword="null"/> when the same category is not required.</param>
/// <param name="BestSimilarity">The highest text similarity among the matching pairs.</param>
/// <param name="MaxDistanceMeters">The greatest distance among the matching pairs compared by coordinates; <see langword="null"/> when all were compared by address.</param>
public sealed record DuplicateGroup(IReadOnlyList<string> MessageIds, string? Category, double BestSimilarity, double? MaxDistanceMeters);

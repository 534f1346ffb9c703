namespace MCU.Hub.Analytics;

/// <summary>Criteria of <see cref="DuplicateFinder"/>; a pair of messages must meet all of them.</summary>
public sealed class DuplicateOptions
{
    /// <summary>Gets or sets whether both messages need the same category. Default <see langword="true"/>; messages without a category then never match.</summary>
    public bool RequireSameCategory { get; set; } = true;

    /// <summary>Gets or sets the greatest great-circle (haversine) distance in metres when both messages have coordinates. Default 150.</summary>
    public double MaxDistanceMeters { get; set; } = 150;

    /// <summary>Gets or sets the greatest time between the receipts. Default 72 hours.</summary>
    public TimeSpan MaxTimeApart { get; set; } = TimeSpan.FromHours(72);

    /// <summary>
    /// Gets or sets the least text similarity: Jaccard over the word stems of the two texts. Default 0.35. Stems:
    /// lowercase, ё→е, punctuation removed, Russian stop-words and words under 3 letters dropped, each word cut to
    /// its first 5 letters.
    /// </summary>
    public double MinSimilarity { get; set; } = 0.35;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxDistanceMeters, nameof(MaxDistanceMeters));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTimeApart, TimeSpan.Zero, nameof(MaxTimeApart));
        ArgumentOutOfRangeException.ThrowIfNegative(MinSimilarity, nameof(MinSimilarity));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MinSimilarity, 1.0, nameof(MinSimilarity));
    }
}

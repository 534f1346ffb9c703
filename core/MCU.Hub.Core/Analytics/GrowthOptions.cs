namespace MCU.Hub.Analytics;

/// <summary>Thresholds of <see cref="GrowthDetector"/>. An alert needs all three: <see cref="MinObserved"/>, <see cref="MinRatio"/> and <see cref="MinScore"/>.</summary>
public sealed class GrowthOptions
{
    /// <summary>Gets or sets the dimensions alerted on. Default: category, block and territory.</summary>
    public IReadOnlyList<GrowthDimension> Dimensions { get; set; } = [GrowthDimension.Category, GrowthDimension.Block, GrowthDimension.Territory];

    /// <summary>
    /// Gets or sets how many earlier weeks give the expected count of a window day. Default 8: the same weekday of
    /// the 8 previous weeks (of the same working/non-working kind) before the window.
    /// </summary>
    public int HistoryWeeks { get; set; } = 8;

    /// <summary>Gets or sets the least number of messages in the window for an alert. Default 5.</summary>
    public int MinObserved { get; set; } = 5;

    /// <summary>Gets or sets the least observed/expected ratio for an alert. Default 1.5.</summary>
    public double MinRatio { get; set; } = 1.5;

    /// <summary>
    /// Gets or sets the least z-score for an alert. Default 3. The score is (observed − expected) / √variance, where
    /// the variance of a day is the larger of its expected count (Poisson) and the sample variance of its reference
    /// days, times (1 + 1/n) for the uncertainty of a mean of n days; the window's variance is the sum over its days.
    /// </summary>
    public double MinScore { get; set; } = 3.0;

    /// <summary>
    /// Gets or sets the prior expected messages per day. Default 0.5. The window's expected count is never below
    /// this times the window's days, so a key without history (a new topic) is judged against this small prior
    /// instead of zero: with the defaults a new topic alerts over a 7-day window from 10 messages.
    /// </summary>
    public double PriorPerDay { get; set; } = 0.5;

    /// <summary>Gets or sets the most factors an alert lists. Default 10.</summary>
    public int MaxFactors { get; set; } = 10;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Dimensions);
        if (Dimensions.Any(d => !Enum.IsDefined(d)))
            throw new ArgumentException("Dimensions: unknown dimension.", nameof(Dimensions));
        ArgumentOutOfRangeException.ThrowIfLessThan(HistoryWeeks, 1, nameof(HistoryWeeks));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinObserved, 1, nameof(MinObserved));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinRatio, 1.0, nameof(MinRatio));
        ArgumentOutOfRangeException.ThrowIfNegative(MinScore, nameof(MinScore));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(PriorPerDay, nameof(PriorPerDay));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxFactors, nameof(MaxFactors));
    }
}

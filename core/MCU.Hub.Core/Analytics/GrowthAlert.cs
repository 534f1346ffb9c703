namespace MCU.Hub.Analytics;

/// <summary>An abnormal growth of inflow of one key (topic, block or territory) over the observed window.</summary>
/// <param name="Dimension">The dimension of the key.</param>
/// <param name="Key">The category, block or territory code.</param>
/// <param name="Observed">The key's messages in the window.</param>
/// <param name="Expected">The expected count for the window (the baseline), never below the prior.</param>
/// <param name="Ratio">Observed divided by expected.</param>
/// <param name="Score">The z-score (see <see cref="GrowthOptions.MinScore"/>).</param>
/// <param name="MessageIds">The ids of the key's messages in the window, by receipt time.</param>
/// <param name="Factors">
/// The other dimensions' values ranked by their share of the excess, top first; only values with an excess, and not
/// a value shared by all the key's messages in history and window (it is implied by the key).
/// </param>
public sealed record GrowthAlert(
    GrowthDimension Dimension,
    string Key,
    int Observed,
    double Expected,
    double Ratio,
    double Score,
    IReadOnlyList<string> MessageIds,
    IReadOnlyList<GrowthFactor> Factors);

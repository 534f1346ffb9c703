namespace MCU.Hub.Kpi;

/// <summary>An indicator's fact for one period and slice: the value and what it was computed from.</summary>
/// <param name="Value">The value in the indicator's unit, or <see langword="null"/> when it cannot be computed (an empty denominator).</param>
/// <param name="Numerator">The numerator (for a share: the items that qualify), or the sum the value was taken from.</param>
/// <param name="Denominator">The denominator (for a share: all items counted), or the number of items measured.</param>
/// <param name="Note">Why there is no value, or what the value rests on, in Russian; optional.</param>
public readonly record struct KpiResult(double? Value, double Numerator, double Denominator, string? Note = null)
{
    /// <summary>Builds a share in percent: <c>100 · numerator / denominator</c>, no value when the denominator is zero.</summary>
    /// <param name="numerator">The items that qualify.</param>
    /// <param name="denominator">All items counted.</param>
    /// <returns>The result.</returns>
    public static KpiResult Percent(double numerator, double denominator) =>
        denominator > 0
            ? new(100.0 * numerator / denominator, numerator, denominator)
            : new(null, numerator, denominator, "нет данных за период: знаменатель равен нулю");

    /// <summary>Builds an average: <c>sum / count</c>, no value when nothing was measured.</summary>
    /// <param name="sum">The sum of the measured values.</param>
    /// <param name="count">How many values were measured.</param>
    /// <returns>The result.</returns>
    public static KpiResult Average(double sum, double count) =>
        count > 0 ? new(sum / count, sum, count) : new(null, sum, count, "нет данных за период");

    /// <summary>Builds a plain count.</summary>
    /// <param name="count">The count.</param>
    /// <returns>The result.</returns>
    public static KpiResult Count(double count) => new(count, count, 1);
}

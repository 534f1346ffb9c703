using MCU.Hub.Analytics.Internal;
using MCU.Hub.Deadlines.Calendar;

namespace MCU.Hub.Analytics;

/// <summary>
/// Finds topics, blocks and territories whose inflow over a window grows abnormally against their own history,
/// with a working-day aware, weekly-seasonal baseline. Pure and deterministic; safe to use from many threads.
/// </summary>
/// <remarks>
/// <para>
/// Each window day's expected count is the mean of its reference days: the same weekday in the
/// <see cref="GrowthOptions.HistoryWeeks"/> previous weeks before the window, of the same kind in the production
/// calendar (a working day against working days, a day off against days off), so a week after the holidays is not
/// judged against the holidays, and a holiday is expected like a day off. A holiday on a weekday, and a day whose
/// weekday gave no reference, take all days off (or working days) of those weeks. History begins at the earliest
/// item passed in: the caller should pass <see cref="GrowthOptions.HistoryWeeks"/> + 4 weeks before the window (the
/// extra weeks replace skipped holidays); days before the earliest item are unknown, not zero.
/// </para>
/// <para>Only growth is reported: a key needs the minimum count, ratio and z-score of <see cref="GrowthOptions"/>.</para>
/// </remarks>
public sealed class GrowthDetector
{
    private static readonly GrowthDimension[] s_factorDimensions =
        [GrowthDimension.Channel, GrowthDimension.Territory, GrowthDimension.Category, GrowthDimension.Block];

    private readonly ProductionCalendar _calendar;
    private readonly GrowthOptions _options;

    /// <summary>Creates the detector.</summary>
    /// <param name="calendar">The production calendar that tells working days from days off.</param>
    /// <param name="options">The thresholds; the defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public GrowthDetector(ProductionCalendar calendar, GrowthOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        options ??= new GrowthOptions();
        options.Validate();
        _calendar = calendar;
        _options = options;
    }

    /// <summary>Detects abnormal growth over the window [<paramref name="from"/>, <paramref name="to"/>].</summary>
    /// <param name="items">The messages of the window and of its history (everything before <paramref name="from"/>); later ones are ignored.</param>
    /// <param name="from">The first day of the window, inclusive.</param>
    /// <param name="to">The last day of the window, inclusive.</param>
    /// <returns>The alerts, highest score first.</returns>
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public IReadOnlyList<GrowthAlert> Detect(IReadOnlyList<AnalyticsItem> items, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (to < from)
            throw new ArgumentException("The window ends before it starts.", nameof(to));
        if (items.Count == 0)
            return [];

        var earliest = items.Min(item => item.LocalDate);
        var plan = BaselinePlan.Create(_calendar, earliest, from, to, _options.HistoryWeeks);
        var used = items.Where(item => item.LocalDate >= plan.SeriesStart && item.LocalDate <= to).ToArray();

        var alerts = new List<GrowthAlert>();
        foreach (var dimension in _options.Dimensions.Distinct())
        {
            foreach (var (key, keyItems) in GroupBy(used, dimension, skipMissing: true))
            {
                var series = plan.Series(keyItems);
                var observed = plan.Observed(series);
                if (observed < _options.MinObserved)
                    continue;

                var (raw, variance, without) = plan.Estimate(series);
                var expected = Math.Max(raw + (_options.PriorPerDay * without), _options.PriorPerDay * plan.WindowDays);
                variance = Math.Max(variance + (_options.PriorPerDay * without), expected);
                var ratio = observed / expected;
                var score = (observed - expected) / Math.Sqrt(variance);
                if (ratio < _options.MinRatio || score < _options.MinScore)
                    continue;

                var ids = keyItems
                    .Where(item => item.LocalDate >= from)
                    .OrderBy(item => item.ReceivedAt)
                    .ThenBy(item => item.Id, StringComparer.Ordinal)
                    .Select(item => item.Id)
                    .ToArray();
                var factors = Factors(plan, dimension, keyItems, observed - raw);
                alerts.Add(new GrowthAlert(dimension, key, observed, expected, ratio, score, ids, factors));
            }
        }

        return alerts
            .OrderByDescending(alert => alert.Score)
            .ThenBy(alert => alert.Dimension)
            .ThenBy(alert => alert.Key, StringComparer.Ordinal)
            .ToArray();
    }

    private GrowthFactor[] Factors(BaselinePlan plan, GrowthDimension alertDimension, List<AnalyticsItem> keyItems, double excess)
    {
        if (excess <= 0)
            return [];

        var factors = new List<(GrowthFactor Factor, double Excess)>();
        foreach (var dimension in s_factorDimensions)
        {
            if (dimension == alertDimension)
                continue;
            foreach (var (value, valueItems) in GroupBy(keyItems, dimension, skipMissing: false))
            {
                // A value every message of the key has (the block of a topic) is implied by the key and explains nothing.
                if (valueItems.Count == keyItems.Count)
                    continue;
                var series = plan.Series(valueItems);
                var observed = plan.Observed(series);
                var expected = plan.Estimate(series).Expected;
                var valueExcess = observed - expected;
                if (valueExcess > 0)
                    factors.Add((new GrowthFactor(dimension, value, observed, expected, Math.Min(1, valueExcess / excess)), valueExcess));
            }
        }

        return factors
            .OrderByDescending(f => f.Factor.ShareOfExcess)
            .ThenByDescending(f => f.Excess)
            .ThenBy(f => Array.IndexOf(s_factorDimensions, f.Factor.Dimension))
            .ThenBy(f => f.Factor.Value, StringComparer.Ordinal)
            .Take(_options.MaxFactors)
            .Select(f => f.Factor)
            .ToArray();
    }

    private static IEnumerable<(string Key, List<AnalyticsItem> Items)> GroupBy(IEnumerable<AnalyticsItem> items, GrowthDimension dimension, bool skipMissing)
    {
        var groups = new Dictionary<string, List<AnalyticsItem>>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var value = dimension switch
            {
                GrowthDimension.Category => item.Category,
                GrowthDimension.Block => item.Block,
                GrowthDimension.Territory => item.Territory,
                _ => item.Channel,
            };
            if (string.IsNullOrEmpty(value))
            {
                if (skipMissing)
                    continue;
                value = GrowthFactor.NoValue;
            }

            if (!groups.TryGetValue(value, out var list))
                groups[value] = list = [];
            list.Add(item);
        }

        return groups.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => (pair.Key, pair.Value));
    }
}

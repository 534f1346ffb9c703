namespace MCU.Hub.Analytics;

/// <summary>Counts messages by row key (category or block), territory and period, by the local receipt date.</summary>
public static class HeatMap
{
    /// <summary>The territory key of messages without a territory; the caller names it for the user.</summary>
    public const string NoTerritory = "-";

    /// <summary>The row key of messages without the row's category or block.</summary>
    public const string NoKey = "-";

    /// <summary>Builds the non-empty cells of the heat map.</summary>
    /// <param name="items">The messages.</param>
    /// <param name="period">The period of a column.</param>
    /// <param name="rows">Whether rows are categories (the default) or blocks.</param>
    /// <returns>The cells with a count above zero, ordered by period start, then key, then territory (ordinal).</returns>
    public static IReadOnlyList<HeatMapCell> Build(IReadOnlyList<AnalyticsItem> items, HeatMapPeriod period, HeatMapRows rows = HeatMapRows.Category)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (!Enum.IsDefined(period))
            throw new ArgumentOutOfRangeException(nameof(period), period, "Unknown period.");
        if (!Enum.IsDefined(rows))
            throw new ArgumentOutOfRangeException(nameof(rows), rows, "Unknown row dimension.");

        var counts = new Dictionary<(string Key, string Territory, DateOnly Start), int>();
        foreach (var item in items)
        {
            var key = (rows == HeatMapRows.Block ? item.Block : item.Category) is { Length: > 0 } value ? value : NoKey;
            var territory = string.IsNullOrEmpty(item.Territory) ? NoTerritory : item.Territory;
            var cell = (key, territory, PeriodStart(item.LocalDate, period));
            counts[cell] = counts.GetValueOrDefault(cell) + 1;
        }

        return counts
            .Select(pair => new HeatMapCell(pair.Key.Key, pair.Key.Territory, pair.Key.Start, pair.Value))
            .OrderBy(cell => cell.PeriodStart)
            .ThenBy(cell => cell.Key, StringComparer.Ordinal)
            .ThenBy(cell => cell.Territory, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Gets the first day of the period that contains <paramref name="date"/>.</summary>
    /// <param name="date">The date.</param>
    /// <param name="period">The period.</param>
    /// <returns>The date itself, the Monday of its ISO week or the 1st of its month.</returns>
    public static DateOnly PeriodStart(DateOnly date, HeatMapPeriod period) => period switch
    {
        HeatMapPeriod.Day => date,
        HeatMapPeriod.Week => date.AddDays(-(((int)date.DayOfWeek + 6) % 7)),
        HeatMapPeriod.Month => new DateOnly(date.Year, date.Month, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Unknown period."),
    };
}

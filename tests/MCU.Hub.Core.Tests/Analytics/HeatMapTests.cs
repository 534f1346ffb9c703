using System.Globalization;
using MCU.Hub.Analytics;

namespace MCU.Hub.Core.Tests.Analytics;

public sealed class HeatMapTests
{
    private static List<AnalyticsItem> Items()
    {
        var random = new Random(11);
        string?[] territories = ["T1", "T2", "T3", null];
        string?[] categories = ["roads", "trash", "lighting", null];
        var first = new DateOnly(2025, 12, 20);
        return [.. Enumerable.Range(0, 5000).Select(i =>
        {
            var day = first.AddDays(random.Next(0, 100));
            var category = categories[random.Next(categories.Length)];
            return new AnalyticsItem
            {
                Id = $"h{i}",
                ReceivedAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(3)),
                LocalDate = day,
                Channel = "pos",
                Category = category,
                Block = category is null ? null : category == "roads" ? "transport" : "housing",
                Territory = territories[random.Next(territories.Length)],
                Text = "т",
            };
        })];
    }

    private static DateOnly IsoWeekStart(DateOnly date)
    {
        var dt = date.ToDateTime(TimeOnly.MinValue);
        return DateOnly.FromDateTime(ISOWeek.ToDateTime(ISOWeek.GetYear(dt), ISOWeek.GetWeekOfYear(dt), DayOfWeek.Monday));
    }

    [Theory]
    [InlineData(HeatMapPeriod.Day, HeatMapRows.Category)]
    [InlineData(HeatMapPeriod.Week, HeatMapRows.Category)]
    [InlineData(HeatMapPeriod.Month, HeatMapRows.Category)]
    [InlineData(HeatMapPeriod.Week, HeatMapRows.Block)]
    public void Build_CountsEqualAPlainGroupBy(HeatMapPeriod period, HeatMapRows rows)
    {
        var items = Items();
        Func<DateOnly, DateOnly> start = period switch
        {
            HeatMapPeriod.Day => d => d,
            HeatMapPeriod.Week => IsoWeekStart,
            _ => d => new DateOnly(d.Year, d.Month, 1),
        };
        var expected = items
            .GroupBy(i => ((rows == HeatMapRows.Block ? i.Block : i.Category) ?? "-", i.Territory ?? "-", start(i.LocalDate)))
            .ToDictionary(g => g.Key, g => g.Count());

        var cells = HeatMap.Build(items, period, rows);

        Assert.Equal(expected.Count, cells.Count);
        Assert.All(cells, c => Assert.Equal(expected[(c.Key, c.Territory, c.PeriodStart)], c.Count));
        Assert.Equal(items.Count, cells.Sum(c => c.Count));
        var sorted = cells.OrderBy(c => c.PeriodStart).ThenBy(c => c.Key, StringComparer.Ordinal).ThenBy(c => c.Territory, StringComparer.Ordinal);
        Assert.Equal(sorted, cells);
    }

    [Fact]
    public void Build_WeeksStartOnMondayAndMonthsOnTheFirst()
    {
        var items = Items();

        Assert.All(HeatMap.Build(items, HeatMapPeriod.Week), c => Assert.Equal(DayOfWeek.Monday, c.PeriodStart.DayOfWeek));
        Assert.All(HeatMap.Build(items, HeatMapPeriod.Month), c => Assert.Equal(1, c.PeriodStart.Day));
        // Thursday 1 January 2026 belongs to the ISO week that starts on Monday 29 December 2025.
        Assert.Equal(new DateOnly(2025, 12, 29), HeatMap.PeriodStart(new DateOnly(2026, 1, 1), HeatMapPeriod.Week));
        Assert.Equal(new DateOnly(2026, 3, 16), HeatMap.PeriodStart(new DateOnly(2026, 3, 22), HeatMapPeriod.Week));
        Assert.Equal(new DateOnly(2026, 3, 16), HeatMap.PeriodStart(new DateOnly(2026, 3, 16), HeatMapPeriod.Week));
    }

    [Fact]
    public void Build_MissingTerritory_UsesTheNoTerritoryKey()
    {
        var cell = Assert.Single(HeatMap.Build([Items()[0] with { Territory = null, Category = "roads" }], HeatMapPeriod.Day));

        Assert.Equal(HeatMap.NoTerritory, cell.Territory);
        Assert.Equal("roads", cell.Key);
    }
}

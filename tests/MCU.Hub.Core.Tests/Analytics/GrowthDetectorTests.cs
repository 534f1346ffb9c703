using System.Globalization;
using MCU.Hub.Analytics;

namespace MCU.Hub.Core.Tests.Analytics;

public sealed class GrowthDetectorTests
{
    // A Monday-to-Sunday window in an ordinary March week, with history back to December (over the New Year holidays).
    private static readonly DateOnly s_from = new(2026, 3, 16);
    private static readonly DateOnly s_to = new(2026, 3, 22);
    private static readonly DateOnly s_historyStart = new(2025, 12, 1);

    private static GrowthDetector Detector(GrowthOptions? options = null) => new(Traffic.Calendar, options);

    [Fact]
    public void Detect_SurgeOfARareTopicFromOneChannelAndTerritory_ReportsTheTopicItsFactorsAndExactlyThePlantedIds()
    {
        var traffic = new Traffic(1).Background(s_historyStart, s_to);
        // A rare topic: one message a week in history, spread over territories and channels.
        for (var day = s_historyStart; day < s_from; day = day.AddDays(7))
            traffic.Add(day, "flooding", Traffic.Territories[day.DayNumber % 3], Traffic.Channels[day.DayNumber % 4]);
        var planted = traffic.Plant(s_from, s_to, 30, "flooding", "T2", "mail");

        var alerts = Detector().Detect(traffic.Items, s_from, s_to);

        var alert = Assert.Single(alerts, a => a.Dimension == GrowthDimension.Category);
        Assert.Equal("flooding", alert.Key);
        Assert.Equal(30, alert.Observed);
        Assert.True(alert.Ratio >= 1.5);
        Assert.True(alert.Score >= 3);
        Assert.Equal(planted.Select(p => p.Id).Order(StringComparer.Ordinal), alert.MessageIds.Order(StringComparer.Ordinal));
        Assert.Equal(
            [(GrowthDimension.Territory, "T2"), (GrowthDimension.Channel, "mail")],
            alert.Factors.Take(2).Select(f => (f.Dimension, f.Value)).OrderBy(f => f.Dimension));
        Assert.All(alert.Factors.Take(2), f => Assert.True(f.ShareOfExcess > 0.9, f.Description));
        // The block of the topic is implied by the topic and is not a factor.
        Assert.DoesNotContain(alert.Factors, f => f.Dimension == GrowthDimension.Block);
        Assert.Equal(alerts.OrderByDescending(a => a.Score), alerts);
    }

    [Fact]
    public void Detect_SurgeOfABusyTopicInOneTerritory_ReportsTheTopicTerritoryAndTheirMessages()
    {
        var traffic = new Traffic(2).Background(s_historyStart, s_to);
        var planted = traffic.Plant(s_from, s_to, 40, "lighting", "T2", "mail");

        var alerts = Detector().Detect(traffic.Items, s_from, s_to);

        var topic = Assert.Single(alerts, a => a.Dimension == GrowthDimension.Category);
        Assert.Equal("lighting", topic.Key);
        var inWindow = traffic.Items.Where(i => i.Category == "lighting" && i.LocalDate >= s_from).Select(i => i.Id);
        Assert.Equal(inWindow.Order(StringComparer.Ordinal), topic.MessageIds.Order(StringComparer.Ordinal));
        Assert.Subset(topic.MessageIds.ToHashSet(), planted.Select(p => p.Id).ToHashSet());
        Assert.Equal(
            [(GrowthDimension.Territory, "T2"), (GrowthDimension.Channel, "mail")],
            topic.Factors.Take(2).Select(f => (f.Dimension, f.Value)).OrderBy(f => f.Dimension));

        var territory = Assert.Single(alerts, a => a.Dimension == GrowthDimension.Territory);
        Assert.Equal("T2", territory.Key);
        // The topic's block carries the same excess as the topic, so both lead; the channel follows.
        Assert.Contains(territory.Factors.Take(3), f => f is { Dimension: GrowthDimension.Category, Value: "lighting", ShareOfExcess: > 0.8 });
        Assert.Equal("mail", territory.Factors.First(f => f.Dimension == GrowthDimension.Channel).Value);
        Assert.DoesNotContain(alerts, a => a.Dimension == GrowthDimension.Block && a.Key == "transport");
    }

    [Fact]
    public void Detect_StableWeeklySeasonalTraffic_GivesNoAlert()
    {
        var traffic = new Traffic(3).Background(s_historyStart, new DateOnly(2026, 4, 26), working: 5, dayOff: 1);

        for (var from = s_from; from < new DateOnly(2026, 4, 26); from = from.AddDays(7))
            Assert.Empty(Detector().Detect(traffic.Items, from, from.AddDays(6)));
    }

    // With one week of history the week after the holidays would be judged against the holidays alone if they were not skipped.
    [Theory]
    [InlineData("2026-01-01", "2026-01-11", 8)]
    [InlineData("2026-01-12", "2026-01-18", 8)]
    [InlineData("2026-05-01", "2026-05-11", 8)]
    [InlineData("2026-05-12", "2026-05-18", 8)]
    [InlineData("2026-01-01", "2026-01-11", 1)]
    [InlineData("2026-01-12", "2026-01-18", 1)]
    [InlineData("2026-05-01", "2026-05-11", 1)]
    [InlineData("2026-05-12", "2026-05-18", 1)]
    public void Detect_HolidaysWithDayOffTrafficAndTheWeekAfter_GiveNoAlert(string from, string to, int weeks)
    {
        var traffic = new Traffic(4).Background(new DateOnly(2025, 10, 1), new DateOnly(2026, 5, 31), working: 5, dayOff: 1);
        var detector = Detector(new GrowthOptions { HistoryWeeks = weeks });

        Assert.Empty(detector.Detect(traffic.Items, DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Detect_WeekAfterTheNewYearHolidays_IsExpectedLikeAnOrdinaryWeekNotLikeTheHolidays()
    {
        // Working days 5 per territory, days off 1: an ordinary week of one topic expects 3 × (5 × 5 + 2 × 1) = 81.
        var traffic = new Traffic(5).Background(new DateOnly(2025, 10, 1), new DateOnly(2026, 1, 18), working: 5, dayOff: 1);
        traffic.Plant(new DateOnly(2026, 1, 12), new DateOnly(2026, 1, 16), 80, "roads", "T1", "pos");

        var alert = Assert.Single(
            Detector(new GrowthOptions { HistoryWeeks = 2 }).Detect(traffic.Items, new DateOnly(2026, 1, 12), new DateOnly(2026, 1, 18)),
            a => a.Dimension == GrowthDimension.Category);

        Assert.Equal("roads", alert.Key);
        Assert.InRange(alert.Expected, 81 * 0.8, 81 * 1.2);
    }

    [Fact]
    public void Detect_HolidayOnAWeekday_IsExpectedLikeADayOff()
    {
        // 1 May 2026 is a Friday holiday: one day off per territory and topic, 9 in all.
        var traffic = new Traffic(6).Background(new DateOnly(2026, 1, 12), new DateOnly(2026, 5, 1), working: 5, dayOff: 1);
        traffic.Plant(new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 1), 12, "trash", "T3", "edds");

        var alert = Assert.Single(
            Detector().Detect(traffic.Items, new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 1)),
            a => a.Dimension == GrowthDimension.Category);

        Assert.Equal("trash", alert.Key);
        Assert.InRange(alert.Expected, 3 * 0.6, 3 * 1.4);
    }

    [Fact]
    public void Detect_DropInTraffic_IsNeverAnAlert()
    {
        var traffic = new Traffic(7).Background(s_historyStart, s_from.AddDays(-1), working: 5, dayOff: 1);
        traffic.Background(s_from, s_to, working: 5, dayOff: 1, factor: 0.2);

        Assert.DoesNotContain(
            Detector(new GrowthOptions { MinScore = 0, MinRatio = 1, MinObserved = 1 }).Detect(traffic.Items, s_from, s_to),
            a => a.Observed < a.Expected);
        Assert.Empty(Detector().Detect(traffic.Items, s_from, s_to));
    }

    [Fact]
    public void Detect_NewTopicWithoutHistory_IsJudgedAgainstThePrior()
    {
        var traffic = new Traffic(8).Background(s_historyStart, s_to);
        traffic.Plant(s_from, s_to, 12, "flooding", "T1", "pos");

        var alert = Assert.Single(Detector().Detect(traffic.Items, s_from, s_to), a => a.Dimension == GrowthDimension.Category);

        Assert.Equal("flooding", alert.Key);
        Assert.Equal(3.5, alert.Expected, 6);
        Assert.Equal(12 / 3.5, alert.Ratio, 6);
    }

    [Fact]
    public void Detect_FewMessagesOfANewTopic_AreBelowTheMinimumCount()
    {
        var traffic = new Traffic(9).Background(s_historyStart, s_to);
        traffic.Plant(s_from, s_to, 4, "flooding", "T1", "pos");

        Assert.DoesNotContain(Detector(new GrowthOptions { MinScore = 0 }).Detect(traffic.Items, s_from, s_to), a => a.Key == "flooding");
    }

    [Fact]
    public void Detect_WindowEndingBeforeItStarts_Throws()
    {
        Assert.Throws<ArgumentException>(() => Detector().Detect([], s_to, s_from));
        Assert.Throws<ArgumentOutOfRangeException>(() => Detector(new GrowthOptions { HistoryWeeks = 0 }));
    }
}

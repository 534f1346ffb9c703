using MCU.Hub.Deadlines.Calendar;

namespace MCU.Hub.Deadlines;

/// <summary>Properties checked on many seeded random inputs across every shipped year.</summary>
public sealed class WorkingCalendarPropertyTests
{
    private const int Cases = 3000;

    private static readonly ProductionCalendar s_calendar = new();

    public static TheoryData<string> Schedules => ["moscow", "novosibirsk-no-lunch", "kaliningrad-late"];

    [Fact]
    public void AddWorkingDays_RandomStartsAndCounts_CountBackGivesCountAndResultIsWorking()
    {
        var calendar = new WorkingCalendar(s_calendar);
        var random = new Random(20240427);
        for (var i = 0; i < Cases; i++)
        {
            var start = RandomShippedDate(random);
            var n = random.Next(0, 61);

            var result = calendar.AddWorkingDays(start, n);

            Assert.True(s_calendar.IsWorkingDay(result), $"AddWorkingDays({start}, {n}) = {result} is not a working day.");
            Assert.Equal(n, calendar.CountWorkingDays(start, result));
            if (n > 0)
            {
                // The n-th working day, not a later one.
                Assert.True(result > start);
                Assert.Equal(n - 1, calendar.CountWorkingDays(start, result.AddDays(-1)));
            }
        }
    }

    [Fact]
    public void AddWorkingDays_RandomNegativeCounts_CountBackGivesCountAndResultIsWorking()
    {
        var calendar = new WorkingCalendar(s_calendar);
        var random = new Random(20241102);
        for (var i = 0; i < Cases; i++)
        {
            var start = RandomShippedDate(random);
            var n = -random.Next(1, 61);

            var result = calendar.AddWorkingDays(start, n);

            Assert.True(s_calendar.IsWorkingDay(result), $"AddWorkingDays({start}, {n}) = {result} is not a working day.");
            Assert.Equal(n, calendar.CountWorkingDays(start, result));
            Assert.True(result < start);
        }
    }

    [Fact]
    public void EndOfCalendarDayPeriod_RandomPeriods_IsFirstWorkingDayOnOrAfterLastCalendarDay()
    {
        var calendar = new WorkingCalendar(s_calendar);
        var random = new Random(20251101);
        for (var i = 0; i < Cases; i++)
        {
            var eventDate = RandomShippedDate(random);
            var days = random.Next(0, 61);

            var end = calendar.EndOfCalendarDayPeriod(eventDate, days);

            Assert.True(s_calendar.IsWorkingDay(end), $"EndOfCalendarDayPeriod({eventDate}, {days}) = {end} is not a working day.");
            var lastCalendarDay = eventDate.AddDays(days);
            Assert.True(end >= lastCalendarDay);
            for (var day = lastCalendarDay; day < end; day = day.AddDays(1))
                Assert.False(s_calendar.IsWorkingDay(day), $"{day} is working but the period of {eventDate} + {days} ran on to {end}.");
        }
    }

    [Theory]
    [MemberData(nameof(Schedules))]
    public void AddWorkingHours_RandomStartsAndHours_WorkingTimeBetweenGivesHoursBack(string scheduleName)
    {
        var calendar = new WorkingCalendar(s_calendar, Schedule(scheduleName));
        var random = new Random(scheduleName.Length * 7919);
        for (var i = 0; i < Cases; i++)
        {
            var start = RandomShippedInstant(random);
            var hours = random.Next(0, 4) switch
            {
                0 => random.Next(0, 10),
                1 => Math.Round(random.NextDouble() * 24, 2),
                2 => random.NextDouble() * 200,
                _ => -random.NextDouble() * 100,
            };

            var result = calendar.AddWorkingHours(start, hours);

            Assert.Equal(TimeSpan.FromHours(hours), calendar.WorkingTimeBetween(start, result));
            Assert.Equal(calendar.TimeZone.GetUtcOffset(result), result.Offset);
            if (hours > 0)
            {
                // The result lies on a working day: at the latest the end of its last working period.
                var local = DateOnly.FromDateTime(result.DateTime);
                Assert.True(s_calendar.IsWorkingDay(local), $"AddWorkingHours({start:O}, {hours}) = {result:O} is on a non-working day.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Schedules))]
    public void WorkingTimeBetween_SplitAtAnyPoint_IsAdditive(string scheduleName)
    {
        var calendar = new WorkingCalendar(s_calendar, Schedule(scheduleName));
        var random = new Random(scheduleName.Length * 104729);
        for (var i = 0; i < Cases; i++)
        {
            var a = RandomShippedInstant(random);
            var b = a + TimeSpan.FromMinutes(random.Next(0, 60 * 24 * 20));
            var c = a + TimeSpan.FromMinutes(random.Next(0, 60 * 24 * 20));

            Assert.Equal(calendar.WorkingTimeBetween(a, c), calendar.WorkingTimeBetween(a, b) + calendar.WorkingTimeBetween(b, c));
        }
    }

    private static WorkSchedule Schedule(string name) => name switch
    {
        "moscow" => new WorkSchedule(),
        "novosibirsk-no-lunch" => new WorkSchedule { TimeZone = "Asia/Novosibirsk", DayStart = new(8, 0), DayEnd = new(17, 0), LunchStart = null, LunchEnd = null },
        "kaliningrad-late" => new WorkSchedule { TimeZone = "Europe/Kaliningrad", DayStart = new(10, 0), DayEnd = new(19, 0), LunchStart = new(14, 0), LunchEnd = new(14, 45) },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static DateOnly RandomShippedDate(Random random)
    {
        var first = new DateOnly(s_calendar.Years[0], 1, 1);
        var last = new DateOnly(s_calendar.Years[^1], 12, 31);
        return first.AddDays(random.Next(0, last.DayNumber - first.DayNumber + 1));
    }

    private static DateTimeOffset RandomShippedInstant(Random random)
    {
        var date = RandomShippedDate(random);
        var offset = TimeSpan.FromHours(random.Next(-2, 13));
        var timeOfDay = TimeSpan.FromSeconds(random.Next(0, 24 * 60 * 60));
        return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue) + timeOfDay, offset);
    }
}

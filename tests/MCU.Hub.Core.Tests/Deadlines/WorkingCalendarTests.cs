using System.Globalization;
using MCU.Hub.Deadlines.Calendar;
using Microsoft.Extensions.Configuration;

namespace MCU.Hub.Deadlines;

public sealed class WorkingCalendarTests
{
    private static readonly ProductionCalendar s_calendar = new();
    private static readonly WorkingCalendar s_moscow = new(s_calendar);

    [Theory]
    [InlineData("2024-04-26", 1, "2024-04-27")] // the transferred working Saturday counts
    [InlineData("2024-04-27", 1, "2024-05-02")] // Apr 28 Sunday, Apr 29-30 and May 1 off
    [InlineData("2024-11-01", 1, "2024-11-02")] // short working Saturday
    [InlineData("2024-11-02", 1, "2024-11-05")]
    [InlineData("2025-12-31", 3, "2026-01-14")] // annual report "by the 3rd working day"
    [InlineData("2024-12-27", 1, "2024-12-28")]
    [InlineData("2024-12-28", 1, "2025-01-09")]
    [InlineData("2024-06-07", 0, "2024-06-07")]
    [InlineData("2024-06-08", 0, "2024-06-07")] // a non-working start counts as the working day before it
    [InlineData("2024-06-08", 1, "2024-06-10")]
    [InlineData("2024-06-08", -1, "2024-06-06")]
    [InlineData("2024-05-13", -1, "2024-05-08")]
    [InlineData("2024-05-13", -2, "2024-05-07")]
    [InlineData("2024-04-27", -1, "2024-04-26")]
    public void AddWorkingDays_KnownDates_GivesWorkingDay(string start, int days, string expected)
    {
        Assert.Equal(Date(expected), s_moscow.AddWorkingDays(Date(start), days));
        Assert.Equal(days, s_moscow.CountWorkingDays(Date(start), Date(expected)));
    }

    [Theory]
    [InlineData("2023-12-31", "2024-01-31", 17)]
    [InlineData("2024-04-26", "2024-05-02", 2)]
    [InlineData("2024-01-31", "2023-12-31", -17)]
    [InlineData("2024-06-07", "2024-06-07", 0)]
    [InlineData("2023-12-31", "2024-12-31", 248)]
    public void CountWorkingDays_Range_CountsWorkingDaysAfterFromUpToTo(string from, string to, int expected) =>
        Assert.Equal(expected, s_moscow.CountWorkingDays(Date(from), Date(to)));

    [Theory]
    [InlineData("2024-12-30", "2025-01-09")]
    [InlineData("2024-11-02", "2024-11-02")]
    [InlineData("2024-11-03", "2024-11-05")]
    [InlineData("2024-06-05", "2024-06-05")]
    public void NextWorkingDayOnOrAfter_Date_GivesFirstWorkingDay(string date, string expected) =>
        Assert.Equal(Date(expected), s_moscow.NextWorkingDayOnOrAfter(Date(date)));

    [Theory]
    [InlineData("2024-03-01", 30, "2024-04-01")] // 31 March 2024 is a Sunday
    [InlineData("2024-12-01", 30, "2025-01-09")] // 31 December 2024 is off, then the New Year holidays
    [InlineData("2024-10-03", 30, "2024-11-02")] // ends on the short working Saturday
    [InlineData("2024-06-03", 30, "2024-07-03")]
    [InlineData("2024-06-03", 0, "2024-06-03")]
    public void EndOfCalendarDayPeriod_LastDayNonWorking_MovesToNextWorkingDay(string eventDate, int days, string expected) =>
        Assert.Equal(Date(expected), s_moscow.EndOfCalendarDayPeriod(Date(eventDate), days));

    [Theory]
    [InlineData("2024-06-03", 8)]
    [InlineData("2024-05-08", 7)]
    [InlineData("2024-11-02", 7)]
    [InlineData("2024-04-27", 8)]
    [InlineData("2024-06-08", 0)]
    [InlineData("2024-06-12", 0)]
    public void WorkingTimeOn_DayKind_GivesScheduleHours(string date, int hours) =>
        Assert.Equal(TimeSpan.FromHours(hours), s_moscow.WorkingTimeOn(Date(date)));

    [Theory]
    [InlineData(2020, 1979)]
    [InlineData(2021, 1972)]
    [InlineData(2022, 1973)]
    [InlineData(2023, 1973)]
    [InlineData(2024, 1979)]
    [InlineData(2025, 1972)]
    [InlineData(2026, 1972)]
    [InlineData(2027, 1972)]
    public void WorkingTimeOn_WholeShippedYear_GivesNormOfFortyHourWeek(int year, int normHours)
    {
        var total = TimeSpan.Zero;
        for (var day = new DateOnly(year, 1, 1); day.Year == year; day = day.AddDays(1))
            total += s_moscow.WorkingTimeOn(day);

        Assert.Equal(TimeSpan.FromHours(normHours), total);
    }

    [Fact]
    public void AddWorkingHours_AcrossShortSaturdayAndHoliday_SkipsNonWorkingTime()
    {
        // Fri 1 Nov 2024 17:00: 1 h on Friday, then the short working Saturday 2 Nov (09-13, 14-17), then Sun and the
        // 4 Nov holiday, then Tuesday.
        var start = Moscow(2024, 11, 1, 17, 0);

        Assert.Equal(Moscow(2024, 11, 2, 17, 0), s_moscow.AddWorkingHours(start, 8));
        Assert.Equal(Moscow(2024, 11, 5, 10, 0), s_moscow.AddWorkingHours(start, 9));
        Assert.Equal(TimeSpan.FromHours(9), s_moscow.WorkingTimeBetween(start, Moscow(2024, 11, 5, 10, 0)));
    }

    [Fact]
    public void AddWorkingHours_FromShortPreHolidayDay_SkipsHolidaysAndWeekend()
    {
        // Wed 8 May 2024 is short (ends 17:00); 9-10 May are holidays, 11-12 May the weekend.
        var start = Moscow(2024, 5, 8, 16, 0);

        Assert.Equal(Moscow(2024, 5, 13, 10, 0), s_moscow.AddWorkingHours(start, 2));
        Assert.Equal(TimeSpan.FromHours(15), s_moscow.WorkingTimeBetween(Moscow(2024, 5, 8, 9, 0), Moscow(2024, 5, 13, 18, 0)));
    }

    [Fact]
    public void AddWorkingHours_OverLunch_SkipsLunch() =>
        Assert.Equal(Moscow(2024, 6, 3, 14, 30), s_moscow.AddWorkingHours(Moscow(2024, 6, 3, 12, 30), 1));

    [Fact]
    public void AddWorkingHours_EndingAtDayEnd_GivesDayEndNotNextMorning() =>
        Assert.Equal(Moscow(2024, 6, 3, 18, 0), s_moscow.AddWorkingHours(Moscow(2024, 6, 3, 17, 0), 1));

    [Fact]
    public void AddWorkingHours_StartAtNight_StartsCountingAtDayStart()
    {
        Assert.Equal(Moscow(2024, 6, 4, 9, 30), s_moscow.AddWorkingHours(Moscow(2024, 6, 3, 22, 0), 0.5));
        Assert.Equal(Moscow(2024, 6, 3, 22, 0), s_moscow.AddWorkingHours(Moscow(2024, 6, 3, 22, 0), 0));
    }

    [Fact]
    public void AddWorkingHours_Negative_CountsBackwards()
    {
        Assert.Equal(Moscow(2024, 11, 1, 17, 0), s_moscow.AddWorkingHours(Moscow(2024, 11, 5, 10, 0), -9));
        Assert.Equal(Moscow(2024, 6, 3, 12, 30), s_moscow.AddWorkingHours(Moscow(2024, 6, 3, 14, 30), -1));
    }

    [Fact]
    public void AddWorkingHours_ResultOffset_IsMunicipalityLocal()
    {
        var result = s_moscow.AddWorkingHours(new DateTimeOffset(2024, 6, 3, 6, 0, 0, TimeSpan.Zero), 1); // 09:00 in Moscow

        Assert.Equal(TimeSpan.FromHours(3), result.Offset);
        Assert.Equal(new DateTimeOffset(2024, 6, 3, 7, 0, 0, TimeSpan.Zero), result);
    }

    [Fact]
    public void AddWorkingHours_NovosibirskZone_CountsInLocalHours()
    {
        var novosibirsk = new WorkingCalendar(s_calendar, new WorkSchedule { TimeZone = "Asia/Novosibirsk" });
        var start = new DateTimeOffset(2024, 6, 3, 2, 0, 0, TimeSpan.Zero); // 09:00 in Novosibirsk, 05:00 in Moscow

        var result = novosibirsk.AddWorkingHours(start, 8);

        Assert.Equal(new DateTimeOffset(2024, 6, 3, 18, 0, 0, TimeSpan.FromHours(7)), result);
        Assert.Equal(TimeSpan.FromHours(7), result.Offset);
        Assert.Equal(new DateTimeOffset(2024, 6, 3, 15, 0, 0, TimeSpan.Zero), s_moscow.AddWorkingHours(start, 8));
        // Friday 17:00 in Novosibirsk is 13:00 in Moscow: one working hour left there, four in Moscow (after lunch).
        var friday = new DateTimeOffset(2024, 6, 7, 17, 0, 0, TimeSpan.FromHours(7));
        Assert.Equal(TimeSpan.FromHours(1), novosibirsk.WorkingTimeBetween(friday, friday.AddDays(2)));
        Assert.Equal(TimeSpan.FromHours(4), s_moscow.WorkingTimeBetween(friday, friday.AddDays(2)));
    }

    [Fact]
    public void AddWorkingHours_ScheduleWithoutLunch_CountsStraightThrough()
    {
        var schedule = new WorkSchedule { TimeZone = "Asia/Novosibirsk", DayStart = new(8, 0), DayEnd = new(17, 0), LunchStart = null, LunchEnd = null };
        var calendar = new WorkingCalendar(s_calendar, schedule);
        var start = new DateTimeOffset(2024, 6, 3, 12, 30, 0, TimeSpan.FromHours(7));

        Assert.Equal(start.AddHours(1), calendar.AddWorkingHours(start, 1));
        Assert.Equal(TimeSpan.FromHours(9), calendar.WorkingTimeOn(new DateOnly(2024, 6, 3)));
        Assert.Equal(TimeSpan.FromHours(8), calendar.WorkingTimeOn(new DateOnly(2024, 6, 11)));
    }

    [Fact]
    public void WorkingTimeOn_ZoneWithClockChange_CountsElapsedTime()
    {
        // Working Sundays by override, on the days Berlin moves its clocks: 00:00-06:00 lasts 5 h in spring, 7 h in autumn.
        var calendar = new ProductionCalendar(
        [
            new CalendarOverride(new DateOnly(2024, 3, 31), SpecialDayKinds.Workday),
            new CalendarOverride(new DateOnly(2024, 10, 27), SpecialDayKinds.Workday),
        ]);
        var schedule = new WorkSchedule { TimeZone = "Europe/Berlin", DayStart = new(0, 0), DayEnd = new(6, 0), LunchStart = null, LunchEnd = null };
        var berlin = new WorkingCalendar(calendar, schedule);

        Assert.Equal(TimeSpan.FromHours(5), berlin.WorkingTimeOn(new DateOnly(2024, 3, 31)));
        Assert.Equal(TimeSpan.FromHours(7), berlin.WorkingTimeOn(new DateOnly(2024, 10, 27)));
        var start = new DateTimeOffset(2024, 3, 31, 1, 0, 0, TimeSpan.FromHours(1));
        Assert.Equal(new DateTimeOffset(2024, 3, 31, 4, 0, 0, TimeSpan.FromHours(2)), berlin.AddWorkingHours(start, 2));
    }

    [Fact]
    public void Constructor_ScheduleBoundFromConfiguration_ReadsTimesAndZone()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Schedule:TimeZone"] = "Asia/Novosibirsk",
                ["Schedule:DayStart"] = "08:30",
                ["Schedule:DayEnd"] = "17:30",
                ["Schedule:LunchStart"] = "12:30",
                ["Schedule:LunchEnd"] = "13:15",
                ["Schedule:ShortDayReduction"] = "01:00:00",
            })
            .Build();

        var schedule = configuration.GetSection("Schedule").Get<WorkSchedule>()!;
        var calendar = new WorkingCalendar(s_calendar, schedule);

        Assert.Equal(new TimeOnly(8, 30), schedule.DayStart);
        Assert.Equal("Asia/Novosibirsk", calendar.TimeZone.Id);
        Assert.Equal(TimeSpan.FromMinutes(8 * 60 + 15), calendar.WorkingTimeOn(new DateOnly(2024, 6, 3)));
    }

    [Fact]
    public void Constructor_ScheduleWithEmptyLunchInConfiguration_HasNoLunch()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Schedule:LunchStart"] = "", ["Schedule:LunchEnd"] = "" })
            .Build();

        var schedule = configuration.GetSection("Schedule").Get<WorkSchedule>()!;

        Assert.Null(schedule.LunchStart);
        Assert.Null(schedule.LunchEnd);
        Assert.Equal(TimeSpan.FromHours(9), new WorkingCalendar(s_calendar, schedule).WorkingTimeOn(new DateOnly(2024, 6, 3)));
    }

    [Fact]
    public void Constructor_UnknownTimeZone_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<ArgumentException>(() => new WorkingCalendar(s_calendar, new WorkSchedule { TimeZone = "Mars/Olympus" }));

        Assert.Contains("WorkSchedule.TimeZone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DayEndBeforeStart_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<ArgumentException>(() => new WorkingCalendar(s_calendar, new WorkSchedule { DayStart = new(18, 0), DayEnd = new(9, 0) }));

        Assert.Contains("WorkSchedule.DayEnd", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_LunchOutsideDay_Throws() =>
        Assert.Throws<ArgumentException>(() => new WorkingCalendar(s_calendar, new WorkSchedule { LunchStart = new(19, 0), LunchEnd = new(20, 0) }));

    [Fact]
    public void AddWorkingHours_NotFinite_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => s_moscow.AddWorkingHours(Moscow(2024, 6, 3, 9, 0), double.NaN));

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTimeOffset Moscow(int year, int month, int day, int hour, int minute) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(3));
}

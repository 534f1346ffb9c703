using MCU.Hub.Deadlines.Calendar;
using MCU.Hub.Kpi.Internal;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Reports;

/// <summary>When each report falls due and when the host generates it, on the production calendar.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>Weekly: the period is an ISO week (Monday–Sunday); it is due on the Friday after it at 13:00. If that Friday
/// is not a working day, on the working day before it, at the same time.</item>
/// <item>Monthly: due by the 5th of the next month; if the 5th is not a working day, the working day before it.</item>
/// <item>Quarterly: the 5th working day of the month after the quarter (no regulation gives the day; configurable).</item>
/// <item>Annual: the 3rd working day of the month after the year.</item>
/// </list>
/// A report is generated <see cref="ReportOptions.GenerateBefore"/> ahead of its due time, and never before its
/// period has ended.
/// </remarks>
public sealed class ReportSchedule
{
    private readonly WorkingCalendar _calendar;
    private readonly ReportOptions _options;

    /// <summary>Creates the schedule.</summary>
    /// <param name="calendar">The working calendar.</param>
    /// <param name="options">The engine options.</param>
    public ReportSchedule(WorkingCalendar calendar, IOptions<McuHubOptions> options)
    {
        _calendar = calendar;
        _options = options.Value.Reports;
    }

    /// <summary>Gets when a report is due.</summary>
    /// <param name="period">The report's period.</param>
    /// <returns>The due instant.</returns>
    public DateTimeOffset DueAt(ReportPeriod period)
    {
        var after = period.Days.To.AddDays(1);
        return period.Kind switch
        {
            ReportKind.Weekly => At(_calendar.PreviousWorkingDayOnOrBefore(NextOnOrAfter(after, _options.WeeklyDueDay)), _options.WeeklyDueTime),
            ReportKind.Monthly => At(_calendar.PreviousWorkingDayOnOrBefore(new DateOnly(after.Year, after.Month, _options.MonthlyDueDay)), _options.DueTime),
            ReportKind.Quarterly => At(NthWorkingDay(after, _options.QuarterlyDueWorkingDay), _options.DueTime),
            _ => At(NthWorkingDay(after, _options.AnnualDueWorkingDay), _options.DueTime),
        };
    }

    /// <summary>Gets when the host generates a report on schedule.</summary>
    /// <param name="period">The report's period.</param>
    /// <returns>The instant: <see cref="ReportOptions.GenerateBefore"/> before it is due, but not before the period ends.</returns>
    public DateTimeOffset GenerateAt(ReportPeriod period)
    {
        var ended = KpiContext.LocalMidnight(period.Days.To.AddDays(1), _calendar.TimeZone);
        var planned = DueAt(period) - _options.GenerateBefore;
        return planned > ended ? planned : ended;
    }

    /// <summary>Gets the latest period of a kind that has ended by an instant.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="now">The instant.</param>
    /// <returns>The period.</returns>
    public ReportPeriod LatestEnded(ReportKind kind, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, _calendar.TimeZone).DateTime);
        return ReportPeriod.Containing(kind, today).Previous();
    }

    private DateOnly NthWorkingDay(DateOnly firstOfMonth, int n)
    {
        var day = _calendar.NextWorkingDayOnOrAfter(firstOfMonth);
        for (var i = 1; i < n; i++)
            day = _calendar.NextWorkingDayOnOrAfter(day.AddDays(1));
        return day;
    }

    private static DateOnly NextOnOrAfter(DateOnly date, DayOfWeek day) => date.AddDays(((int)day - (int)date.DayOfWeek + 7) % 7);

    private DateTimeOffset At(DateOnly date, TimeSpan time)
    {
        var local = date.ToDateTime(TimeOnly.MinValue) + time;
        return new DateTimeOffset(local, _calendar.TimeZone.GetUtcOffset(local));
    }
}

using MCU.Hub.Deadlines.Calendar.Internal;

namespace MCU.Hub.Deadlines.Calendar;

/// <summary>
/// Working-time arithmetic on the production calendar: working days, calendar-day periods under Civil Code art. 193,
/// and working hours in the municipality's time zone.
/// </summary>
/// <remarks>
/// Every member is a pure function of its arguments, the calendar and the schedule: nothing reads the clock.
/// Instances are immutable and safe to use from many threads.
/// </remarks>
public sealed class WorkingCalendar
{
    private readonly TimeSpan _dayStart;
    private readonly TimeSpan _dayEnd;
    private readonly TimeSpan? _lunchStart;
    private readonly TimeSpan? _lunchEnd;
    private readonly TimeSpan _shortDayReduction;

    /// <summary>Creates the arithmetic on <paramref name="calendar"/> with the default <see cref="WorkSchedule"/> (Moscow, 09:00–18:00, lunch 13:00–14:00).</summary>
    /// <param name="calendar">The production calendar.</param>
    public WorkingCalendar(ProductionCalendar calendar)
        : this(calendar, new WorkSchedule())
    {
    }

    /// <summary>Creates the arithmetic on <paramref name="calendar"/> with <paramref name="schedule"/>.</summary>
    /// <param name="calendar">The production calendar.</param>
    /// <param name="schedule">The working hours; its values are copied, later changes to it have no effect.</param>
    /// <exception cref="ArgumentException">The time zone is unknown or the hours are inconsistent; the message names the setting.</exception>
    public WorkingCalendar(ProductionCalendar calendar, WorkSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(schedule);
        Calendar = calendar;
        TimeZone = FindZone(schedule);

        _dayStart = schedule.DayStart.ToTimeSpan();
        _dayEnd = schedule.DayEnd.ToTimeSpan();
        _lunchStart = schedule.LunchStart?.ToTimeSpan();
        _lunchEnd = schedule.LunchEnd?.ToTimeSpan();
        _shortDayReduction = schedule.ShortDayReduction;
        Validate();
    }

    /// <summary>Gets the production calendar.</summary>
    public ProductionCalendar Calendar { get; }

    /// <summary>Gets the municipality's time zone, in which working hours are counted.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>
    /// Moves <paramref name="workingDays"/> working days from <paramref name="start"/>: for a positive count, the
    /// <paramref name="workingDays"/>-th working day after <paramref name="start"/>; for a negative count, backwards.
    /// </summary>
    /// <param name="start">The day to count from (not itself counted).</param>
    /// <param name="workingDays">The number of working days; short days and transferred working Saturdays count.</param>
    /// <returns>
    /// A working day <c>d</c> with <c>CountWorkingDays(start, d) == workingDays</c>. A non-working start counts as the last
    /// working day before it: from a Saturday, 0 gives the Friday, 1 the Monday, −1 the Thursday.
    /// </returns>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        if (workingDays > 0)
        {
            var day = start;
            for (var counted = 0; counted < workingDays;)
            {
                day = day.AddDays(1);
                if (Calendar.IsWorkingDay(day))
                    counted++;
            }

            return day;
        }

        var back = PreviousWorkingDayOnOrBefore(start);
        for (var counted = 0; counted > workingDays; counted--)
            back = PreviousWorkingDayOnOrBefore(back.AddDays(-1));
        return back;
    }

    /// <summary>Counts the working days after <paramref name="fromExclusive"/> up to and including <paramref name="toInclusive"/>.</summary>
    /// <param name="fromExclusive">The day before the first day counted.</param>
    /// <param name="toInclusive">The last day counted.</param>
    /// <returns>The count, short days included; negated when <paramref name="toInclusive"/> is before <paramref name="fromExclusive"/>.</returns>
    public int CountWorkingDays(DateOnly fromExclusive, DateOnly toInclusive)
    {
        if (toInclusive < fromExclusive)
            return -CountWorkingDays(toInclusive, fromExclusive);

        var count = 0;
        for (var day = fromExclusive; day < toInclusive;)
        {
            day = day.AddDays(1);
            if (Calendar.IsWorkingDay(day))
                count++;
        }

        return count;
    }

    /// <summary>Gets <paramref name="date"/> if it is a working day, otherwise the first working day after it.</summary>
    /// <param name="date">The date.</param>
    /// <returns>The working day.</returns>
    public DateOnly NextWorkingDayOnOrAfter(DateOnly date)
    {
        while (!Calendar.IsWorkingDay(date))
            date = date.AddDays(1);
        return date;
    }

    /// <summary>Gets <paramref name="date"/> if it is a working day, otherwise the last working day before it.</summary>
    /// <param name="date">The date.</param>
    /// <returns>The working day.</returns>
    public DateOnly PreviousWorkingDayOnOrBefore(DateOnly date)
    {
        while (!Calendar.IsWorkingDay(date))
            date = date.AddDays(-1);
        return date;
    }

    /// <summary>
    /// Gets the last day of a period of <paramref name="calendarDays"/> calendar days that starts the day after
    /// <paramref name="eventDate"/> (Civil Code art. 191); when that day is non-working, the next working day
    /// (Civil Code art. 193).
    /// </summary>
    /// <param name="eventDate">The day of the event the period runs from, for example the registration of an appeal.</param>
    /// <param name="calendarDays">The length of the period in calendar days.</param>
    /// <returns>The last day of the period, always a working day: an appeal registered on 1 March 2024 with 30 days ends on 1 April 2024 (31 March is a Sunday).</returns>
    public DateOnly EndOfCalendarDayPeriod(DateOnly eventDate, int calendarDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(calendarDays);
        return NextWorkingDayOnOrAfter(eventDate.AddDays(calendarDays));
    }

    /// <summary>Gets the working time of <paramref name="date"/> under the schedule: the full day, the short day, or zero.</summary>
    /// <param name="date">The date.</param>
    /// <returns>The working time, lunch excluded.</returns>
    public TimeSpan WorkingTimeOn(DateOnly date)
    {
        var total = TimeSpan.Zero;
        foreach (var (start, end) in IntervalsOn(date))
            total += end - start;
        return total;
    }

    /// <summary>Adds <paramref name="hours"/> working hours to <paramref name="start"/>.</summary>
    /// <param name="start">The instant to count from; any offset.</param>
    /// <param name="hours">The working hours, fractional allowed; negative counts backwards.</param>
    /// <returns>The instant, with the municipality's local offset, at which that much working time has passed.</returns>
    /// <remarks>See <see cref="AddWorkingTime"/>.</remarks>
    public DateTimeOffset AddWorkingHours(DateTimeOffset start, double hours)
    {
        if (!double.IsFinite(hours))
            throw new ArgumentOutOfRangeException(nameof(hours), hours, "The number of hours must be finite.");
        return AddWorkingTime(start, TimeSpan.FromHours(hours));
    }

    /// <summary>Adds <paramref name="duration"/> of working time to <paramref name="start"/>.</summary>
    /// <param name="start">The instant to count from; any offset.</param>
    /// <param name="duration">The working time; negative counts backwards.</param>
    /// <returns>The instant, with the municipality's local offset, at which that much working time has passed.</returns>
    /// <remarks>
    /// Only the schedule's hours on working days of the calendar count, in the municipality's time zone: nights,
    /// weekends, holidays and the lunch break are skipped, and a short day ends earlier. Time that ends exactly at
    /// the end of a working period gives that end (18:00), not the next morning; a zero duration gives
    /// <paramref name="start"/>. <c>WorkingTimeBetween(start, result)</c> gives <paramref name="duration"/> back.
    /// </remarks>
    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan duration)
    {
        var remaining = duration.Duration();
        var day = ZonedTime.LocalDate(TimeZone, start);
        DateTimeOffset result;
        if (remaining == TimeSpan.Zero)
            result = start;
        else if (duration > TimeSpan.Zero)
            result = Forward(start, day, remaining);
        else
            result = Backward(start, day, remaining);
        return TimeZoneInfo.ConvertTime(result, TimeZone);
    }

    /// <summary>Gets the working time between two instants (see <see cref="AddWorkingTime"/> for what counts).</summary>
    /// <param name="from">The first instant.</param>
    /// <param name="to">The second instant.</param>
    /// <returns>The working time in [<paramref name="from"/>, <paramref name="to"/>); negated when <paramref name="to"/> is earlier.</returns>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from)
            return -WorkingTimeBetween(to, from);

        var total = TimeSpan.Zero;
        var last = ZonedTime.LocalDate(TimeZone, to);
        for (var day = ZonedTime.LocalDate(TimeZone, from); day <= last; day = day.AddDays(1))
        {
            foreach (var (start, end) in IntervalsOn(day))
            {
                var overlapStart = start > from ? start : from;
                var overlapEnd = end < to ? end : to;
                if (overlapEnd > overlapStart)
                    total += overlapEnd - overlapStart;
            }
        }

        return total;
    }

    private DateTimeOffset Forward(DateTimeOffset cursor, DateOnly day, TimeSpan remaining)
    {
        while (true)
        {
            foreach (var (start, end) in IntervalsOn(day))
            {
                if (end <= cursor)
                    continue;
                var from = start > cursor ? start : cursor;
                var available = end - from;
                if (remaining <= available)
                    return from + remaining;
                remaining -= available;
            }

            day = day.AddDays(1);
        }
    }

    private DateTimeOffset Backward(DateTimeOffset cursor, DateOnly day, TimeSpan remaining)
    {
        while (true)
        {
            var intervals = IntervalsOn(day);
            for (var i = intervals.Count - 1; i >= 0; i--)
            {
                var (start, end) = intervals[i];
                if (start >= cursor)
                    continue;
                var to = end < cursor ? end : cursor;
                var available = to - start;
                if (remaining <= available)
                    return to - remaining;
                remaining -= available;
            }

            day = day.AddDays(-1);
        }
    }

    /// <summary>The working periods of <paramref name="date"/> as instants, in order.</summary>
    private List<(DateTimeOffset Start, DateTimeOffset End)> IntervalsOn(DateOnly date)
    {
        var intervals = new List<(DateTimeOffset Start, DateTimeOffset End)>(2);
        var kind = Calendar.GetDayKind(date);
        if (kind is DayKind.NonWorking or DayKind.Holiday)
            return intervals;

        var end = kind == DayKind.ShortWorking ? _dayEnd - _shortDayReduction : _dayEnd;
        if (_lunchStart is { } lunchStart && _lunchEnd is { } lunchEnd && lunchStart < end)
        {
            Add(_dayStart, lunchStart);
            Add(lunchEnd, end);
        }
        else
        {
            Add(_dayStart, end);
        }

        return intervals;

        void Add(TimeSpan localStart, TimeSpan localEnd)
        {
            if (localEnd > localStart)
                intervals.Add((ZonedTime.ToInstant(TimeZone, date, localStart), ZonedTime.ToInstant(TimeZone, date, localEnd)));
        }
    }

    private static TimeZoneInfo FindZone(WorkSchedule schedule)
    {
        var id = schedule.TimeZone;
        if (string.IsNullOrWhiteSpace(id))
            throw new ArgumentException("WorkSchedule.TimeZone: required (an IANA id such as Europe/Moscow).", nameof(schedule));
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException ex)
        {
            throw new ArgumentException($"WorkSchedule.TimeZone: unknown time zone '{id}'.", nameof(schedule), ex);
        }
        catch (InvalidTimeZoneException ex)
        {
            throw new ArgumentException($"WorkSchedule.TimeZone: invalid time zone data for '{id}'.", nameof(schedule), ex);
        }
    }

    private void Validate()
    {
        const string param = "schedule";
        if (_dayEnd <= _dayStart)
            throw new ArgumentException($"WorkSchedule.DayEnd: {_dayEnd:hh\\:mm} must be after DayStart {_dayStart:hh\\:mm}.", param);
        if (_lunchStart.HasValue != _lunchEnd.HasValue)
            throw new ArgumentException("WorkSchedule.LunchStart/LunchEnd: set both or neither.", param);
        if (_lunchStart is { } lunchStart && _lunchEnd is { } lunchEnd
            && (lunchStart < _dayStart || lunchEnd <= lunchStart || lunchEnd > _dayEnd))
        {
            throw new ArgumentException(
                $"WorkSchedule.LunchStart/LunchEnd: {lunchStart:hh\\:mm}-{lunchEnd:hh\\:mm} must be a non-empty break within {_dayStart:hh\\:mm}-{_dayEnd:hh\\:mm}.",
                param);
        }

        if (_shortDayReduction < TimeSpan.Zero || _dayEnd - _shortDayReduction <= _dayStart)
            throw new ArgumentException($"WorkSchedule.ShortDayReduction: {_shortDayReduction} must be non-negative and leave a short day some working time.", param);
    }
}

using MCU.Hub.Deadlines.Calendar;

namespace MCU.Hub.Deadlines;

/// <summary>Turns a policy, a start and an extension into a due instant on the production calendar.</summary>
public sealed class DeadlineCalculator
{
    private readonly WorkingCalendar _calendar;

    /// <summary>Creates the calculator.</summary>
    /// <param name="calendar">The working calendar of the municipality.</param>
    public DeadlineCalculator(WorkingCalendar calendar) => _calendar = calendar;

    /// <summary>Gets the working calendar used.</summary>
    public WorkingCalendar Calendar => _calendar;

    /// <summary>Computes when a period of <paramref name="policy"/> that starts at <paramref name="start"/> ends.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="start">The start (registration).</param>
    /// <param name="extension">The extension granted, in the policy's unit.</param>
    /// <returns>The due instant in the municipality's local offset. Day periods end at local midnight after the last day.</returns>
    public DateTimeOffset Due(DeadlinePolicyDefinition policy, DateTimeOffset start, double extension = 0)
    {
        var amount = policy.Amount + extension;
        var zone = _calendar.TimeZone;
        var startDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, zone).DateTime);
        switch (policy.Unit)
        {
            case DeadlineUnit.CalendarDays:
            {
                var last = startDay.AddDays((int)Math.Ceiling(amount));
                if (!_calendar.Calendar.IsWorkingDay(last))
                {
                    last = policy.OnNonWorkingDay switch
                    {
                        NonWorkingDayEnd.NextWorkingDay => _calendar.NextWorkingDayOnOrAfter(last),
                        NonWorkingDayEnd.PreviousWorkingDay => _calendar.PreviousWorkingDayOnOrBefore(last),
                        _ => last,
                    };
                }

                return EndOfLocalDay(last);
            }

            case DeadlineUnit.WorkingDays:
                return EndOfLocalDay(_calendar.AddWorkingDays(startDay, (int)Math.Ceiling(amount)));
            case DeadlineUnit.WorkingHours:
                return _calendar.AddWorkingHours(start, amount);
            default:
                return TimeZoneInfo.ConvertTime(start.AddHours(amount), zone);
        }
    }

    private DateTimeOffset EndOfLocalDay(DateOnly day)
    {
        var midnight = day.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, _calendar.TimeZone.GetUtcOffset(midnight));
    }
}

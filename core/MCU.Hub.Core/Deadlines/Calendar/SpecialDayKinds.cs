namespace MCU.Hub.Deadlines.Calendar;

/// <summary>The <c>kind</c> values of the calendar CSV format (<c>date,kind</c>) and of <see cref="CalendarOverride.Kind"/>.</summary>
public static class SpecialDayKinds
{
    /// <summary>An official non-working day: a holiday (also on a Saturday or Sunday) or a weekday made a day off by a transfer.</summary>
    public const string Holiday = "holiday";

    /// <summary>A full working day, usually a Saturday or Sunday made a working day by a transfer.</summary>
    public const string Workday = "workday";

    /// <summary>A working day one hour shorter (pre-holiday); on a Saturday it is a shortened working Saturday.</summary>
    public const string ShortDay = "short";
}

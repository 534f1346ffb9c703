namespace MCU.Hub.Deadlines.Calendar;

/// <summary>The kind of a day in the production calendar (производственный календарь).</summary>
public enum DayKind
{
    /// <summary>A full working day: a weekday, or a Saturday or Sunday made a working day by a transfer.</summary>
    Working,

    /// <summary>A working day one hour shorter (pre-holiday, Labour Code art. 95), including a shortened working Saturday.</summary>
    ShortWorking,

    /// <summary>A weekly day off (Saturday or Sunday) that is not a holiday.</summary>
    NonWorking,

    /// <summary>An official non-working day: a public holiday (also on a Saturday or Sunday) or a weekday made a day off by a transfer.</summary>
    Holiday,
}

namespace MCU.Hub.Deadlines;

/// <summary>What a deadline period is counted in.</summary>
public enum DeadlineUnit
{
    /// <summary>Calendar days, starting the day after the start (Civil Code art. 191); the period ends at local midnight.</summary>
    CalendarDays = 0,

    /// <summary>Working days of the production calendar after the day of the start; the period ends at local midnight.</summary>
    WorkingDays = 1,

    /// <summary>Working hours of the municipality's schedule on working days.</summary>
    WorkingHours = 2,

    /// <summary>Astronomical hours, around the clock.</summary>
    Hours = 3,
}

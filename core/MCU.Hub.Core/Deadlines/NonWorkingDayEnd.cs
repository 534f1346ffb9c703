namespace MCU.Hub.Deadlines;

/// <summary>What happens when a calendar-day period ends on a non-working day.</summary>
public enum NonWorkingDayEnd
{
    /// <summary>The period ends on the next working day (Civil Code art. 193, applied to 59-ФЗ by analogy).</summary>
    NextWorkingDay = 0,

    /// <summary>The period ends on the preceding working day (the rule of many office-work instructions).</summary>
    PreviousWorkingDay = 1,

    /// <summary>The period ends on that day regardless.</summary>
    Keep = 2,
}

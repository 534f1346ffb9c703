namespace MCU.Hub.Routing;

/// <summary>When, relative to the municipality's working hours, a message must arrive for a routing rule to apply.</summary>
/// <remarks>
/// The instant tested is <see cref="Messages.HubMessage.ReceivedAt"/> (when the citizen sent it), or
/// <see cref="Messages.HubMessage.RegisteredAt"/> when the channel gave no time. Working time is what
/// <see cref="Deadlines.Calendar.WorkingCalendar"/> counts: the schedule's hours on a working day of the production
/// calendar, in the municipality's time zone; the lunch break and the hour cut from a short day are non-working.
/// </remarks>
public enum RuleTimeCondition
{
    /// <summary>Any time (the condition is not set).</summary>
    Any = 0,

    /// <summary>Inside working hours on a working day.</summary>
    Working = 1,

    /// <summary>Outside working hours: nights, weekends, holidays, the lunch break.</summary>
    NonWorking = 2,
}

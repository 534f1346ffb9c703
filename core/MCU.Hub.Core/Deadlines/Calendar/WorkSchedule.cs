using System.ComponentModel.DataAnnotations;

namespace MCU.Hub.Deadlines.Calendar;

/// <summary>The working hours of the municipality, used to count working time (for example incident reply norms in working hours).</summary>
/// <remarks>
/// A working day runs from <see cref="DayStart"/> to <see cref="DayEnd"/> local time, without the lunch break; a short
/// (pre-holiday) day ends <see cref="ShortDayReduction"/> earlier. In configuration times are written <c>09:00</c>,
/// durations <c>01:00:00</c>; empty <c>LunchStart</c> and <c>LunchEnd</c> mean no lunch break.
/// </remarks>
public sealed class WorkSchedule
{
    /// <summary>Gets or sets the municipality's time zone (IANA id).</summary>
    /// <value>The default is <c>Europe/Moscow</c>.</value>
    [Required]
    public string TimeZone { get; set; } = "Europe/Moscow";

    /// <summary>Gets or sets the local time the working day starts.</summary>
    /// <value>The default is 09:00.</value>
    public TimeOnly DayStart { get; set; } = new(9, 0);

    /// <summary>Gets or sets the local time a full working day ends.</summary>
    /// <value>The default is 18:00.</value>
    public TimeOnly DayEnd { get; set; } = new(18, 0);

    /// <summary>Gets or sets the local time the lunch break starts; <see langword="null"/> together with <see cref="LunchEnd"/> for no break.</summary>
    /// <value>The default is 13:00.</value>
    public TimeOnly? LunchStart { get; set; } = new(13, 0);

    /// <summary>Gets or sets the local time the lunch break ends; <see langword="null"/> together with <see cref="LunchStart"/> for no break.</summary>
    /// <value>The default is 14:00.</value>
    public TimeOnly? LunchEnd { get; set; } = new(14, 0);

    /// <summary>Gets or sets how much earlier a short (pre-holiday) working day ends.</summary>
    /// <value>The default is one hour (Labour Code art. 95).</value>
    public TimeSpan ShortDayReduction { get; set; } = TimeSpan.FromHours(1);
}

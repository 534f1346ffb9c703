using System.ComponentModel.DataAnnotations;

namespace MCU.Hub.Deadlines;

/// <summary>Deadline settings of the default policy.</summary>
public sealed class DeadlineOptions
{
    /// <summary>Gets or sets the municipality's time zone (IANA id); days end at local midnight.</summary>
    /// <value>The default is <c>Europe/Moscow</c>.</value>
    [Required]
    public string TimeZone { get; set; } = "Europe/Moscow";

    /// <summary>Gets or sets the answer period of a 59-ФЗ appeal, in calendar days from the day after registration.</summary>
    /// <value>The default is 30 days (59-ФЗ, art. 12, part 1).</value>
    [Range(1, 365)]
    public int AppealAnswerDays { get; set; } = 30;

    /// <summary>Gets or sets the answer period of a message when its channel sets none, in calendar days.</summary>
    /// <value>The default is 10 days, the fast-track period reported for ПОС.</value>
    [Range(1, 365)]
    public int MessageAnswerDays { get; set; } = 10;

    /// <summary>Gets or sets the answer period of a fast-track message, in calendar days.</summary>
    /// <value>The default is 5 days.</value>
    [Range(1, 365)]
    public int FastTrackAnswerDays { get; set; } = 5;

    /// <summary>Gets or sets the reply period of a social-network incident, in hours.</summary>
    /// <value>The default is 24 hours (Смоленск: one day); working-hour norms come with the working-day calendar.</value>
    [Range(1, 24 * 30)]
    public int IncidentReplyHours { get; set; } = 24;
}

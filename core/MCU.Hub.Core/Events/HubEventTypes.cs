namespace MCU.Hub.Events;

/// <summary>The hub's event types.</summary>
public static class HubEventTypes
{
    /// <summary>A message was registered.</summary>
    public const string Received = "message.received";

    /// <summary>A message was assigned to its recipients.</summary>
    public const string Routed = "message.routed";

    /// <summary>A message's status changed.</summary>
    public const string StatusChanged = "message.status_changed";

    /// <summary>A message was answered.</summary>
    public const string Answered = "message.answered";

    /// <summary>A message was closed.</summary>
    public const string Closed = "message.closed";

    /// <summary>A message's deadline was extended.</summary>
    public const string DeadlineExtended = "message.deadline_extended";

    /// <summary>A message's deadline was recomputed (calendar, policy or recipient changed).</summary>
    public const string DeadlineChanged = "message.deadline_changed";

    /// <summary>An escalation level was raised for a message (reminder, deadline reached, overdue).</summary>
    public const string Escalated = "message.escalated";

    /// <summary>A message's category was changed; routing and the deadline ran again.</summary>
    public const string CategoryChanged = "message.category_changed";

    /// <summary>A message was reassigned to other recipients by hand.</summary>
    public const string Reassigned = "message.reassigned";

    /// <summary>A report was generated and stored.</summary>
    public const string ReportReady = "report.ready";

    /// <summary>A satisfaction survey link was sent to the citizen (or recorded as having no delivery channel).</summary>
    public const string SurveySent = "message.survey_sent";

    /// <summary>The citizen's satisfaction with the result was recorded (a survey answer or the channel's rating).</summary>
    public const string SatisfactionRecorded = "message.satisfaction_recorded";
}

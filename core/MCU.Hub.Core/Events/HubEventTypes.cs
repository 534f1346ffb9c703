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

    /// <summary>A draft answer was written or sent for approval.</summary>
    public const string DraftSubmitted = "message.draft_submitted";

    /// <summary>A draft answer was returned to its author for rework.</summary>
    public const string DraftReturned = "message.draft_returned";

    /// <summary>A draft answer was approved; <see cref="Answered"/> follows in the same change.</summary>
    public const string DraftApproved = "message.draft_approved";

    /// <summary>An interim answer (промежуточный ответ) was given with a new expected date.</summary>
    public const string InterimAnswered = "message.interim_answered";

    /// <summary>A message was linked to a roadmap, unlinked from it, or its roadmap's measures were implemented or reopened.</summary>
    public const string RoadmapChanged = "message.roadmap_changed";

    /// <summary>A roadmap (дорожная карта) was created.</summary>
    public const string RoadmapCreated = "roadmap.created";

    /// <summary>A measure of a roadmap was added or changed, or messages were linked or unlinked.</summary>
    public const string RoadmapUpdated = "roadmap.updated";

    /// <summary>Every measure of a roadmap is done: its linked messages count for KPI 5.</summary>
    public const string RoadmapImplemented = "roadmap.implemented";

    /// <summary>An implemented roadmap has open measures again: its linked messages no longer count for KPI 5.</summary>
    public const string RoadmapReopened = "roadmap.reopened";

    /// <summary>A measure of a roadmap passed its due date undone and was escalated to the owner's superior.</summary>
    public const string RoadmapMeasureEscalated = "roadmap.measure_escalated";

    /// <summary>A report was generated and stored.</summary>
    public const string ReportReady = "report.ready";

    /// <summary>A satisfaction survey link was sent to the citizen (or recorded as having no delivery channel).</summary>
    public const string SurveySent = "message.survey_sent";

    /// <summary>The citizen's satisfaction with the result was recorded (a survey answer or the channel's rating).</summary>
    public const string SatisfactionRecorded = "message.satisfaction_recorded";
}

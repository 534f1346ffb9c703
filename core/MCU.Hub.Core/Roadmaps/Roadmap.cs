using MCU.Hub.Storage;

namespace MCU.Hub.Roadmaps;

/// <summary>
/// A roadmap (дорожная карта): the root cause behind a group of messages and the measures that remove it. When every
/// measure is done (cancelled ones aside) the roadmap is implemented and its messages count for KPI 5 of Resolution No. 1844.
/// </summary>
/// <remarks>A plain data holder; <see cref="RoadmapService"/> changes it, recording each change in <see cref="History"/>.</remarks>
public sealed class Roadmap : IStoredDocument
{
    /// <inheritdoc />
    public static string Collection => "roadmaps";

    /// <inheritdoc />
    public string Id { get; set; } = "";

    /// <inheritdoc />
    public string Tenant { get; set; } = "";

    /// <inheritdoc />
    public string? Key => null;

    /// <inheritdoc />
    public int Version { get; set; }

    /// <summary>Gets or sets the title, in Russian.</summary>
    public string Title { get; set; } = "";

    /// <summary>Gets or sets the root cause of the messages (причина), in Russian.</summary>
    public string RootCause { get; set; } = "";

    /// <summary>Gets or sets the thematic block the roadmap belongs to, when known (its head gets the escalations of an overdue measure whose owner has no single block of its own).</summary>
    public string? Block { get; set; }

    /// <summary>Gets or sets the growth alert the roadmap was created from, if it was.</summary>
    public RoadmapGrowthSource? Growth { get; set; }

    /// <summary>Gets or sets the ids of the linked messages.</summary>
    public List<string> MessageIds { get; set; } = [];

    /// <summary>Gets or sets the measures, in the order they were added.</summary>
    public List<RoadmapMeasure> Measures { get; set; } = [];

    /// <summary>Gets or sets the state.</summary>
    public RoadmapState State { get; set; }

    /// <summary>Gets or sets when the last measure was done; <see langword="null"/> while the roadmap is open.</summary>
    public DateTimeOffset? ImplementedAt { get; set; }

    /// <summary>Gets or sets when the roadmap was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Gets or sets who created it.</summary>
    public string CreatedBy { get; set; } = "";

    /// <summary>Gets or sets when it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Gets or sets the history of changes, oldest first.</summary>
    public List<RoadmapHistoryEntry> History { get; set; } = [];
}

/// <summary>The state of a roadmap.</summary>
public enum RoadmapState
{
    /// <summary>Some measure is not done yet (or there is none).</summary>
    Open = 0,

    /// <summary>Every measure is done or cancelled, at least one done.</summary>
    Implemented = 1,
}

/// <summary>The state of a roadmap's measure.</summary>
public enum MeasureState
{
    /// <summary>Planned, not started.</summary>
    Planned = 0,

    /// <summary>Under way.</summary>
    InProgress = 1,

    /// <summary>Done.</summary>
    Done = 2,

    /// <summary>Cancelled: not needed any more; does not keep the roadmap open.</summary>
    Cancelled = 3,
}

/// <summary>A measure (мероприятие) of a roadmap: what is done, by whom and by when.</summary>
public sealed class RoadmapMeasure
{
    /// <summary>Gets or sets the id, unique in the roadmap (<c>m1</c>, <c>m2</c>, …).</summary>
    public string Id { get; set; } = "";

    /// <summary>Gets or sets what is done, in Russian.</summary>
    public string Title { get; set; } = "";

    /// <summary>Gets or sets the code of the responsible recipient (the owner).</summary>
    public string Owner { get; set; } = "";

    /// <summary>Gets or sets the last day of the measure, in the municipality's local calendar.</summary>
    public DateOnly DueDate { get; set; }

    /// <summary>Gets or sets the state.</summary>
    public MeasureState State { get; set; }

    /// <summary>Gets or sets when the measure was done; <see langword="null"/> unless it is done.</summary>
    public DateTimeOffset? DoneAt { get; set; }

    /// <summary>Gets or sets the escalation raised for the current due date, if the measure was overdue.</summary>
    public MeasureEscalation? Escalation { get; set; }
}

/// <summary>An escalation of an overdue measure to its owner's superior, raised once per due date.</summary>
public sealed class MeasureEscalation
{
    /// <summary>The level name of an overdue measure.</summary>
    public const string OverdueLevel = "roadmap-overdue";

    /// <summary>Gets or sets the level (<see cref="OverdueLevel"/>).</summary>
    public string Level { get; set; } = OverdueLevel;

    /// <summary>Gets or sets whom it notifies: <c>block-head</c> (the head of <see cref="Block"/>) or <c>mcu-head</c>, as the message escalation levels name them.</summary>
    public string Target { get; set; } = "";

    /// <summary>Gets or sets the thematic block whose head is notified, for <c>block-head</c>.</summary>
    public string? Block { get; set; }

    /// <summary>Gets or sets when it was raised.</summary>
    public DateTimeOffset At { get; set; }
}

/// <summary>The growth alert a roadmap was created from: what grew, over which window.</summary>
public sealed class RoadmapGrowthSource
{
    /// <summary>Gets or sets the dimension (<c>category</c>, <c>block</c> or <c>territory</c>).</summary>
    public string Dimension { get; set; } = "";

    /// <summary>Gets or sets the code that grew.</summary>
    public string Key { get; set; } = "";

    /// <summary>Gets or sets the first day of the window observed.</summary>
    public DateOnly From { get; set; }

    /// <summary>Gets or sets the last day of the window observed.</summary>
    public DateOnly To { get; set; }

    /// <summary>Gets or sets the messages observed in the window.</summary>
    public int Observed { get; set; }

    /// <summary>Gets or sets the count expected for the window.</summary>
    public double Expected { get; set; }
}

/// <summary>One change of a roadmap.</summary>
public sealed class RoadmapHistoryEntry
{
    /// <summary>Gets or sets when.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>Gets or sets who (<c>system</c> for escalations).</summary>
    public string Actor { get; set; } = "";

    /// <summary>Gets or sets what: <c>created</c>, <c>measure_added</c>, <c>measure_changed</c>, <c>linked</c>, <c>unlinked</c>, <c>implemented</c>, <c>reopened</c>, <c>escalated</c>.</summary>
    public string Action { get; set; } = "";

    /// <summary>Gets or sets the description, in Russian.</summary>
    public string Comment { get; set; } = "";
}

namespace MCU.Hub.Kpi;

/// <summary>
/// The facts of one message that indicators are computed from: when it came, where it went, how it was processed.
/// </summary>
/// <remarks>
/// A compact, read-only projection of the hub's message: no text and no personal data. The hub keeps one per stored
/// message, as a fixed-size record in a memory-mapped file, and updates it on every change, so an
/// indicator over a million messages is a scan of those records, not of the database.
/// </remarks>
public sealed record MessageFact
{
    /// <summary>Gets the hub's id of the message.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the kind (обращение, сообщение, инцидент, вызов ЕДДС).</summary>
    public MessageKind Kind { get; init; }

    /// <summary>Gets the ОКТМО code of the municipality (tenant) the message belongs to. Added in contract 1.2.</summary>
    public string Tenant { get; init; } = "";

    /// <summary>Gets the code of the channel the message came through.</summary>
    public required string Channel { get; init; }

    /// <summary>Gets the code of the thematic block (отраслевой блок), if classified.</summary>
    public string? Block { get; init; }

    /// <summary>Gets the code of the topic within the block, if classified.</summary>
    public string? Category { get; init; }

    /// <summary>Gets the code of the territory, if known.</summary>
    public string? Territory { get; init; }

    /// <summary>Gets the codes of the responsible recipients (empty while in manual triage).</summary>
    public IReadOnlyList<string> Recipients { get; init; } = [];

    /// <summary>Gets when the citizen sent it.</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Gets the receipt date in the municipality's time zone: the day the message counts for.</summary>
    public DateOnly ReceivedOn { get; init; }

    /// <summary>Gets when the hub registered it (the start of its deadline).</summary>
    public DateTimeOffset RegisteredAt { get; init; }

    /// <summary>Gets the answer deadline, if the message has one.</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>Gets when the first answer was given.</summary>
    public DateTimeOffset? FirstAnsweredAt { get; init; }

    /// <summary>Gets the working hours from registration to the first answer, on the production calendar and the municipality's schedule.</summary>
    public double? ResponseWorkingHours { get; init; }

    /// <summary>Gets when the message was last closed (answered and accepted, or rejected), if it is closed now.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>Gets a value indicating whether work on the message is still owed (not answered, closed or rejected).</summary>
    public bool IsOpen { get; init; }

    /// <summary>Gets a value indicating whether the message was rejected (spam, duplicate, outside competence).</summary>
    public bool IsRejected { get; init; }

    /// <summary>Gets the wire name of the current status (<c>new</c>, <c>routed</c>, <c>answered</c>, …).</summary>
    public string Status { get; init; } = "";

    /// <summary>Gets a value indicating whether the message was processed on a fast-track (фаст-трек).</summary>
    public bool FastTrack { get; init; }

    /// <summary>Gets a value indicating whether the problem reached its final executor with no manual step (система автоматизированной доставки).</summary>
    public bool AutomatedDelivery { get; init; }

    /// <summary>Gets a value indicating whether the solution was confirmed by automated control (ГЛОНАСС, photo or video).</summary>
    public bool AutomatedControl { get; init; }

    /// <summary>Gets a value indicating whether the message is linked to a roadmap (дорожная карта).</summary>
    public bool OnRoadmap { get; init; }

    /// <summary>Gets when the measures of the linked roadmap were implemented, if they were.</summary>
    public DateTimeOffset? RoadmapImplementedAt { get; init; }

    /// <summary>Gets the citizen's satisfaction with the result (1…5), if known.</summary>
    public int? Satisfaction { get; init; }

    /// <summary>Gets how many times the message was reopened after an answer or closure.</summary>
    public int ReopenCount { get; init; }

    /// <summary>Gets how many times a recipient returned the message as not theirs.</summary>
    public int ReturnCount { get; init; }

    /// <summary>Gets the latitude of the problem (WGS 84), if known.</summary>
    public double? Latitude { get; init; }

    /// <summary>Gets the longitude of the problem (WGS 84), if known.</summary>
    public double? Longitude { get; init; }

    /// <summary>Gets a value indicating whether the first answer came no later than the deadline (<see langword="null"/> without a deadline or an answer).</summary>
    public bool? AnsweredOnTime => DueAt is { } due && FirstAnsweredAt is { } answered ? answered <= due : null;

    /// <summary>Tells whether the message was overdue at <paramref name="at"/>: still open and past its deadline.</summary>
    /// <param name="at">The moment.</param>
    /// <returns><see langword="true"/> when overdue.</returns>
    public bool IsOverdueAt(DateTimeOffset at) => IsOpen && DueAt is { } due && due < at;
}

using MCU.Hub.Emulators.Common;

namespace MCU.Hub.Emulators.IncidentManagement;

/// <summary>
/// One incident as the «Инцидент Менеджмент» emulator publishes it on <c>GET /api/v1/incidents</c>: a resident's
/// post or comment found in a social network and confirmed by a moderator.
/// </summary>
/// <remarks>The property names become the snake_case JSON fields of the contract.</remarks>
public sealed record Incident
{
    /// <summary>Gets the incident id; unique within the emulator.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the network: one of <see cref="SocialNetworks.All"/> (<c>vk</c>, <c>ok</c>, <c>telegram</c>).</summary>
    public required string Network { get; init; }

    /// <summary>Gets the link to the post or comment.</summary>
    public required string PostUrl { get; init; }

    /// <summary>Gets the author, or <see langword="null"/> when the network hides it.</summary>
    public IncidentAuthor? Author { get; init; }

    /// <summary>Gets the text of the post or comment.</summary>
    public required string Text { get; init; }

    /// <summary>Gets the rubric the moderator chose («ЖКХ», «Дороги» ...), or <see langword="null"/>.</summary>
    public string? Category { get; init; }

    /// <summary>Gets the detected topic within the rubric («Отопление» ...), or <see langword="null"/>.</summary>
    public string? Topic { get; init; }

    /// <summary>Gets when the resident published the post, if the network says.</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>Gets when the system found the post and registered the incident; the response clock starts here.</summary>
    public required DateTimeOffset DetectedAt { get; init; }

    /// <summary>Gets a value indicating whether the incident is marked important (shorter response deadline).</summary>
    public bool Important { get; init; }

    /// <summary>Gets the response deadline in hours from <see cref="DetectedAt"/>, or <see langword="null"/> when none is set.</summary>
    public double? ResponseDeadlineHours { get; init; }

    /// <summary>Gets the status: one of <see cref="IncidentStatuses.All"/>.</summary>
    /// <value>The default is <see cref="IncidentStatuses.New"/>.</value>
    public string Status { get; init; } = IncidentStatuses.New;

    /// <summary>Gets the address the moderator recognised in the post, or <see langword="null"/>.</summary>
    public string? Address { get; init; }

    /// <summary>Gets the point of the problem, or <see langword="null"/>.</summary>
    public GeoPoint? Coordinates { get; init; }

    /// <summary>Gets absolute links to the photos and videos of the post.</summary>
    public IReadOnlyList<string> Attachments { get; init; } = [];
}

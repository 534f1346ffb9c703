namespace MCU.Hub.Channels;

/// <summary>
/// One appeal, message, incident or call as the external system delivered it, before the hub classifies,
/// routes and registers it.
/// </summary>
public sealed record InboundItem
{
    /// <summary>Gets the item's id in the external system; unique within the channel and stable across deliveries.</summary>
    public required string ExternalId { get; init; }

    /// <summary>Gets what kind of item this is.</summary>
    public MessageKind Kind { get; init; } = MessageKind.Message;

    /// <summary>Gets the citizen's text.</summary>
    public required string Text { get; init; }

    /// <summary>Gets when the citizen sent it, as the external system recorded it.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets who sent it, if known.</summary>
    public AuthorInfo? Author { get; init; }

    /// <summary>Gets the address of the problem as the citizen or the system wrote it.</summary>
    public string? Address { get; init; }

    /// <summary>Gets the latitude of the problem (WGS 84, −90…90), if known.</summary>
    public double? Latitude { get; init; }

    /// <summary>Gets the longitude of the problem (WGS 84, −180…180), if known.</summary>
    public double? Longitude { get; init; }

    /// <summary>Gets the channel's own category (for ПОС the category), used by the category mapping.</summary>
    public string? SourceCategory { get; init; }

    /// <summary>Gets the channel's own subcategory, if it has one.</summary>
    public string? SourceSubcategory { get; init; }

    /// <summary>Gets the deadline the external system set, if any.</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>Gets links to photos, videos and files attached by the citizen.</summary>
    public IReadOnlyList<string> Attachments { get; init; } = [];

    /// <summary>Gets further fields of the source kept with the message (network, post link, severity ...).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}

namespace MCU.Hub.Analytics;

/// <summary>One message as the analytics algorithms see it: plain data, filled by the caller from the message store.</summary>
public sealed record AnalyticsItem
{
    /// <summary>Gets the message id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the moment the hub received the message.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Gets the receipt date in the municipality's time zone.</summary>
    public required DateOnly LocalDate { get; init; }

    /// <summary>Gets the channel the message came through.</summary>
    public required string Channel { get; init; }

    /// <summary>Gets the thematic block code, if known.</summary>
    public string? Block { get; init; }

    /// <summary>Gets the topic code, if known.</summary>
    public string? Category { get; init; }

    /// <summary>Gets the territory code, if known.</summary>
    public string? Territory { get; init; }

    /// <summary>Gets the latitude in degrees (WGS 84), if known.</summary>
    public double? Latitude { get; init; }

    /// <summary>Gets the longitude in degrees (WGS 84), if known.</summary>
    public double? Longitude { get; init; }

    /// <summary>Gets the address as written, if known.</summary>
    public string? Address { get; init; }

    /// <summary>Gets the message text.</summary>
    public string Text { get; init; } = "";
}

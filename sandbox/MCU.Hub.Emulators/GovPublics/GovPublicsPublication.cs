namespace MCU.Hub.Emulators.GovPublics;

/// <summary>
/// A publication on an official page, as the «Госпаблики» emulator publishes it on <c>GET /api/v1/publications</c>.
/// </summary>
/// <remarks>The property names become the snake_case JSON fields of the contract.</remarks>
public sealed record GovPublicsPublication
{
    /// <summary>Gets the publication id; unique within the emulator.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the id of the page it was published on.</summary>
    public required string PageId { get; init; }

    /// <summary>Gets the id of the page's owner (denormalised from the page).</summary>
    public required string OwnerId { get; init; }

    /// <summary>Gets the page's network (denormalised from the page).</summary>
    public required string Network { get; init; }

    /// <summary>Gets when it was published.</summary>
    public required DateTimeOffset PublishedAt { get; init; }

    /// <summary>Gets when it was last edited, or <see langword="null"/> when never.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Gets the text.</summary>
    public required string Text { get; init; }

    /// <summary>Gets the link to the publication.</summary>
    public required string Url { get; init; }

    /// <summary>Gets the ПОС decision, poll, vote or discussion it reports on, or <see langword="null"/>.</summary>
    public GovPublicsReference? ReportsOn { get; init; }
}

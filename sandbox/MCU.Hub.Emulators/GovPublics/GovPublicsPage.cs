namespace MCU.Hub.Emulators.GovPublics;

/// <summary>
/// An official page (госпаблик) of the administration or an institution, as the «Госпаблики» emulator publishes it on
/// <c>GET /api/v1/pages</c>. A later version of the same page (verification granted, renamed) has a later
/// <see cref="UpdatedAt"/>.
/// </summary>
/// <remarks>The property names become the snake_case JSON fields of the contract.</remarks>
public sealed record GovPublicsPage
{
    /// <summary>Gets the page id in «Госпаблики»; stable across versions.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the organisation that owns the page.</summary>
    public required GovPublicsOwner Owner { get; init; }

    /// <summary>Gets the network: <c>vk</c>, <c>ok</c> or <c>telegram</c>.</summary>
    public required string Network { get; init; }

    /// <summary>Gets the link to the page.</summary>
    public required string Url { get; init; }

    /// <summary>Gets the page's name as the network shows it.</summary>
    public required string Name { get; init; }

    /// <summary>Gets a value indicating whether the page carries the mark «Госорганизация».</summary>
    public bool Verified { get; init; }

    /// <summary>Gets the number of subscribers.</summary>
    public int Followers { get; init; }

    /// <summary>Gets when the page was registered in «Госпаблики».</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when this version of the page was made.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }
}

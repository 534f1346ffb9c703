using MCU.Hub.Emulators.Common;

namespace MCU.Hub.Emulators.Edds;

/// <summary>
/// One version of a ЕДДС incident card as the emulator publishes it on <c>GET /api/v1/cards</c>. A card is delivered
/// when it is registered and again whenever it changes (passed to services, closed), each time with a later
/// <see cref="UpdatedAt"/>.
/// </summary>
/// <remarks>The property names become the snake_case JSON fields of the contract.</remarks>
public sealed record EddsCard
{
    /// <summary>Gets the card id; stable across versions.</summary>
    public required string Id { get; init; }

    /// <summary>Gets when the call was received.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Gets when this version of the card was made.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Gets how the call came: one of <see cref="EddsCallSources.All"/>.</summary>
    public string Source { get; init; } = EddsCallSources.Call112;

    /// <summary>Gets the group of the incident («ЖКХ», «Дорожно-транспортное происшествие» ...).</summary>
    public required string Category { get; init; }

    /// <summary>Gets the type of the incident («Авария на сетях теплоснабжения» ...).</summary>
    public required string Type { get; init; }

    /// <summary>Gets the operator's description, or <see langword="null"/>.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the address of the incident, or <see langword="null"/>.</summary>
    public string? Address { get; init; }

    /// <summary>Gets the point of the incident, or <see langword="null"/>.</summary>
    public GeoPoint? Coordinates { get; init; }

    /// <summary>Gets the severity: one of <see cref="EddsSeverities.All"/>.</summary>
    public string Severity { get; init; } = EddsSeverities.Low;

    /// <summary>Gets the services the card was passed to (<see cref="EddsServices"/>); empty when none.</summary>
    public IReadOnlyList<string> Services { get; init; } = [];

    /// <summary>Gets the status: one of <see cref="EddsCardStatuses.All"/>.</summary>
    public string Status { get; init; } = EddsCardStatuses.Registered;

    /// <summary>Gets when the card was closed, or <see langword="null"/> while it is open.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>Gets why the call needed no response (<see cref="EddsNoResponseReasons"/>), or <see langword="null"/>.</summary>
    public string? NoResponseReason { get; init; }

    /// <summary>Gets a value indicating whether a municipal recipient must act (a utilities failure, damaged road infrastructure ...).</summary>
    public bool NeedsMunicipalResponse { get; init; }

    /// <summary>Gets who called, or <see langword="null"/> (ЭРА-ГЛОНАСС, a hidden number).</summary>
    public EddsCaller? Caller { get; init; }
}

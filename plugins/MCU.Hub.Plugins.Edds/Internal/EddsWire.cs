using System.Text.Json;
using System.Text.Json.Serialization;

namespace MCU.Hub.Plugins.Edds.Internal;

/// <summary>
/// The body of <c>GET /api/v1/cards</c>. Items stay raw JSON here: each is read on its own, so that one card that breaks
/// the contract is reported as a failure instead of failing the page.
/// </summary>
internal sealed record CardFeedDto
{
    public required IReadOnlyList<JsonElement> Items { get; init; }

    public required string NextCursor { get; init; }

    public required bool HasMore { get; init; }
}

/// <summary>One version of an incident card.</summary>
internal sealed record CardDto
{
    public required string Id { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public string? Source { get; init; }

    public string? Category { get; init; }

    public required string Type { get; init; }

    public string? Description { get; init; }

    public string? Address { get; init; }

    public CoordinatesDto? Coordinates { get; init; }

    public string? Severity { get; init; }

    public IReadOnlyList<string?>? Services { get; init; }

    public string? Status { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public string? NoResponseReason { get; init; }

    public bool NeedsMunicipalResponse { get; init; }

    public CallerDto? Caller { get; init; }
}

internal sealed record CoordinatesDto
{
    public required double Lat { get; init; }

    public required double Lon { get; init; }
}

internal sealed record CallerDto
{
    public string? Name { get; init; }

    public string? Phone { get; init; }
}

/// <summary>
/// Source-generated JSON of the contract: snake_case names, nullability and <see langword="required"/> enforced,
/// so a missing or null field fails with its JSON path instead of turning into a default value.
/// </summary>
[JsonSourceGenerationOptions(
    System.Text.Json.JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(CardFeedDto))]
[JsonSerializable(typeof(CardDto))]
internal sealed partial class EddsJsonContext : JsonSerializerContext;

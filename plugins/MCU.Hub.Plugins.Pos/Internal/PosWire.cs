using System.Text.Json;
using System.Text.Json.Serialization;

namespace MCU.Hub.Plugins.Pos.Internal;

/// <summary>
/// The body of <c>GET /api/v1/messages</c>. Items stay raw JSON here: each is read on its own, so that one message that
/// breaks the contract is reported as a failure instead of failing the page.
/// </summary>
internal sealed record PosMessagePageDto
{
    public required IReadOnlyList<JsonElement> Items { get; init; }

    public required string NextCursor { get; init; }

    public required bool HasMore { get; init; }
}

/// <summary>One message of the list.</summary>
internal sealed record PosMessageDto
{
    public required string Id { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public PosCategoryDto? Category { get; init; }

    public PosCategoryDto? Subcategory { get; init; }

    public required string Text { get; init; }

    public PosAuthorDto? Author { get; init; }

    public string? Address { get; init; }

    public PosCoordinatesDto? Coordinates { get; init; }

    public IReadOnlyList<string?>? Photos { get; init; }

    public DateTimeOffset? Deadline { get; init; }

    public string? Status { get; init; }

    public bool FastTrack { get; init; }

    public int? Rating { get; init; }
}

internal sealed record PosCategoryDto
{
    public long? Id { get; init; }

    public required string Name { get; init; }
}

internal sealed record PosAuthorDto
{
    public string? Name { get; init; }

    public string? Phone { get; init; }

    public string? Email { get; init; }
}

internal sealed record PosCoordinatesDto
{
    public required double Lat { get; init; }

    public required double Lon { get; init; }
}

/// <summary>The body of <c>POST /api/v1/messages/{id}/answers</c>.</summary>
internal sealed record PosAnswerRequestDto(
    string? Text,
    string Status,
    string IdempotencyKey,
    IReadOnlyList<string> Attachments,
    DateTimeOffset ChangedAt,
    DateTimeOffset? ExpectedBy);

/// <summary>The body of a successful answer.</summary>
internal sealed record PosAnswerReceiptDto
{
    public required string AnswerId { get; init; }
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
[JsonSerializable(typeof(PosMessagePageDto))]
[JsonSerializable(typeof(PosMessageDto))]
[JsonSerializable(typeof(PosAnswerRequestDto))]
[JsonSerializable(typeof(PosAnswerReceiptDto))]
internal sealed partial class PosJsonContext : JsonSerializerContext;

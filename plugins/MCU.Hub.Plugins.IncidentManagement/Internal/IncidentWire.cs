using System.Text.Json;
using System.Text.Json.Serialization;

namespace MCU.Hub.Plugins.IncidentManagement.Internal;

/// <summary>
/// The body of <c>GET /api/v1/incidents</c>. Items stay raw JSON here: each is read on its own, so that one incident that
/// breaks the contract is reported as a failure instead of failing the page.
/// </summary>
internal sealed record IncidentPageDto
{
    public required IReadOnlyList<JsonElement> Items { get; init; }

    public required string NextCursor { get; init; }

    public required bool HasMore { get; init; }
}

/// <summary>One incident of the list.</summary>
internal sealed record IncidentDto
{
    public required string Id { get; init; }

    public required string Network { get; init; }

    public required string PostUrl { get; init; }

    public IncidentAuthorDto? Author { get; init; }

    public required string Text { get; init; }

    public string? Category { get; init; }

    public string? Topic { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }

    public required DateTimeOffset DetectedAt { get; init; }

    public bool Important { get; init; }

    public double? ResponseDeadlineHours { get; init; }

    public string? Status { get; init; }

    public string? Address { get; init; }

    public CoordinatesDto? Coordinates { get; init; }

    public IReadOnlyList<string?>? Attachments { get; init; }
}

internal sealed record IncidentAuthorDto
{
    public string? Name { get; init; }

    public string? ProfileUrl { get; init; }

    public bool IsOrganisation { get; init; }
}

internal sealed record CoordinatesDto
{
    public required double Lat { get; init; }

    public required double Lon { get; init; }
}

/// <summary>The body of <c>POST /api/v1/incidents/{id}/replies</c>.</summary>
internal sealed record ReplyRequestDto(
    string? Text,
    string Status,
    string IdempotencyKey,
    IReadOnlyList<string> Attachments,
    DateTimeOffset ChangedAt);

/// <summary>The body of a successful reply.</summary>
internal sealed record ReplyReceiptDto
{
    public required string ReplyId { get; init; }

    public string? PublishedUrl { get; init; }
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
[JsonSerializable(typeof(IncidentPageDto))]
[JsonSerializable(typeof(IncidentDto))]
[JsonSerializable(typeof(ReplyRequestDto))]
[JsonSerializable(typeof(ReplyReceiptDto))]
internal sealed partial class IncidentJsonContext : JsonSerializerContext;

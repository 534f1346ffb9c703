using System.Text.Json;
using System.Text.Json.Serialization;

namespace MCU.Hub.Plugins.GovPublics.Internal;

/// <summary>The body of <c>GET /api/v1/pages</c>.</summary>
internal sealed record PageFeedDto
{
    /// <summary>Gets the items as raw JSON: each is read on its own, so one that breaks the contract fails alone.</summary>
    public required IReadOnlyList<JsonElement> Items { get; init; }

    public required string NextCursor { get; init; }

    public required bool HasMore { get; init; }
}

/// <summary>One version of an official page.</summary>
internal sealed record PageDto
{
    public required string Id { get; init; }

    public required OwnerDto Owner { get; init; }

    public required string Network { get; init; }

    public required string Url { get; init; }

    public required string Name { get; init; }

    public required bool Verified { get; init; }

    public long? Followers { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}

internal sealed record OwnerDto
{
    public required string Id { get; init; }

    public string? Name { get; init; }
}

/// <summary>The body of <c>GET /api/v1/publications</c>.</summary>
internal sealed record PublicationFeedDto
{
    /// <summary>Gets the items as raw JSON: each is read on its own, so one that breaks the contract fails alone.</summary>
    public required IReadOnlyList<JsonElement> Items { get; init; }

    public required string NextCursor { get; init; }

    public required bool HasMore { get; init; }
}

/// <summary>One publication.</summary>
internal sealed record PublicationDto
{
    public required string Id { get; init; }

    public required string PageId { get; init; }

    public required string OwnerId { get; init; }

    public required string Network { get; init; }

    public required DateTimeOffset PublishedAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    public required string Text { get; init; }

    public required string Url { get; init; }

    public ReferenceDto? ReportsOn { get; init; }
}

internal sealed record ReferenceDto
{
    public string? Type { get; init; }

    public required string Id { get; init; }
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
[JsonSerializable(typeof(PageFeedDto))]
[JsonSerializable(typeof(PublicationFeedDto))]
[JsonSerializable(typeof(PageDto))]
[JsonSerializable(typeof(PublicationDto))]
internal sealed partial class GovPublicsJsonContext : JsonSerializerContext;

using MCU.Hub.Emulators.Common;

namespace MCU.Hub.Emulators.PayAttention;

/// <summary>
/// One resident's message as the «Обращаем внимание» emulator publishes it on <c>GET /api/v1/messages</c>.
/// </summary>
/// <remarks>The property names become the snake_case JSON fields of the contract.</remarks>
public sealed record PayAttentionMessage
{
    /// <summary>Gets the message id on the portal; unique within the emulator.</summary>
    public required string Id { get; init; }

    /// <summary>Gets when the resident sent the message, with the region's UTC offset.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets the portal's category («Дороги и тротуары» ...), or <see langword="null"/>.</summary>
    public string? Category { get; init; }

    /// <summary>Gets the portal's subcategory within the category, or <see langword="null"/>.</summary>
    public string? Subcategory { get; init; }

    /// <summary>Gets the resident's text.</summary>
    public required string Text { get; init; }

    /// <summary>Gets who sent the message, or <see langword="null"/> when the portal hides the author.</summary>
    public PayAttentionAuthor? Author { get; init; }

    /// <summary>Gets the address of the problem.</summary>
    public string? Address { get; init; }

    /// <summary>Gets the point the resident set on the map, or <see langword="null"/>.</summary>
    public GeoPoint? Location { get; init; }

    /// <summary>Gets the district of the municipality the portal assigned, or <see langword="null"/>.</summary>
    public string? District { get; init; }

    /// <summary>Gets absolute links to the photos the resident attached.</summary>
    public IReadOnlyList<string> Photos { get; init; } = [];

    /// <summary>Gets the date by which the portal expects an answer, or <see langword="null"/>.</summary>
    public DateTimeOffset? AnswerDue { get; init; }

    /// <summary>Gets the status: one of <see cref="PayAttentionStatuses.All"/>.</summary>
    /// <value>The default is <see cref="PayAttentionStatuses.Review"/>.</value>
    public string Status { get; init; } = PayAttentionStatuses.Review;
}

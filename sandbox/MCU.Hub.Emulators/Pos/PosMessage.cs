namespace MCU.Hub.Emulators.Pos;

/// <summary>
/// One citizen's message as the ПОС emulator publishes it on <c>GET /api/v1/messages</c>.
/// </summary>
/// <remarks>
/// The property names become the snake_case JSON fields of the contract (<c>created_at</c>, <c>fast_track</c> ...).
/// </remarks>
public sealed record PosMessage
{
    /// <summary>Gets the message id in ПОС; unique within the emulator.</summary>
    public required string Id { get; init; }

    /// <summary>Gets when the citizen sent the message, with the town's UTC offset.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets the ПОС category, or <see langword="null"/> when the citizen chose none.</summary>
    public PosCategory? Category { get; init; }

    /// <summary>Gets the ПОС subcategory, or <see langword="null"/>.</summary>
    public PosCategory? Subcategory { get; init; }

    /// <summary>Gets the citizen's text.</summary>
    public required string Text { get; init; }

    /// <summary>Gets who sent the message, or <see langword="null"/> when ПОС hides the author.</summary>
    public PosAuthor? Author { get; init; }

    /// <summary>Gets the address of the problem as written on the platform.</summary>
    public string? Address { get; init; }

    /// <summary>Gets the point of the problem on the map, or <see langword="null"/> when none was set.</summary>
    public PosCoordinates? Coordinates { get; init; }

    /// <summary>Gets absolute links to the photos the citizen attached.</summary>
    public IReadOnlyList<string> Photos { get; init; } = [];

    /// <summary>Gets the deadline the platform set for the answer, or <see langword="null"/>.</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>
    /// Gets the status on the platform: one of <see cref="PosStatuses.All"/>.
    /// </summary>
    /// <value>The default is <see cref="PosStatuses.Registered"/>.</value>
    public string Status { get; init; } = PosStatuses.Registered;

    /// <summary>Gets a value indicating whether the platform put the message on the fast track (ускоренное решение).</summary>
    public bool FastTrack { get; init; }

    /// <summary>
    /// Gets the citizen's rating of the answer (1…5), once the citizen gave one, or <see langword="null"/>. Left out of
    /// the page when absent, as the platform does.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? Rating { get; init; }
}

namespace MCU.Hub.Emulators.IncidentManagement;

/// <summary>A reply or status change the emulator received on <c>POST /api/v1/incidents/{id}/replies</c>.</summary>
public sealed record IncidentReply
{
    /// <summary>Gets the id the emulator gave the reply (<c>reply_id</c>).</summary>
    public required string ReplyId { get; init; }

    /// <summary>Gets the id of the incident answered.</summary>
    public required string IncidentId { get; init; }

    /// <summary>Gets the reply text published under the post; <see langword="null"/> for a bare status change.</summary>
    public string? Text { get; init; }

    /// <summary>Gets the status the incident was given: one of <see cref="IncidentStatuses.ReplyStatuses"/>.</summary>
    public required string Status { get; init; }

    /// <summary>Gets the client's idempotency key; a repeated key is answered with the same id and not recorded again.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>Gets links to files attached to the reply.</summary>
    public IReadOnlyList<string> Attachments { get; init; } = [];

    /// <summary>Gets when the client says the reply was approved (<c>changed_at</c>), if it said.</summary>
    public DateTimeOffset? ChangedAt { get; init; }

    /// <summary>Gets when the emulator received the reply, by its <see cref="TimeProvider"/>.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Gets the link to the published reply, or <see langword="null"/> for a bare status change.</summary>
    public string? PublishedUrl { get; init; }
}

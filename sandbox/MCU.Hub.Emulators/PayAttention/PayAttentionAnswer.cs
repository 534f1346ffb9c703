namespace MCU.Hub.Emulators.PayAttention;

/// <summary>An answer or status change the emulator received on <c>POST /api/v1/messages/{id}/answers</c>.</summary>
public sealed record PayAttentionAnswer
{
    /// <summary>Gets the id the emulator gave the answer (<c>answer_id</c>).</summary>
    public required string AnswerId { get; init; }

    /// <summary>Gets the id of the message answered.</summary>
    public required string MessageId { get; init; }

    /// <summary>Gets the answer text; <see langword="null"/> for a bare status change.</summary>
    public string? Text { get; init; }

    /// <summary>Gets the status the message was given: one of <see cref="PayAttentionStatuses.All"/>.</summary>
    public required string Status { get; init; }

    /// <summary>Gets the client's idempotency key; a repeated key is answered with the same id and not recorded again.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>Gets links to files attached to the answer.</summary>
    public IReadOnlyList<string> Attachments { get; init; } = [];

    /// <summary>Gets when the client says the answer was approved (<c>changed_at</c>), if it said.</summary>
    public DateTimeOffset? ChangedAt { get; init; }

    /// <summary>
    /// Gets, for an interim answer (<see cref="PayAttentionStatuses.InterimAnswer"/>), the date of the final answer it
    /// names (<c>expected_by</c>), if it names one; <see langword="null"/> for any other answer.
    /// </summary>
    public DateTimeOffset? ExpectedBy { get; init; }

    /// <summary>Gets when the emulator received the answer, by its <see cref="TimeProvider"/>.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }
}

namespace MCU.Hub.Channels;

/// <summary>An answer or status change that the hub delivers back to the channel an item came from.</summary>
public sealed record ChannelReply
{
    /// <summary>Gets the id of the item in the external system.</summary>
    public required string ExternalId { get; init; }

    /// <summary>Gets the hub's id of the message.</summary>
    public required string MessageId { get; init; }

    /// <summary>Gets a key that is the same on every retry of this delivery.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>Gets the answer text; <see langword="null"/> for a bare status change.</summary>
    public string? Text { get; init; }

    /// <summary>
    /// Gets the new status in the hub's terms (<c>answered</c>, <c>closed</c>, <c>in_progress</c> ...); for an interim
    /// answer <c>interim_answer</c>.
    /// </summary>
    public required string Status { get; init; }

    /// <summary>Gets when the answer was approved or the status changed.</summary>
    public required DateTimeOffset ChangedAt { get; init; }

    /// <summary>Gets links to files attached to the answer (photos of the work done ...).</summary>
    public IReadOnlyList<string> Attachments { get; init; } = [];

    /// <summary>
    /// Gets a value indicating whether this is an interim answer (промежуточный ответ): the work goes on and the final
    /// answer is expected by <see cref="ExpectedBy"/>. Sent only to channels that declare
    /// <see cref="ChannelCapabilities.InterimAnswers"/>. Added in contract 1.3.
    /// </summary>
    public bool IsInterim { get; init; }

    /// <summary>
    /// Gets, for an interim answer, the date by which the final answer is expected; <see langword="null"/> otherwise.
    /// Added in contract 1.3.
    /// </summary>
    public DateTimeOffset? ExpectedBy { get; init; }
}

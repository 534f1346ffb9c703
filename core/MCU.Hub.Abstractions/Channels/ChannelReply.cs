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

    /// <summary>Gets the new status in the hub's terms (<c>answered</c>, <c>closed</c>, <c>in_progress</c> ...).</summary>
    public required string Status { get; init; }

    /// <summary>Gets when the answer was approved or the status changed.</summary>
    public required DateTimeOffset ChangedAt { get; init; }

    /// <summary>Gets links to files attached to the answer (photos of the work done ...).</summary>
    public IReadOnlyList<string> Attachments { get; init; } = [];
}

namespace MCU.Hub.Outbox;

/// <summary>
/// A reply (answer or status change) to deliver back to the channel a message came from. It is written in the same
/// transaction as the change it reports, so a reply is never lost, and carries one idempotency key for every
/// attempt, so it is never published twice.
/// </summary>
public sealed class OutboxDelivery
{
    /// <summary>Gets or sets the id; also the idempotency key sent to the channel.</summary>
    public string Id { get; set; } = "";

    /// <summary>Gets or sets the message id.</summary>
    public string MessageId { get; set; } = "";

    /// <summary>Gets or sets the channel code.</summary>
    public string Channel { get; set; } = "";

    /// <summary>Gets or sets the message's id in the channel.</summary>
    public string ExternalId { get; set; } = "";

    /// <summary>Gets or sets what is delivered: <c>answer</c>, <c>status</c> or <c>interim</c> (an interim answer).</summary>
    public string Kind { get; set; } = "";

    /// <summary>Gets or sets the answer text, for an answer.</summary>
    public string? Text { get; set; }

    /// <summary>Gets or sets the status in the hub's snake_case terms (<c>answered</c>, <c>in_progress</c> ...).</summary>
    public string Status { get; set; } = "";

    /// <summary>Gets or sets links to attached files.</summary>
    public List<string> Attachments { get; set; } = [];

    /// <summary>Gets or sets, for an interim answer, the date by which the final answer is expected.</summary>
    public DateTimeOffset? ExpectedBy { get; set; }

    /// <summary>Gets or sets when the change happened.</summary>
    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>Gets or sets the delivery state.</summary>
    public DeliveryState State { get; set; }

    /// <summary>Gets or sets the attempts made so far.</summary>
    public int Attempts { get; set; }

    /// <summary>Gets or sets the last error, if an attempt failed.</summary>
    public string? LastError { get; set; }

    /// <summary>Gets or sets when the next attempt is due.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>Gets or sets when the last attempt started.</summary>
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Gets or sets when the channel confirmed it.</summary>
    public DateTimeOffset? AcknowledgedAt { get; set; }

    /// <summary>Gets or sets the channel's id of the published reply.</summary>
    public string? ExternalReplyId { get; set; }
}

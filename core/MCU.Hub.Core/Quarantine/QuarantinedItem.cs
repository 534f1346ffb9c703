namespace MCU.Hub.Quarantine;

/// <summary>
/// An inbound item that could not be registered — unreadable for its connector, or invalid for the hub — kept with its
/// payload and the reason, so that the channel goes on and the item can be replayed after a fix.
/// </summary>
public sealed class QuarantinedItem
{
    /// <summary>The payload kind of an item the connector read but the hub refused: the JSON of the item.</summary>
    public const string ItemPayload = "item";

    /// <summary>The payload kind of an item the connector could not read: its raw payload.</summary>
    public const string RawPayload = "raw";

    /// <summary>Gets or sets the id: a hash of channel and payload, so a redelivered bad item is held once.</summary>
    public string Id { get; set; } = "";

    /// <summary>Gets or sets the channel code.</summary>
    public string Channel { get; set; } = "";

    /// <summary>Gets or sets the item's id in its channel, when known.</summary>
    public string? ExternalId { get; set; }

    /// <summary>Gets or sets <see cref="ItemPayload"/> or <see cref="RawPayload"/>.</summary>
    public string PayloadKind { get; set; } = "";

    /// <summary>Gets or sets the payload.</summary>
    public string Payload { get; set; } = "";

    /// <summary>Gets or sets why it was refused, naming the field.</summary>
    public string Reason { get; set; } = "";

    /// <summary>Gets or sets when it was first quarantined.</summary>
    public DateTimeOffset QuarantinedAt { get; set; }

    /// <summary>Gets or sets the state.</summary>
    public QuarantineState State { get; set; }

    /// <summary>Gets or sets when it was replayed or discarded.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>Gets or sets who replayed or discarded it.</summary>
    public string? ResolvedBy { get; set; }

    /// <summary>Gets or sets the message registered from it on replay.</summary>
    public string? MessageId { get; set; }

    /// <summary>Gets or sets the last replay's failure, if the fix did not help yet.</summary>
    public string? LastReplayError { get; set; }
}

namespace MCU.Hub.Messages;

/// <summary>One entry of a message's append-only history: who changed what, and when.</summary>
public sealed class MessageHistoryEntry
{
    /// <summary>Gets or sets the store's sequence number of the entry.</summary>
    public long Id { get; set; }

    /// <summary>Gets or sets the id of the message.</summary>
    public string MessageId { get; set; } = "";

    /// <summary>Gets or sets when the change happened.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>Gets or sets who made the change (a user, a credential, <c>system</c> or a channel).</summary>
    public string Actor { get; set; } = "";

    /// <summary>Gets or sets what happened (<c>received</c>, <c>classified</c>, <c>routed</c>, <c>deadline</c>, <c>status</c>, <c>answered</c>).</summary>
    public string Action { get; set; } = "";

    /// <summary>Gets or sets the changed fields, each with its old and new value.</summary>
    public List<FieldChange> Changes { get; set; } = [];

    /// <summary>Gets or sets a free-text comment (the reason of a change).</summary>
    public string? Comment { get; set; }
}

namespace MCU.Hub.Channels;

/// <summary>
/// An item the connector received but could not read. The hub keeps it in quarantine with its raw payload and the
/// reason, so that one bad item never stops the channel and nothing is lost; it can be replayed after a fix.
/// </summary>
public sealed record InboundFailure
{
    /// <summary>Gets the item's id in the external system, when it could be read.</summary>
    public string? ExternalId { get; init; }

    /// <summary>Gets the raw payload as received (JSON, a line of text, a mail body ...).</summary>
    public required string RawPayload { get; init; }

    /// <summary>Gets what is wrong, naming the field.</summary>
    public required string Reason { get; init; }
}

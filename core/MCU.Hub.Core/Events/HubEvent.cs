namespace MCU.Hub.Events;

/// <summary>Something that happened in the hub, kept in order so that subscribers can resume from a sequence number.</summary>
public sealed class HubEvent
{
    /// <summary>Gets or sets the sequence number, assigned by the store, increasing without gaps per store.</summary>
    public long Sequence { get; set; }

    /// <summary>Gets or sets the event type (see <see cref="HubEventTypes"/>).</summary>
    public string Type { get; set; } = "";

    /// <summary>
    /// Gets or sets the ОКТМО code of the municipality (tenant) the event belongs to; set by the store from the
    /// message concerned. <see langword="null"/> in events written before tenants: they belong to the default tenant.
    /// </summary>
    public string? Tenant { get; set; }

    /// <summary>Gets or sets the id of the message concerned, if any.</summary>
    public string? MessageId { get; set; }

    /// <summary>Gets or sets the channel concerned, if any.</summary>
    public string? Channel { get; set; }

    /// <summary>Gets or sets when it happened.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>Gets or sets a short human-readable description, in Russian.</summary>
    public string? Summary { get; set; }
}

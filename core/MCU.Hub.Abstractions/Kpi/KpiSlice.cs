namespace MCU.Hub.Kpi;

/// <summary>
/// A slice of the message flow an indicator is computed for: every set field narrows it; all empty means the whole
/// municipality.
/// </summary>
public sealed record KpiSlice
{
    /// <summary>Gets the whole flow, no narrowing.</summary>
    public static KpiSlice All { get; } = new();

    /// <summary>
    /// Gets the municipalities (tenants, by ОКТМО code) whose messages count, or <see langword="null"/> for every
    /// municipality of the hub. Added in contract 1.2.
    /// </summary>
    public IReadOnlyCollection<string>? Tenants { get; init; }

    /// <summary>Gets the channel code, or <see langword="null"/> for every channel.</summary>
    public string? Channel { get; init; }

    /// <summary>Gets the thematic block code, or <see langword="null"/> for every block.</summary>
    public string? Block { get; init; }

    /// <summary>Gets the topic code, or <see langword="null"/> for every topic.</summary>
    public string? Category { get; init; }

    /// <summary>Gets the recipient code, or <see langword="null"/> for every recipient.</summary>
    public string? Recipient { get; init; }

    /// <summary>Gets the territory code, or <see langword="null"/> for every territory.</summary>
    public string? Territory { get; init; }

    /// <summary>Tells whether a message belongs to the slice.</summary>
    /// <param name="fact">The message's facts.</param>
    /// <returns><see langword="true"/> when every set field matches.</returns>
    public bool Contains(MessageFact fact) =>
        (Tenants is null || Tenants.Contains(fact.Tenant))
        && (Channel is null || string.Equals(fact.Channel, Channel, StringComparison.Ordinal))
        && (Block is null || string.Equals(fact.Block, Block, StringComparison.Ordinal))
        && (Category is null || string.Equals(fact.Category, Category, StringComparison.Ordinal))
        && (Territory is null || string.Equals(fact.Territory, Territory, StringComparison.Ordinal))
        && (Recipient is null || fact.Recipients.Contains(Recipient, StringComparer.Ordinal));

    /// <summary>Gets a value indicating whether nothing narrows the slice.</summary>
    public bool IsAll => Tenants is null && Channel is null && Block is null && Category is null && Recipient is null && Territory is null;
}

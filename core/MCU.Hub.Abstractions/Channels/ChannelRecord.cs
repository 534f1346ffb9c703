namespace MCU.Hub.Channels;

/// <summary>
/// A fact a channel reports that is not a citizen's message: an official page and its publications
/// («Госпаблики»), a ЕДДС call card kept for statistics, a ПОС poll result. The hub stores records for KPIs
/// and reports; it does not route them.
/// </summary>
/// <remarks>
/// A record is identified by (channel, <see cref="Type"/>, <see cref="ExternalId"/>). A newer delivery of the same
/// record (a later <see cref="OccurredAt"/>) replaces the stored one; an older or equal one changes nothing, so
/// duplicates and out-of-order updates are harmless.
/// </remarks>
public sealed record ChannelRecord
{
    /// <summary>Gets the record type, lower-case (<c>page</c>, <c>publication</c>, <c>call</c>, <c>poll-result</c> ...).</summary>
    public required string Type { get; init; }

    /// <summary>Gets the record's id in the external system, unique per type within the channel.</summary>
    public required string ExternalId { get; init; }

    /// <summary>Gets when the fact happened or was last changed at the source.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Gets the record's fields, by name (snake_case), as text.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();
}

namespace MCU.Hub.Records;

/// <summary>Which channel records to list. Unset filters match everything.</summary>
public sealed record RecordQuery
{
    /// <summary>Gets the channel code.</summary>
    public string? Channel { get; init; }

    /// <summary>Gets the record type.</summary>
    public string? Type { get; init; }

    /// <summary>Gets the start of the period of <see cref="StoredRecord.OccurredAt"/> (inclusive).</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Gets the end of the period (exclusive).</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Gets the most records to return.</summary>
    public int Limit { get; init; } = 1000;
}

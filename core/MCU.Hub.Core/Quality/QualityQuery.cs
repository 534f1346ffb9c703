namespace MCU.Hub.Quality;

/// <summary>Which flags to compute.</summary>
public sealed record QualityQuery
{
    /// <summary>Gets the start of the period (inclusive).</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>Gets the end of the period (exclusive).</summary>
    public required DateTimeOffset To { get; init; }

    /// <summary>Gets the municipalities whose messages to check, or <see langword="null"/> for every one.</summary>
    public IReadOnlyCollection<string>? Tenants { get; init; }

    /// <summary>Gets the kinds to compute; empty for all.</summary>
    public IReadOnlyCollection<QualityFlagKind> Kinds { get; init; } = [];
}

namespace MCU.Hub.Routing;

/// <summary>One stored version of the rule set: the rules, who saved them, when and why, and what changed.</summary>
/// <remarks>Each read returns fresh copies of the rules; changing them changes nothing stored.</remarks>
public sealed class RuleSetVersion
{
    /// <summary>Gets the version number: 1 for the first, then one more per save.</summary>
    public required int Version { get; init; }

    /// <summary>Gets when it was saved.</summary>
    public required DateTimeOffset SavedAt { get; init; }

    /// <summary>Gets who saved it (<c>configuration</c> for the version seeded from <see cref="McuHubOptions.Rules"/>).</summary>
    public required string Actor { get; init; }

    /// <summary>Gets the reason given for the change, if any.</summary>
    public string? Comment { get; init; }

    /// <summary>Gets the rules, as saved (disabled ones included).</summary>
    public required IReadOnlyList<RoutingRule> Rules { get; init; }

    /// <summary>Gets each rule's version by name: the number of the version in which the rule was last added or changed.</summary>
    public required IReadOnlyDictionary<string, int> RuleVersions { get; init; }

    /// <summary>Gets the rules added, changed or removed compared with the previous version.</summary>
    public required IReadOnlyList<RuleChange> Changes { get; init; }
}

/// <summary>A stored rule set version without its rules, for listings.</summary>
/// <param name="Version">The version number.</param>
/// <param name="SavedAt">When it was saved.</param>
/// <param name="Actor">Who saved it.</param>
/// <param name="Comment">The reason given, if any.</param>
/// <param name="RuleCount">How many rules it has (disabled ones included).</param>
/// <param name="Changes">What changed compared with the previous version.</param>
public sealed record RuleSetVersionInfo(int Version, DateTimeOffset SavedAt, string Actor, string? Comment, int RuleCount, IReadOnlyList<RuleChange> Changes);

/// <summary>A rule added, changed or removed by a rule set version.</summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="Kind">What happened to it.</param>
public sealed record RuleChange(string Rule, RuleChangeKind Kind);

/// <summary>What a rule set version did to a rule (identified by its name: a renamed rule is removed and added).</summary>
public enum RuleChangeKind
{
    /// <summary>The rule is new.</summary>
    Added = 0,

    /// <summary>The rule's content changed.</summary>
    Changed = 1,

    /// <summary>The rule was removed.</summary>
    Removed = 2,
}

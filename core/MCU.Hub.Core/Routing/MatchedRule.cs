namespace MCU.Hub.Routing;

/// <summary>A rule that matched a message, and its version.</summary>
/// <param name="Name">The rule's name.</param>
/// <param name="Version">
/// The rule's version: the number of the rule set version in which the rule was last added or changed; 0 when the rule
/// set is not stored (a draft or rules given in code).
/// </param>
public sealed record MatchedRule(string Name, int Version)
{
    /// <summary>Formats the rule as <c>name (v3)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Name} (v{Version})";
}

namespace MCU.Hub.Routing;

/// <summary>A problem with one field of one rule of a rule set.</summary>
/// <param name="Rule">The rule's name, or <c>#N</c> (its 1-based place in the set) when it has none.</param>
/// <param name="Field">The rule's property (<c>Recipients</c>, <c>Regex</c>, ...), or a JSON path when the JSON itself is malformed.</param>
/// <param name="Problem">What is wrong, in Russian.</param>
public sealed record RuleValidationError(string Rule, string Field, string Problem)
{
    /// <summary>Formats the error as <c>автоправило «name», Field: problem</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"автоправило «{Rule}», {Field}: {Problem}";
}

namespace MCU.Hub.Routing;

/// <summary>How one rule fared against a message.</summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="Version">The rule's version (see <see cref="MatchedRule.Version"/>).</param>
/// <param name="Order">The rule's order.</param>
/// <param name="Matched">Whether every condition held.</param>
/// <param name="Conditions">Each set condition, whether it held and why; a rule without conditions has none.</param>
/// <param name="Note">
/// What else to know, in Russian: the rule was not evaluated because an earlier rule stopped the evaluation, or it is
/// disabled; <see langword="null"/> otherwise.
/// </param>
public sealed record RuleExplanation(
    string Rule,
    int Version,
    int Order,
    bool Matched,
    IReadOnlyList<ConditionResult> Conditions,
    string? Note = null);

/// <summary>One condition of a rule checked against a message.</summary>
/// <param name="Condition">The condition: the name of the rule's property (<c>Channels</c>, <c>AnyWords</c>, <c>Regex</c>, ...).</param>
/// <param name="Held">Whether it held.</param>
/// <param name="Detail">What was compared and found, in Russian (for example <c>найдено «ямами» по «ям»</c>).</param>
public sealed record ConditionResult(string Condition, bool Held, string Detail);

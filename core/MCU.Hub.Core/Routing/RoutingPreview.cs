using MCU.Hub.Messages;

namespace MCU.Hub.Routing;

/// <summary>What a rule set would do with one message: the decision with its reasons, and the fields it would change.</summary>
/// <param name="MessageId">The message's id.</param>
/// <param name="Channel">The message's channel.</param>
/// <param name="ExternalId">The message's id in its channel.</param>
/// <param name="Decision">The decision, explaining every rule (<see cref="RoutingDecision.Explanations"/>).</param>
/// <param name="Changes">
/// Each routing field whose stored value differs from what the intake would set with this rule set, with the stored
/// value as <see cref="FieldChange.Old"/> and the would-be value as <see cref="FieldChange.New"/>.
/// </param>
public sealed record RoutingPreview(string MessageId, string Channel, string ExternalId, RoutingDecision Decision, IReadOnlyList<FieldChange> Changes)
{
    /// <summary>Gets a value indicating whether the rule set would change anything.</summary>
    public bool WouldChange => Changes.Count > 0;

    /// <summary>Gets a value indicating whether the message would wait for manual triage (no recipient assigned).</summary>
    public bool ToManualTriage => Decision.Recipients.Count == 0;
}

/// <summary>The result of replaying stored messages through a rule set without changing anything.</summary>
/// <param name="RuleSetVersion">The version replayed; 0 for a draft.</param>
/// <param name="Messages">How many messages were replayed.</param>
/// <param name="Changed">How many would change.</param>
/// <param name="ToManualTriage">How many would get no recipient.</param>
/// <param name="RuleHits">How many messages each rule matched, by rule name (rules that matched none are listed with 0).</param>
/// <param name="Items">One preview per message, newest first.</param>
/// <param name="Warnings">Problems met (regular expressions out of time, patterns that do not compile), each listed once.</param>
public sealed record RuleDryRunReport(
    int RuleSetVersion,
    int Messages,
    int Changed,
    int ToManualTriage,
    IReadOnlyDictionary<string, int> RuleHits,
    IReadOnlyList<RoutingPreview> Items,
    IReadOnlyList<string> Warnings);

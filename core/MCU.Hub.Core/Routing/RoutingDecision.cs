namespace MCU.Hub.Routing;

/// <summary>What routing decided for a message. Routing changes nothing itself: the intake (or a dry run) applies it.</summary>
/// <param name="Recipients">The recipients assigned; empty when no rule assigned one (the message waits for manual triage).</param>
/// <param name="MatchedRules">The names of the rules that matched, in order.</param>
/// <param name="FastTrack">Whether a rule put the message on a fast-track.</param>
/// <param name="AutomatedDelivery">Whether the message reached its executor with no manual step.</param>
/// <param name="Tags">Tags the rules added.</param>
public sealed record RoutingDecision(
    IReadOnlyList<string> Recipients,
    IReadOnlyList<string> MatchedRules,
    bool FastTrack,
    bool AutomatedDelivery,
    IReadOnlyList<string> Tags)
{
    /// <summary>Gets a decision for a message no rule matched, with nothing else to report.</summary>
    public static RoutingDecision None { get; } = new([], [], false, false, []);

    /// <summary>Gets the rules that matched with the version of each, in order (the same rules as <see cref="MatchedRules"/>).</summary>
    public IReadOnlyList<MatchedRule> Matches { get; init; } = [];

    /// <summary>Gets the version of the rule set that decided; 0 for a rule set that is not stored (a draft or code).</summary>
    public int RuleSetVersion { get; init; }

    /// <summary>Gets the category a rule set, overriding the classifier's; <see langword="null"/> to keep it.</summary>
    public string? Category { get; init; }

    /// <summary>Gets the thematic block of <see cref="Category"/>, when the directory knows it.</summary>
    public string? Block { get; init; }

    /// <summary>Gets the name of the deadline policy a rule chose; <see langword="null"/> for the default.</summary>
    public string? DeadlinePolicy { get; init; }

    /// <summary>
    /// Gets the code of the fast-track catalogue entry a rule put the message on (the earliest that names one wins);
    /// <see langword="null"/> for none. When it is set, the entry gave <see cref="Recipients"/> and <see cref="DeadlinePolicy"/>.
    /// </summary>
    public string? FastTrackEntry { get; init; }

    /// <summary>Gets whom the rules asked to notify.</summary>
    public IReadOnlyList<string> Notify { get; init; } = [];

    /// <summary>
    /// Gets the territory whose polygon contains the message's coordinates, when it differs from the message's territory;
    /// <see langword="null"/> otherwise. The rules saw this territory.
    /// </summary>
    public string? Territory { get; init; }

    /// <summary>
    /// Gets why: for each matched rule, the conditions that held. An explaining evaluation
    /// (<see cref="IMessageRouter.Route(Messages.HubMessage, CompiledRuleSet, bool)"/>) lists every rule, matched or not.
    /// </summary>
    public IReadOnlyList<RuleExplanation> Explanations { get; init; } = [];

    /// <summary>Gets problems met while evaluating (for example a regular expression that ran out of time), in Russian.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

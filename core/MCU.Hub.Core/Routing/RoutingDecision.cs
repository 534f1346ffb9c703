namespace MCU.Hub.Routing;

/// <summary>What routing decided for a message.</summary>
/// <param name="Recipients">The recipients assigned; empty when no rule matched (the message waits for manual triage).</param>
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
    /// <summary>Gets a decision for a message no rule matched.</summary>
    public static RoutingDecision None { get; } = new([], [], false, false, []);
}

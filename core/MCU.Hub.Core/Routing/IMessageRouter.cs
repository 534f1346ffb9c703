using MCU.Hub.Messages;

namespace MCU.Hub.Routing;

/// <summary>Chooses the responsible recipients of a classified message by the routing rules (автоправила).</summary>
/// <remarks>Thread-safe. Routing never throws because of a rule: a faulty condition does not hold and is reported in the decision.</remarks>
public interface IMessageRouter
{
    /// <summary>Routes <paramref name="message"/> by the rule set in force; changes nothing on it.</summary>
    /// <param name="message">The classified message.</param>
    /// <returns>The decision.</returns>
    RoutingDecision Route(HubMessage message);

    /// <summary>Routes <paramref name="message"/> by <paramref name="ruleSet"/> (for example a draft); changes nothing on it.</summary>
    /// <param name="message">The classified message.</param>
    /// <param name="ruleSet">The compiled rules to apply.</param>
    /// <param name="explain">
    /// <see langword="true"/> to check every rule and every condition and list them all in
    /// <see cref="RoutingDecision.Explanations"/> (slower; for explanations and dry runs); <see langword="false"/> to
    /// evaluate only the candidate rules and explain the matched ones.
    /// </param>
    /// <returns>The decision.</returns>
    RoutingDecision Route(HubMessage message, CompiledRuleSet ruleSet, bool explain);
}

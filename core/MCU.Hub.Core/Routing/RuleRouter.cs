using MCU.Hub.Classification;
using MCU.Hub.Messages;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Routing;

/// <summary>Evaluates the configured routing rules in order, honouring each rule's stop flag.</summary>
public sealed class RuleRouter : IMessageRouter
{
    private readonly RoutingRule[] _rules;

    /// <summary>Creates the router.</summary>
    /// <param name="options">The engine options with the rules.</param>
    public RuleRouter(IOptions<McuHubOptions> options)
    {
        _rules = options.Value.Rules.Where(r => r.Enabled).OrderBy(r => r.Order).ThenBy(r => r.Name, StringComparer.Ordinal).ToArray();
    }

    /// <inheritdoc />
    public RoutingDecision Route(HubMessage message)
    {
        string[]? words = null;
        var recipients = new List<string>();
        var matched = new List<string>();
        var tags = new List<string>();
        bool fastTrack = false, automated = false;
        foreach (var rule in _rules)
        {
            if (!Matches(rule, message, ref words))
                continue;
            matched.Add(rule.Name);
            foreach (var r in rule.Recipients)
            {
                if (!recipients.Contains(r))
                    recipients.Add(r);
            }

            tags.AddRange(rule.Tags.Where(t => !tags.Contains(t)));
            fastTrack |= rule.FastTrack;
            automated |= rule.AutomatedDelivery && rule.Recipients.Count > 0;
            if (rule.StopOnMatch)
                break;
        }

        return matched.Count == 0 ? RoutingDecision.None : new(recipients, matched, fastTrack, automated, tags);
    }

    private static bool Matches(RoutingRule rule, HubMessage message, ref string[]? words)
    {
        if (rule.Channels.Count > 0 && !rule.Channels.Contains(message.Channel))
            return false;
        if (rule.Kinds.Count > 0 && !rule.Kinds.Contains(message.Kind))
            return false;
        if (rule.Categories.Count > 0
            && !(message.Category is { } c && rule.Categories.Contains(c))
            && !(message.Block is { } b && rule.Categories.Contains(b)))
            return false;
        if (rule.Territories.Count > 0 && !(message.Territory is { } t && rule.Territories.Contains(t)))
            return false;
        if (rule.AnyWords.Count > 0)
        {
            words ??= KeywordClassifier.Words(message.Text);
            var text = words;
            if (!rule.AnyWords.Any(w => KeywordClassifier.ContainsStemPhrase(text, w)))
                return false;
        }

        return true;
    }
}

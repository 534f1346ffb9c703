using MCU.Hub.Messages;

namespace MCU.Hub.Routing.Internal;

/// <summary>
/// Applies a <see cref="RoutingDecision"/> to a message and says what changed: the one place that does it, for the intake
/// and for dry runs, so that a dry run shows exactly what the intake would do.
/// </summary>
internal static class RoutingApplier
{
    /// <summary>The history action of a decision that assigned recipients.</summary>
    public const string RoutedAction = "routed";

    /// <summary>The history action of a decision that changed the message without assigning recipients (it stays in manual triage).</summary>
    public const string RulesAction = "rules";

    /// <summary>Applies <paramref name="decision"/> to <paramref name="message"/>.</summary>
    /// <param name="message">The message; changed in place.</param>
    /// <param name="decision">The decision.</param>
    /// <param name="setStatus">Whether assigning recipients moves the status to <see cref="MessageStatus.Routed"/>.</param>
    /// <returns>The history entry to record, or <see langword="null"/> when the decision changes nothing.</returns>
    public static AppliedRouting? Apply(HubMessage message, RoutingDecision decision, bool setStatus = true)
    {
        var matched = decision.MatchedRules.Count > 0;
        if (!matched && decision.Territory is null && decision.Warnings.Count == 0)
            return null;

        var changes = new List<FieldChange>();
        if (decision.Territory is { } territory && territory != message.Territory)
        {
            changes.Add(FieldChange.Of("territory", message.Territory, territory));
            message.Territory = territory;
        }

        if (decision.Category is { } category && category != message.Category)
        {
            changes.Add(FieldChange.Of("category", message.Category, category));
            if (decision.Block != message.Block)
                changes.Add(FieldChange.Of("block", message.Block, decision.Block));
            (message.Category, message.Block) = (category, decision.Block);
        }

        var routed = decision.Recipients.Count > 0;
        if (routed)
        {
            changes.Add(FieldChange.Of("recipients", message.Recipients.Count == 0 ? null : message.Recipients, decision.Recipients));
            message.Recipients = [.. decision.Recipients];
            if (setStatus && message.Status != MessageStatus.Routed)
            {
                changes.Add(FieldChange.Of("status", message.Status, MessageStatus.Routed));
                message.Status = MessageStatus.Routed;
            }

            var by = string.Join(", ", decision.MatchedRules);
            if (by != message.RoutedByRule)
            {
                changes.Add(FieldChange.Of("routed_by_rule", message.RoutedByRule, by));
                message.RoutedByRule = by;
            }
        }

        if (matched)
        {
            if (decision.FastTrack && !message.FastTrack)
            {
                changes.Add(FieldChange.Of("fast_track", false, true));
                message.FastTrack = true;
            }

            if (decision.FastTrackEntry is { } entry && entry != message.FastTrackEntry)
            {
                changes.Add(FieldChange.Of("fast_track_entry", message.FastTrackEntry, entry));
                message.FastTrackEntry = entry;
            }

            if (decision.AutomatedDelivery && !message.AutomatedDelivery)
            {
                changes.Add(FieldChange.Of("automated_delivery", false, true));
                message.AutomatedDelivery = true;
            }

            var tags = message.Tags.Concat(decision.Tags).Distinct(StringComparer.Ordinal).ToList();
            if (tags.Count != message.Tags.Count)
            {
                changes.Add(FieldChange.Of("tags", message.Tags.Count == 0 ? null : message.Tags, tags));
                message.Tags = tags;
            }

            // The deadline policy reads the name a rule chose from the message before it computes the deadline.
            if (decision.DeadlinePolicy is { } policy && policy != message.DeadlinePolicy)
            {
                changes.Add(FieldChange.Of("deadline_policy", message.DeadlinePolicy, policy));
                message.DeadlinePolicy = policy;
            }

            if (decision.Notify.Count > 0)
                changes.Add(FieldChange.Of("notify", null, decision.Notify));
            changes.Add(FieldChange.Of("rules", null, string.Join(", ", decision.Matches)));
            changes.Add(FieldChange.Of("rule_set_version", message.RuleSetVersion == 0 ? null : message.RuleSetVersion, decision.RuleSetVersion));
            message.RuleSetVersion = decision.RuleSetVersion;
        }

        var rules = string.Join(", ", decision.Matches);
        var comment = routed ? $"Автоправило: {rules}; набор автоправил v{decision.RuleSetVersion}"
            : matched ? $"Автоправила: {rules}; набор автоправил v{decision.RuleSetVersion}; получатель не назначен — ручная сортировка"
            : decision.Territory is not null ? "Территория определена по координатам"
            : "Ни одно автоправило не подошло — ручная сортировка";
        if (routed && decision.FastTrackEntry is { } fastTrack)
            comment += $"; фаст-трек «{fastTrack}»: исполнитель и срок по каталогу";
        if (decision.Warnings.Count > 0)
            comment += ". " + string.Join("; ", decision.Warnings);
        return new AppliedRouting(routed ? RoutedAction : RulesAction, routed, comment, [.. changes]);
    }
}

/// <summary>What applying a decision changed, as a history entry.</summary>
/// <param name="Action">The history action: <c>routed</c>, or <c>rules</c> when no recipient was assigned.</param>
/// <param name="Routed">Whether recipients were assigned.</param>
/// <param name="Comment">The entry's comment, in Russian.</param>
/// <param name="Changes">The changed fields.</param>
internal sealed record AppliedRouting(string Action, bool Routed, string Comment, FieldChange[] Changes);

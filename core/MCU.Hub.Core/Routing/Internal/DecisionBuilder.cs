namespace MCU.Hub.Routing.Internal;

/// <summary>Merges the actions of the matching rules, in rule order, into a <see cref="RoutingDecision"/>.</summary>
/// <remarks>
/// A value on the evaluator's stack. It allocates nothing until a second rule matches: a decision of one rule uses that
/// rule's shared read-only lists, and a message no rule matches gets <see cref="RoutingDecision.None"/>.
/// </remarks>
internal struct DecisionBuilder
{
    private CompiledRule? _first;
    private List<CompiledRule>? _more;
    private (string? Category, string? Block) _firstSaw;
    private List<(CompiledRule Rule, string? Category, string? Block)>? _moreSaw;
    private List<RuleExplanation>? _explanations;

    /// <summary>Gets the category the matched rules set so far (the earliest that sets one wins).</summary>
    public readonly string? Category => _first is null ? null : FirstSet(r => r.SetCategory);

    /// <summary>Adds a matching rule, noting the category it saw for a later explanation.</summary>
    public void Add(CompiledRule rule, Evaluation e)
    {
        if (_first is null)
        {
            _first = rule;
            _firstSaw = (e.Category, e.Block);
            return;
        }

        (_more ??= []).Add(rule);
        (_moreSaw ??= []).Add((rule, e.Category, e.Block));
    }

    /// <summary>Adds an explanation made already (explaining evaluation).</summary>
    public void Explain(RuleExplanation explanation) => (_explanations ??= []).Add(explanation);

    public readonly RoutingDecision Build(int ruleSetVersion, string? territory, Evaluation e, bool explain)
    {
        var warnings = e.Warnings;
        if (_first is null && territory is null && warnings.Count == 0 && !explain)
            return RoutingDecision.None;

        IReadOnlyList<RuleExplanation> explanations = explain ? (IReadOnlyList<RuleExplanation>?)_explanations ?? []
            : _first is null ? []
            : new LazyExplanations(e.Detach(), _first, _firstSaw, _moreSaw);
        if (_first is null)
            return new RoutingDecision([], [], false, false, []) { RuleSetVersion = ruleSetVersion, Territory = territory, Explanations = explanations, Warnings = warnings };

        var setCategory = FirstSet(r => r.SetCategory);
        var block = setCategory is null ? null : FirstRule(r => r.SetCategory is not null)!.SetBlock;
        if (_more is null)
        {
            var only = _first;
            return new RoutingDecision(only.RecipientList, only.NameList, only.FastTrack, only.AutomatedDelivery && only.Recipients.Length > 0, only.TagList)
            {
                Matches = only.MatchList,
                RuleSetVersion = ruleSetVersion,
                Category = setCategory,
                Block = block,
                DeadlinePolicy = only.DeadlinePolicy,
                FastTrackEntry = only.FastTrackEntry,
                Notify = only.NotifyList,
                Territory = territory,
                Explanations = explanations,
                Warnings = warnings,
            };
        }

        var all = new List<CompiledRule>(_more.Count + 1) { _first };
        all.AddRange(_more);
        return new RoutingDecision(
            Merge(all, r => r.Recipients),
            [.. all.Select(r => r.Name)],
            all.Exists(r => r.FastTrack),
            all.Exists(r => r.AutomatedDelivery && r.Recipients.Length > 0),
            Merge(all, r => r.Tags))
        {
            Matches = [.. all.Select(r => r.Match)],
            RuleSetVersion = ruleSetVersion,
            Category = setCategory,
            Block = block,
            DeadlinePolicy = FirstSet(r => r.DeadlinePolicy),
            FastTrackEntry = FirstSet(r => r.FastTrackEntry),
            Notify = Merge(all, r => r.Notify),
            Territory = territory,
            Explanations = explanations,
            Warnings = warnings,
        };
    }

    private readonly string? FirstSet(Func<CompiledRule, string?> value) => FirstRule(r => value(r) is not null) is { } rule ? value(rule) : null;

    private readonly CompiledRule? FirstRule(Predicate<CompiledRule> predicate)
    {
        if (_first is null)
            return null;
        if (predicate(_first))
            return _first;
        return _more?.Find(predicate);
    }

    private static List<string> Merge(List<CompiledRule> rules, Func<CompiledRule, string[]> values)
    {
        var merged = new List<string>();
        foreach (var rule in rules)
        {
            foreach (var value in values(rule))
            {
                if (!merged.Contains(value))
                    merged.Add(value);
            }
        }

        return merged;
    }
}

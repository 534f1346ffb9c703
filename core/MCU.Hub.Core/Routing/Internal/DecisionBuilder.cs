namespace MCU.Hub.Routing.Internal;

/// <summary>Merges the actions of the matching rules, in rule order, into a <see cref="RoutingDecision"/>.</summary>
internal sealed class DecisionBuilder
{
    private readonly List<string> _recipients = [];
    private readonly List<string> _names = [];
    private readonly List<MatchedRule> _matches = [];
    private readonly List<string> _tags = [];
    private readonly List<string> _notify = [];
    private readonly List<RuleExplanation> _explanations = [];
    private bool _fastTrack;
    private bool _automated;
    private string? _category;
    private string? _block;
    private string? _deadlinePolicy;

    public int MatchCount => _matches.Count;

    public string? Category => _category;

    /// <summary>Adds the actions of a matching rule. The earliest rule that sets the category or deadline policy wins.</summary>
    public void Add(CompiledRule rule)
    {
        _names.Add(rule.Name);
        _matches.Add(new MatchedRule(rule.Name, rule.Version));
        AddDistinct(_recipients, rule.Recipients);
        AddDistinct(_tags, rule.Tags);
        AddDistinct(_notify, rule.Notify);
        _fastTrack |= rule.FastTrack;
        _automated |= rule.AutomatedDelivery && rule.Recipients.Length > 0;
        if (_category is null && rule.SetCategory is not null)
            (_category, _block) = (rule.SetCategory, rule.SetBlock);
        _deadlinePolicy ??= rule.DeadlinePolicy;
    }

    public void Explain(RuleExplanation explanation) => _explanations.Add(explanation);

    public RoutingDecision Build(int ruleSetVersion, string? territory, IReadOnlyList<string> warnings, bool explain)
    {
        if (_matches.Count == 0 && territory is null && warnings.Count == 0 && !explain)
            return RoutingDecision.None;
        return new RoutingDecision(_recipients, _names, _fastTrack, _automated, _tags)
        {
            Matches = _matches,
            RuleSetVersion = ruleSetVersion,
            Category = _category,
            Block = _block,
            DeadlinePolicy = _deadlinePolicy,
            Notify = _notify,
            Territory = territory,
            Explanations = _explanations,
            Warnings = warnings,
        };
    }

    private static void AddDistinct(List<string> into, string[] values)
    {
        foreach (var value in values)
        {
            if (!into.Contains(value))
                into.Add(value);
        }
    }
}

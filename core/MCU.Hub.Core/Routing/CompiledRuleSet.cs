using System.Collections.Frozen;
using MCU.Hub.Messages;
using MCU.Hub.Routing.Internal;

namespace MCU.Hub.Routing;

/// <summary>
/// A rule set compiled for evaluation (see <see cref="RuleSetCompiler"/>): its enabled rules in order, with an index of
/// their conditions so that a message is checked only against the rules it can match.
/// </summary>
/// <remarks>Immutable and safe to use from many threads; swapping in a new version never disturbs evaluations under way.</remarks>
public sealed class CompiledRuleSet
{
    private readonly CompiledRule[] _rules;
    private readonly RuleIndex _index;
    private readonly (string Name, int Version, int Order)[] _disabled;

    internal CompiledRuleSet(int version, CompiledRule[] rules, (string Name, int Version, int Order)[] disabled, IReadOnlyList<string> problems)
    {
        Version = version;
        _rules = rules;
        _disabled = disabled;
        Problems = problems;
        _index = RuleIndex.Build(rules);
    }

    /// <summary>Gets an empty rule set: every message goes to manual triage.</summary>
    public static CompiledRuleSet Empty { get; } = new(0, [], [], []);

    /// <summary>Gets the version of the stored rule set; 0 for rules that are not stored (a draft or code).</summary>
    public int Version { get; }

    /// <summary>Gets the number of enabled rules.</summary>
    public int Count => _rules.Length;

    /// <summary>Gets the names of the enabled rules in evaluation order.</summary>
    public IEnumerable<string> RuleNames => _rules.Select(r => r.Name);

    /// <summary>
    /// Gets problems found while compiling, in Russian (for example a pattern that does not compile: that rule never
    /// matches). Empty for a set that passed <see cref="RuleSetCompiler.Validate"/>.
    /// </summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Evaluates the rules against a message. Never throws because of a rule.</summary>
    internal RoutingDecision Evaluate(HubMessage message, EvaluationContext context, bool explain)
    {
        string? located = null;
        if (context.Locator is { } locator && message.Latitude is { } lat && message.Longitude is { } lon)
        {
            var found = locator.Locate(lat, lon);
            if (found is not null && found != message.Territory)
                located = found;
        }

        var e = new Evaluation(message, context, located ?? message.Territory);
        var builder = new DecisionBuilder();
        if (explain)
            ExplainAll(e, builder);
        else
            EvaluateCandidates(e, builder);
        return builder.Build(Version, located, e.Warnings, explain);
    }

    /// <summary>Counts the rules a message would be checked against, for tests of the index.</summary>
    internal int CountCandidates(HubMessage message, EvaluationContext context) =>
        Candidates(new Evaluation(message, context, message.Territory)).Count;

    private void EvaluateCandidates(Evaluation e, DecisionBuilder builder)
    {
        var candidates = Candidates(e);
        for (var i = 0; i < candidates.Count; i++)
        {
            var rule = _rules[candidates[i]];
            if (!Matches(rule, e))
                continue;

            builder.Explain(Describe(rule, e));
            var categoryBefore = builder.Category;
            builder.Add(rule);
            if (categoryBefore is null && builder.Category is not null)
            {
                // Later rules see the category this rule set: add the rules filed under it, then keep the order.
                var changed = e.Category != rule.SetCategory || e.Block != rule.SetBlock;
                (e.Category, e.Block) = (rule.SetCategory, rule.SetBlock);
                var before = candidates.Count;
                if (changed)
                {
                    AddPostings(_index.Categories, e.Category, candidates, after: rule.Position);
                    AddPostings(_index.Categories, e.Block, candidates, after: rule.Position);
                }

                if (candidates.Count > before)
                    SortDistinct(candidates, i + 1);
            }

            if (rule.StopOnMatch)
                break;
        }
    }

    private void ExplainAll(Evaluation e, DecisionBuilder builder)
    {
        string? stoppedBy = null;
        foreach (var rule in _rules)
        {
            if (stoppedBy is not null)
            {
                builder.Explain(new RuleExplanation(rule.Name, rule.Version, rule.Order, false, [], $"не проверялось: вычисление остановило правило «{stoppedBy}»"));
                continue;
            }

            var results = new List<ConditionResult>(rule.Conditions.Length);
            var all = true;
            foreach (var condition in rule.Conditions)
            {
                var held = RuleConditions.Check(rule, condition, e, describe: true, out var detail);
                results.Add(new ConditionResult(condition.ToString(), held, detail!));
                all &= held;
            }

            builder.Explain(new RuleExplanation(rule.Name, rule.Version, rule.Order, all, results));
            if (!all)
                continue;

            var categoryBefore = builder.Category;
            builder.Add(rule);
            if (categoryBefore is null && builder.Category is not null)
                (e.Category, e.Block) = (rule.SetCategory, rule.SetBlock);
            if (rule.StopOnMatch)
                stoppedBy = rule.Name;
        }

        foreach (var (name, version, order) in _disabled)
            builder.Explain(new RuleExplanation(name, version, order, false, [], "правило отключено"));
    }

    private static bool Matches(CompiledRule rule, Evaluation e)
    {
        foreach (var condition in rule.Conditions)
        {
            if (!RuleConditions.Check(rule, condition, e, describe: false, out _))
                return false;
        }

        return true;
    }

    private static RuleExplanation Describe(CompiledRule rule, Evaluation e)
    {
        var results = new ConditionResult[rule.Conditions.Length];
        for (var i = 0; i < results.Length; i++)
        {
            var condition = rule.Conditions[i];
            var held = RuleConditions.Check(rule, condition, e, describe: true, out var detail);
            results[i] = new ConditionResult(condition.ToString(), held, detail!);
        }

        return new RuleExplanation(rule.Name, rule.Version, rule.Order, true, results);
    }

    private List<int> Candidates(Evaluation e)
    {
        var m = e.Message;
        var candidates = new List<int>(16);
        if (!_index.Words.IsEmpty)
        {
            foreach (var word in e.Words)
                _index.Words.Collect(word, candidates);
        }

        AddPostings(_index.Categories, e.Category, candidates, after: -1);
        if (e.Block != e.Category)
            AddPostings(_index.Categories, e.Block, candidates, after: -1);
        AddPostings(_index.Territories, e.Territory, candidates, after: -1);
        AddPostings(_index.SourceCategories, m.SourceCategory, candidates, after: -1);
        AddPostings(_index.SourceCategories, m.SourceSubcategory, candidates, after: -1);
        AddPostings(_index.Channels, m.Channel, candidates, after: -1);
        if (_index.Kinds.TryGetValue(m.Kind, out var byKind))
            candidates.AddRange(byKind);
        candidates.AddRange(_index.Residual);
        SortDistinct(candidates, 0);
        return candidates;
    }

    private static void AddPostings(FrozenDictionary<string, int[]> index, string? key, List<int> into, int after)
    {
        if (key is null || !index.TryGetValue(key, out var postings))
            return;
        if (after < 0)
        {
            into.AddRange(postings);
            return;
        }

        foreach (var p in postings)
        {
            if (p > after)
                into.Add(p);
        }
    }

    /// <summary>Sorts <paramref name="list"/> from <paramref name="start"/> on and removes repeated positions there.</summary>
    private static void SortDistinct(List<int> list, int start)
    {
        var count = list.Count - start;
        if (count < 2)
            return;
        list.Sort(start, count, Comparer<int>.Default);
        var write = start + 1;
        for (var read = start + 1; read < list.Count; read++)
        {
            if (list[read] != list[write - 1])
                list[write++] = list[read];
        }

        list.RemoveRange(write, list.Count - write);
    }
}

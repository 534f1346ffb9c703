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

        var e = Evaluation.Rent(message, context, located ?? message.Territory);
        try
        {
            var builder = default(DecisionBuilder);
            if (explain)
                ExplainAll(e, ref builder);
            else
                EvaluateCandidates(e, ref builder);
            return FastTrackDecision.Resolve(builder.Build(Version, located, e, explain), message, context.FastTrack);
        }
        finally
        {
            e.Return();
        }
    }

    /// <summary>Counts the rules a message would be checked against, for tests of the index.</summary>
    internal int CountCandidates(HubMessage message, EvaluationContext context)
    {
        var e = Evaluation.Rent(message, context, message.Territory);
        var candidates = Candidates(e);
        var count = 0;
        while (candidates.TryNext(out _))
            count++;
        candidates.Return();
        e.Return();
        return count;
    }

    private void EvaluateCandidates(Evaluation e, ref DecisionBuilder builder)
    {
        var candidates = Candidates(e);
        try
        {
            Walk(e, candidates, ref builder);
        }
        finally
        {
            candidates.Return();
        }
    }

    private void Walk(Evaluation e, CandidateMerger candidates, ref DecisionBuilder builder)
    {
        while (candidates.TryNext(out var position))
        {
            var rule = _rules[position];
            if (!Matches(rule, e))
                continue;

            var categoryBefore = builder.Category;
            builder.Add(rule, e);
            if (categoryBefore is null && builder.Category is not null)
            {
                // Later rules see the category this rule set: add the rules filed under it.
                var changed = e.Category != rule.SetCategory || e.Block != rule.SetBlock;
                (e.Category, e.Block) = (rule.SetCategory, rule.SetBlock);
                if (changed)
                {
                    AddPostings(_index.Categories, e.Category, candidates, after: rule.Position);
                    AddPostings(_index.Categories, e.Block, candidates, after: rule.Position);
                    AddWordPostings(e, e.Category, candidates, after: rule.Position);
                    if (e.Block != e.Category)
                        AddWordPostings(e, e.Block, candidates, after: rule.Position);
                }
            }

            if (rule.StopOnMatch)
                break;
        }
    }

    private void ExplainAll(Evaluation e, ref DecisionBuilder builder)
    {
        string? stoppedBy = null;
        foreach (var rule in _rules)
        {
            if (stoppedBy is not null)
            {
                builder.Explain(new RuleExplanation(rule.Name, rule.Version, rule.Order, false, [], $"не проверялось: вычисление остановило правило «{stoppedBy}»"));
                continue;
            }

            var explanation = RuleConditions.Describe(rule, e);
            builder.Explain(explanation);
            if (!explanation.Matched)
                continue;

            var categoryBefore = builder.Category;
            builder.Add(rule, e);
            if (categoryBefore is null && builder.Category is not null)
                (e.Category, e.Block) = (rule.SetCategory, rule.SetBlock);
            if (rule.StopOnMatch)
                stoppedBy = rule.Name;
        }

        foreach (var (name, version, order) in _disabled)
            builder.Explain(new RuleExplanation(name, version, order, false, [], "правило отключено"));
    }

    /// <summary>Checks a candidate rule, skipping what being a candidate already proves.</summary>
    private static bool Matches(CompiledRule rule, Evaluation e)
    {
        foreach (var condition in rule.Conditions)
        {
            if (condition == ConditionKind.AnyWords && rule.AnyWordsImpliedByIndex)
                continue;
            if (!RuleConditions.Check(rule, condition, e, describe: false, out _))
                return false;
        }

        return true;
    }

    private CandidateMerger Candidates(Evaluation e)
    {
        var candidates = CandidateMerger.Rent();
        if (!_index.Words.IsEmpty)
            AddWordPostings(e, _index.Words, candidates, after: -1);
        AddWordPostings(e, e.Category, candidates, after: -1);
        if (e.Block != e.Category)
            AddWordPostings(e, e.Block, candidates, after: -1);

        AddPostings(_index.Categories, e.Category, candidates, after: -1);
        if (e.Block != e.Category)
            AddPostings(_index.Categories, e.Block, candidates, after: -1);
        AddPostings(_index.Territories, e.Territory, candidates, after: -1);
        AddPostings(_index.SourceCategories, e.SourceCategory, candidates, after: -1);
        AddPostings(_index.SourceCategories, e.SourceSubcategory, candidates, after: -1);
        AddPostings(_index.Channels, e.Channel, candidates, after: -1);
        if (_index.Kinds.Count > 0 && _index.Kinds.TryGetValue(e.Kind, out var byKind))
            candidates.Add(byKind, after: -1);
        if (_index.Residual.Length > 0)
            candidates.Add(_index.Residual, after: -1);
        return candidates;
    }

    /// <summary>Walks the message's words through the stems of the rules that name <paramref name="category"/>; the text is split only if there are any.</summary>
    private void AddWordPostings(Evaluation e, string? category, CandidateMerger into, int after)
    {
        if (category is not null && _index.WordsByCategory.Count > 0 && _index.WordsByCategory.TryGetValue(category, out var trie))
            AddWordPostings(e, trie, into, after);
    }

    private static void AddWordPostings(Evaluation e, StemTrie trie, CandidateMerger into, int after)
    {
        var words = e.Words;
        for (var i = 0; i < words.Count; i++)
            trie.Collect(words.Raw(i), into, after);
    }

    private static void AddPostings(FrozenDictionary<string, int[]> index, string? key, CandidateMerger into, int after)
    {
        if (key is not null && index.Count > 0 && index.TryGetValue(key, out var postings))
            into.Add(postings, after);
    }
}

using System.Collections.Frozen;

namespace MCU.Hub.Routing.Internal;

/// <summary>
/// Candidate lists of a compiled rule set. Each rule is filed under exactly one family of its conditions — the most
/// selective it has: word stems (per category when the rule also names categories), then categories, territories,
/// source categories, channels, kinds — or, with none of them, in the residual list. A rule can match a message only
/// if the message hits the rule's keys, so evaluation checks the candidates only. Every posting list is sorted by rule
/// position.
/// </summary>
internal sealed class RuleIndex
{
    /// <summary>Gets the stems of the rules with word conditions and no category condition.</summary>
    public required StemTrie Words { get; init; }

    /// <summary>
    /// Gets, per category code, the stems of the rules with word conditions that name that category: a message walks only
    /// the tries of its own category and block, and only the rules that can match both ways become candidates.
    /// </summary>
    public required FrozenDictionary<string, StemTrie> WordsByCategory { get; init; }

    public required FrozenDictionary<string, int[]> Categories { get; init; }

    public required FrozenDictionary<string, int[]> Territories { get; init; }

    public required FrozenDictionary<string, int[]> SourceCategories { get; init; }

    public required FrozenDictionary<string, int[]> Channels { get; init; }

    public required FrozenDictionary<MessageKind, int[]> Kinds { get; init; }

    public required int[] Residual { get; init; }

    public static RuleIndex Build(IReadOnlyList<CompiledRule> rules)
    {
        var words = new List<(string, int)>();
        var wordsByCategory = new Dictionary<string, List<(string, int)>>(StringComparer.Ordinal);
        var categories = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var territories = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var sources = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var channels = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var kinds = new Dictionary<MessageKind, List<int>>();
        var residual = new List<int>();
        foreach (var rule in rules)
        {
            var p = rule.Position;
            // CompiledRule.AnyWordsImpliedByIndex relies on this order: AllWords first, then AnyWords.
            var stems = new List<string>();
            if (rule.AllWords is { Length: > 0 } all && all.Any(x => x.Stems.Length > 0))
            {
                // One phrase of AllWords must be present; its longest first stem narrows the candidates most.
                stems.Add(all.Where(x => x.Stems.Length > 0).Select(x => x.Stems[0]).MaxBy(s => s.Length)!);
            }
            else if (rule.AnyWords is { Length: > 0 } any)
            {
                // A phrase without any word never matches, so it needs no key.
                stems.AddRange(any.Where(x => x.Stems.Length > 0).Select(x => x.Stems[0]));
            }

            if (stems.Count > 0 || rule.AnyWords is { Length: > 0 })
            {
                if (rule.Categories is null)
                {
                    words.AddRange(stems.Select(stem => (stem, p)));
                }
                else
                {
                    foreach (var category in rule.Categories)
                    {
                        if (!wordsByCategory.TryGetValue(category, out var list))
                            wordsByCategory[category] = list = [];
                        list.AddRange(stems.Select(stem => (stem, p)));
                    }
                }
            }
            else if (rule.Categories is not null)
            {
                File(categories, rule.Categories, p);
            }
            else if (rule.Territories is not null)
            {
                File(territories, rule.Territories, p);
            }
            else if (rule.SourceCategories is not null)
            {
                File(sources, rule.SourceCategories, p);
            }
            else if (rule.Channels is not null)
            {
                File(channels, rule.Channels, p);
            }
            else if (rule.Kinds is not null)
            {
                File(kinds, rule.Kinds, p);
            }
            else
            {
                residual.Add(p);
            }
        }

        return new RuleIndex
        {
            Words = StemTrie.Build(words),
            WordsByCategory = wordsByCategory.ToFrozenDictionary(kv => kv.Key, kv => StemTrie.Build(kv.Value), StringComparer.Ordinal),
            Categories = Freeze(categories),
            Territories = Freeze(territories),
            SourceCategories = Freeze(sources),
            Channels = Freeze(channels),
            Kinds = Freeze(kinds),
            Residual = [.. residual],
        };
    }

    private static void File<TKey>(Dictionary<TKey, List<int>> index, IEnumerable<TKey> keys, int position)
        where TKey : notnull
    {
        foreach (var key in keys)
        {
            if (!index.TryGetValue(key, out var list))
                index[key] = list = [];
            list.Add(position);
        }
    }

    private static FrozenDictionary<TKey, int[]> Freeze<TKey>(Dictionary<TKey, List<int>> index)
        where TKey : notnull =>
        index.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.Distinct().Order().ToArray(), index.Comparer);
}

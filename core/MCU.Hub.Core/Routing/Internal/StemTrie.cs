using System.Collections.Frozen;

namespace MCU.Hub.Routing.Internal;

/// <summary>
/// A character trie of word stems, each carrying the positions of the rules indexed under it. Looking a word up walks
/// its characters once and collects every stem that is a prefix of it, so the cost grows with the word, not with the
/// number of stems or rules.
/// </summary>
internal sealed class StemTrie
{
    private readonly FrozenDictionary<long, int> _children;
    private readonly int[]?[] _postings;

    private StemTrie(FrozenDictionary<long, int> children, int[]?[] postings)
    {
        _children = children;
        _postings = postings;
    }

    /// <summary>Gets a value indicating whether no stem is indexed.</summary>
    public bool IsEmpty => _postings.Length <= 1;

    /// <summary>Builds the trie.</summary>
    /// <param name="entries">Stems (lower-case, «ё» as «е») and the rule position indexed under each.</param>
    public static StemTrie Build(IEnumerable<(string Stem, int Rule)> entries)
    {
        var children = new Dictionary<long, int>();
        var postings = new List<List<int>?> { null };
        foreach (var (stem, rule) in entries)
        {
            var node = 0;
            foreach (var c in stem)
            {
                var key = Key(node, c);
                if (!children.TryGetValue(key, out var child))
                {
                    child = postings.Count;
                    postings.Add(null);
                    children.Add(key, child);
                }

                node = child;
            }

            (postings[node] ??= []).Add(rule);
        }

        var frozen = new int[]?[postings.Count];
        for (var i = 0; i < frozen.Length; i++)
        {
            if (postings[i] is { } list)
                frozen[i] = [.. list.Distinct().Order()];
        }

        return new StemTrie(children.ToFrozenDictionary(), frozen);
    }

    /// <summary>Adds to <paramref name="into"/> the rules of every stem that starts <paramref name="word"/>.</summary>
    /// <param name="word">A lower-case word of the text.</param>
    /// <param name="into">The candidate buffer.</param>
    public void Collect(string word, List<int> into)
    {
        var node = 0;
        foreach (var c in word)
        {
            if (!_children.TryGetValue(Key(node, c), out node))
                return;
            if (_postings[node] is { } rules)
                into.AddRange(rules);
        }
    }

    private static long Key(int node, char c) => ((long)node << 16) | c;
}

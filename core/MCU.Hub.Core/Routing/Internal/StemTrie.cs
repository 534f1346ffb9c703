namespace MCU.Hub.Routing.Internal;

/// <summary>
/// A character trie of word stems, each carrying the positions of the rules indexed under it. Looking a word up walks
/// its characters once and collects every stem that is a prefix of it, so the cost grows with the word, not with the
/// number of stems or rules.
/// </summary>
/// <remarks>
/// Immutable after <see cref="Build"/>. The root's children are a table indexed by character for ASCII and Cyrillic
/// (where almost every word starts); deeper nodes keep their few children in sorted arrays.
/// </remarks>
internal sealed class StemTrie
{
    private const int RootTableSize = 0x500;

    private readonly int[] _rootTable;
    private readonly int[] _childStart;
    private readonly char[] _childKeys;
    private readonly int[] _childNodes;
    private readonly int[]?[] _postings;

    private StemTrie(int[] rootTable, int[] childStart, char[] childKeys, int[] childNodes, int[]?[] postings)
    {
        _rootTable = rootTable;
        _childStart = childStart;
        _childKeys = childKeys;
        _childNodes = childNodes;
        _postings = postings;
    }

    /// <summary>Gets a value indicating whether no stem is indexed.</summary>
    public bool IsEmpty => _postings.Length <= 1;

    /// <summary>Builds the trie.</summary>
    /// <param name="entries">Stems (lower-case, «ё» as «е») and the rule position indexed under each.</param>
    public static StemTrie Build(IEnumerable<(string Stem, int Rule)> entries)
    {
        var children = new List<SortedList<char, int>?> { null };
        var postings = new List<List<int>?> { null };
        foreach (var (stem, rule) in entries)
        {
            var node = 0;
            foreach (var c in stem)
            {
                var map = children[node] ??= [];
                if (!map.TryGetValue(c, out var child))
                {
                    child = postings.Count;
                    postings.Add(null);
                    children.Add(null);
                    map.Add(c, child);
                }

                node = child;
            }

            (postings[node] ??= []).Add(rule);
        }

        var start = new int[children.Count + 1];
        var keys = new List<char>();
        var nodes = new List<int>();
        for (var n = 0; n < children.Count; n++)
        {
            start[n] = keys.Count;
            if (children[n] is { } map)
            {
                keys.AddRange(map.Keys);
                nodes.AddRange(map.Values);
            }
        }

        start[children.Count] = keys.Count;
        var root = new int[RootTableSize];
        if (children[0] is { } rootMap)
        {
            foreach (var (c, child) in rootMap)
            {
                if (c < RootTableSize)
                    root[c] = child;
            }
        }

        var frozen = new int[]?[postings.Count];
        for (var i = 0; i < frozen.Length; i++)
        {
            if (postings[i] is { } list)
                frozen[i] = [.. list.Distinct().Order()];
        }

        return new StemTrie(root, start, [.. keys], [.. nodes], frozen);
    }

    /// <summary>Adds to <paramref name="into"/> the rules of every stem that starts <paramref name="word"/>.</summary>
    /// <param name="word">A word of the text as written; its characters are lower-cased as they are walked.</param>
    /// <param name="into">The candidate buffer.</param>
    /// <param name="after">Only rules after this position (−1 for all).</param>
    public void Collect(ReadOnlySpan<char> word, CandidateMerger into, int after = -1)
    {
        var node = 0;
        for (var i = 0; i < word.Length; i++)
        {
            var c = TextWords.Lower(word[i]);
            node = node == 0 && c < RootTableSize ? _rootTable[c] : Child(node, c);
            if (node == 0)
                return;
            if (_postings[node] is { } rules)
                into.Add(rules, after);
        }
    }

    /// <summary>The child of <paramref name="node"/> for <paramref name="c"/>, or 0 (the root is never a child).</summary>
    private int Child(int node, char c)
    {
        var from = _childStart[node];
        var to = _childStart[node + 1];
        if (to - from <= 8)
        {
            for (var i = from; i < to; i++)
            {
                if (_childKeys[i] == c)
                    return _childNodes[i];
            }

            return 0;
        }

        var found = Array.BinarySearch(_childKeys, from, to - from, c);
        return found >= 0 ? _childNodes[found] : 0;
    }
}

using System.Collections;

namespace MCU.Hub.Routing.Internal;

/// <summary>
/// The explanations of the matched rules, made on first access: routing a message does not pay for texts nobody reads.
/// Each rule is explained with the category it saw when it matched; the message's fields were copied when routing began.
/// </summary>
internal sealed class LazyExplanations : IReadOnlyList<RuleExplanation>
{
    private readonly Lock _lock = new();
    private readonly Evaluation.Snapshot _snapshot;
    private readonly CompiledRule _first;
    private readonly (string? Category, string? Block) _firstSaw;
    private readonly List<(CompiledRule Rule, string? Category, string? Block)>? _more;
    private RuleExplanation[]? _items;

    public LazyExplanations(Evaluation.Snapshot snapshot, CompiledRule first, (string? Category, string? Block) firstSaw, List<(CompiledRule Rule, string? Category, string? Block)>? more)
    {
        _snapshot = snapshot;
        _first = first;
        _firstSaw = firstSaw;
        _more = more;
    }

    public int Count => Items.Length;

    private RuleExplanation[] Items
    {
        get
        {
            if (Volatile.Read(ref _items) is { } ready)
                return ready;
            lock (_lock)
            {
                return _items ??= Make();
            }
        }
    }

    public RuleExplanation this[int index] => Items[index];

    public IEnumerator<RuleExplanation> GetEnumerator() => ((IEnumerable<RuleExplanation>)Items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private RuleExplanation[] Make()
    {
        var e = _snapshot.Restore();
        var items = new RuleExplanation[1 + (_more?.Count ?? 0)];
        (e.Category, e.Block) = _firstSaw;
        items[0] = RuleConditions.Describe(_first, e);
        for (var i = 1; i < items.Length; i++)
        {
            var (rule, category, block) = _more![i - 1];
            (e.Category, e.Block) = (category, block);
            items[i] = RuleConditions.Describe(rule, e);
        }

        return items;
    }
}

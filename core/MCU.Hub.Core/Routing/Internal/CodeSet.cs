using System.Collections;
using System.Collections.Frozen;

namespace MCU.Hub.Routing.Internal;

/// <summary>
/// The codes of one rule condition. A rule usually names one to three codes, which a plain comparison finds faster than a
/// hash; larger sets use a frozen set.
/// </summary>
internal sealed class CodeSet : IEnumerable<string>
{
    private const int LinearLimit = 4;

    private readonly string[] _codes;
    private readonly FrozenSet<string>? _set;
    private readonly StringComparison _comparison;

    public CodeSet(IEnumerable<string> codes, bool ignoreCase)
    {
        var comparer = ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        _codes = [.. codes.Distinct(comparer)];
        _comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (_codes.Length > LinearLimit)
            _set = _codes.ToFrozenSet(comparer);
    }

    public bool Contains(string code)
    {
        if (_set is not null)
            return _set.Contains(code);
        foreach (var c in _codes)
        {
            if (string.Equals(c, code, _comparison))
                return true;
        }

        return false;
    }

    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_codes).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

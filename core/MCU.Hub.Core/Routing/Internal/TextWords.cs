using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MCU.Hub.Classification;

namespace MCU.Hub.Routing.Internal;

/// <summary>
/// The words of a text exactly as <see cref="KeywordClassifier.Words"/> splits them (the same separators; compared in
/// lower case with «ё» as «е»), kept as ranges of the text instead of one lower-cased string per word: routing splits
/// every message, and making those strings would cost more than evaluating the rules. Characters are lower-cased as
/// they are compared (<see cref="Lower"/>), and only the few that are.
/// </summary>
internal sealed class TextWords
{
    [ThreadStatic]
    private static TextWords? t_shared;

    // The separators of KeywordClassifier.Words below U+0080 ('«', '»' and '—' are tested apart); none has another case.
    private static readonly bool[] AsciiSeparators = MakeSeparators(" ,.;:!?()\"'-\n\r\t/");

    private string _text = "";
    private int[] _starts = new int[32];
    private int[] _lengths = new int[32];

    /// <summary>Gets the number of words.</summary>
    public int Count { get; private set; }

    /// <summary>Splits <paramref name="text"/> into this thread's shared instance, valid until the thread splits another text.</summary>
    public static TextWords Shared(string text) => (t_shared ??= new TextWords()).Fill(text);

    /// <summary>Splits <paramref name="text"/> into a new instance.</summary>
    public static TextWords Of(string text) => new TextWords().Fill(text);

    /// <summary>Gets a word as written (not lower-cased): compare its characters through <see cref="Lower"/>.</summary>
    public ReadOnlySpan<char> Raw(int index) => _text.AsSpan(_starts[index], _lengths[index]);

    /// <summary>Tells whether word <paramref name="index"/> starts with <paramref name="stem"/> (lower-case, «ё» as «е»).</summary>
    public bool StartsWith(int index, string stem)
    {
        if (_lengths[index] < stem.Length)
            return false;
        var word = _text.AsSpan(_starts[index], stem.Length);
        for (var i = 0; i < stem.Length; i++)
        {
            if (Lower(word[i]) != stem[i])
                return false;
        }

        return true;
    }

    /// <summary>The words <paramref name="first"/> … <paramref name="first"/> + <paramref name="count"/> − 1, lower-cased and joined by spaces.</summary>
    public string Join(int first, int count) => string.Join(' ', Enumerable.Range(first, count).Select(Word));

    /// <summary>A word lower-cased with «ё» as «е», as <see cref="KeywordClassifier.Words"/> gives it.</summary>
    public string Word(int index) => string.Create(_lengths[index], (_text, _starts[index]), static (span, state) =>
    {
        for (var i = 0; i < span.Length; i++)
            span[i] = Lower(state._text[state.Item2 + i]);
    });

    /// <summary>Invariant lower case with «ё» as «е», with fast paths for ASCII and the basic Cyrillic letters.</summary>
    public static char Lower(char c)
    {
        if (c < 0x80)
            return (uint)(c - 'A') <= 'Z' - 'A' ? (char)(c | 0x20) : c;
        if ((uint)(c - 'а') <= 'я' - 'а')
            return c;
        if ((uint)(c - 'А') <= 'Я' - 'А')
            return (char)(c + ('а' - 'А'));
        if (c is 'ё' or 'Ё')
            return 'е';
        c = char.ToLowerInvariant(c);
        return c == 'ё' ? 'е' : c;
    }

    private TextWords Fill(string text)
    {
        Count = 0;
        _text = text;
        var span = text.AsSpan();
        if (span.ContainsAnyInRange('\uD800', '\uDFFF'))
            return FillLowered(text);
        if (span.ContainsAny('«', '»', '—'))
            return FillScalar(text);

        // The separators left are all below U+0040, where a text in Russian has little besides spaces, punctuation and
        // digits: find those characters eight at a time, then look each up.
        var separators = AsciiSeparators;
        var chars = MemoryMarshal.Cast<char, ushort>(span);
        var below = Vector128.Create((ushort)0x40);
        var start = 0;
        var i = 0;
        for (; i + Vector128<ushort>.Count <= chars.Length; i += Vector128<ushort>.Count)
        {
            var mask = Vector128.LessThan(Vector128.Create(chars.Slice(i, Vector128<ushort>.Count)), below).ExtractMostSignificantBits();
            while (mask != 0)
            {
                var at = i + BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                if (separators[chars[at]])
                {
                    if (at > start)
                        Add(start, at - start);
                    start = at + 1;
                }
            }
        }

        for (; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c < 0x40 && separators[c])
            {
                if (i > start)
                    Add(start, i - start);
                start = i + 1;
            }
        }

        if (chars.Length > start)
            Add(start, chars.Length - start);
        return this;
    }

    private TextWords FillScalar(string text)
    {
        var separators = AsciiSeparators;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x80 ? !separators[c] : c is not ('«' or '»' or '—'))
                continue;
            if (i > start)
                Add(start, i - start);
            start = i + 1;
        }

        if (text.Length > start)
            Add(start, text.Length - start);
        return this;
    }

    /// <summary>
    /// A text with surrogate pairs: lower-case it as string casing does (a pair as one character), then split the result,
    /// on which <see cref="Lower"/> changes nothing more.
    /// </summary>
    private TextWords FillLowered(string text)
    {
        Count = 0;
        _text = string.Join(' ', KeywordClassifier.Words(text));
        var start = 0;
        for (var i = 0; i <= _text.Length; i++)
        {
            if (i == _text.Length || _text[i] == ' ')
            {
                Add(start, i - start);
                start = i + 1;
            }
        }

        return this;
    }

    private void Add(int start, int length)
    {
        if (length == 0)
            return;
        if (Count == _starts.Length)
        {
            Array.Resize(ref _starts, Count * 2);
            Array.Resize(ref _lengths, Count * 2);
        }

        _starts[Count] = start;
        _lengths[Count] = length;
        Count++;
    }

    private static bool[] MakeSeparators(string separators)
    {
        var table = new bool[0x80];
        foreach (var c in separators)
            table[c] = true;
        return table;
    }
}

using MCU.Hub.Classification;

namespace MCU.Hub.Routing.Internal;

/// <summary>A keyword or phrase of a rule, split into stems the way <see cref="KeywordClassifier.Words"/> splits the text.</summary>
internal sealed class Phrase
{
    public Phrase(string text)
    {
        Text = text;
        Stems = KeywordClassifier.Words(text);
    }

    /// <summary>Gets the phrase as written in the rule.</summary>
    public string Text { get; }

    /// <summary>Gets the stems, lower-case, «ё» as «е»; empty when the phrase has no word at all.</summary>
    public string[] Stems { get; }

    /// <summary>Finds the phrase in the text's words: each stem starts one of consecutive words.</summary>
    /// <param name="words">The text's words.</param>
    /// <returns>The index of the first matching word, or −1.</returns>
    public int FindIn(TextWords words)
    {
        var stems = Stems;
        if (stems.Length == 0)
            return -1;
        for (var i = 0; i + stems.Length <= words.Count; i++)
        {
            var all = true;
            for (var j = 0; j < stems.Length && all; j++)
                all = words.StartsWith(i + j, stems[j]);
            if (all)
                return i;
        }

        return -1;
    }

    /// <summary>The words of <paramref name="words"/> the phrase matched at <paramref name="at"/>, for explanations.</summary>
    public string Matched(TextWords words, int at) => words.Join(at, Stems.Length);
}

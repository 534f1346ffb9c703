using System.Collections.Frozen;
using System.Text;

namespace MCU.Hub.Analytics.Internal;

/// <summary>Crude Russian word stems for text similarity; no morphology library on purpose (deterministic and fast).</summary>
internal static class TextStems
{
    public const int StemLength = 5;
    public const int MinWordLength = 3;

    // Function words and the courtesy phrases nearly every appeal has; words under 3 letters are dropped anyway.
    private static readonly FrozenSet<string> s_stopWords = new[]
    {
        "что", "как", "все", "она", "так", "его", "только", "мне", "было", "вот", "меня", "еще", "нет", "ему",
        "теперь", "когда", "даже", "вдруг", "если", "уже", "или", "быть", "был", "него", "вас", "нибудь", "опять",
        "вам", "ведь", "там", "потом", "себя", "ничего", "может", "они", "тут", "где", "есть", "надо", "ней", "для",
        "тебя", "их", "чем", "была", "сам", "чтоб", "без", "будто", "чего", "раз", "тоже", "себе", "под", "будет",
        "тогда", "кто", "этот", "того", "потому", "этого", "какой", "совсем", "ним", "здесь", "этом", "один",
        "почти", "мой", "тем", "чтобы", "нее", "сейчас", "были", "куда", "зачем", "всех", "никогда", "можно", "при",
        "наконец", "два", "другой", "хоть", "после", "над", "больше", "тот", "через", "эти", "нас", "про", "всего",
        "них", "какая", "много", "разве", "три", "эту", "моя", "впрочем", "хорошо", "свою", "этой", "перед",
        "иногда", "лучше", "чуть", "том", "нельзя", "такой", "более", "всегда", "конечно", "всю", "между", "это",
        "очень", "также", "которые", "который", "которая", "которое", "наш", "наши", "нашем",
        "нашей", "ваш", "прошу", "просим", "пожалуйста", "здравствуйте", "добрый", "день", "спасибо", "уважаемые",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Gets the distinct stems of <paramref name="text"/>.</summary>
    public static IEnumerable<string> Of(string? text)
    {
        if (string.IsNullOrEmpty(text))
            yield break;

        var word = new StringBuilder();
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsLetterOrDigit(c))
            {
                word.Append(Fold(c));
                continue;
            }

            if (word.Length >= MinWordLength)
            {
                var value = word.ToString();
                if (!s_stopWords.Contains(value))
                    yield return value.Length > StemLength ? value[..StemLength] : value;
            }

            word.Clear();
        }
    }

    /// <summary>Lowercases one letter and folds ё into е.</summary>
    public static char Fold(char c)
    {
        c = char.ToLowerInvariant(c);
        return c == 'ё' ? 'е' : c;
    }

    /// <summary>Jaccard similarity of two sorted arrays of distinct ids; 0 when both are empty.</summary>
    public static double Jaccard(int[] a, int[] b)
    {
        if (a.Length == 0 || b.Length == 0)
            return 0;
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                common++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return (double)common / (a.Length + b.Length - common);
    }
}

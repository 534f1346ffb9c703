using System.Text;

namespace MCU.Hub.Emulators.Pos.Internal;

/// <summary>Latin spelling of Russian names for synthetic e-mail addresses.</summary>
internal static class Transliteration
{
    private const string Cyrillic = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";

    private static readonly string[] Latin =
    [
        "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f",
        "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
    ];

    public static string ToLatin(string text)
    {
        var result = new StringBuilder(text.Length + 4);
        foreach (var c in text)
        {
            var i = Cyrillic.IndexOf(char.ToLowerInvariant(c), StringComparison.Ordinal);
            if (i >= 0)
                result.Append(Latin[i]);
            else if (char.IsAsciiLetterOrDigit(c))
                result.Append(char.ToLowerInvariant(c));
        }

        return result.ToString();
    }
}

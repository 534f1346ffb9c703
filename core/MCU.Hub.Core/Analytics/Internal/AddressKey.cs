using System.Collections.Frozen;
using System.Text;

namespace MCU.Hub.Analytics.Internal;

/// <summary>Normalises an address for equality: lowercase, ё→е, punctuation removed, common street-type words dropped.</summary>
internal static class AddressKey
{
    private static readonly FrozenSet<string> s_typeWords = new[]
    {
        "г", "город", "ул", "улица", "д", "дом", "пр", "пр-т", "просп", "проспект", "пер", "переулок", "пл", "площадь",
        "ш", "шоссе", "б-р", "бульвар", "наб", "набережная", "мкр", "микрорайон", "пос", "поселок", "п", "с", "село",
        "корп", "корпус", "к", "стр", "строение", "обл", "область", "р-н", "район", "кв", "квартира", "рф", "россия",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Gets the key, or <see langword="null"/> when nothing is left.</summary>
    public static string? Of(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
            return null;

        var words = new List<string>();
        var word = new StringBuilder();
        for (var i = 0; i <= address.Length; i++)
        {
            var c = i < address.Length ? address[i] : ' ';
            // A hyphen inside a word is kept: "пр-т", "б-р", "Нижний-Новгород".
            if (char.IsLetterOrDigit(c) || (c == '-' && word.Length > 0))
            {
                word.Append(TextStems.Fold(c));
                continue;
            }

            var value = word.ToString().TrimEnd('-');
            if (value.Length > 0 && !s_typeWords.Contains(value))
                words.Add(value);
            word.Clear();
        }

        return words.Count == 0 ? null : string.Join(' ', words);
    }
}

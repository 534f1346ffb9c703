using System.Text;
using System.Text.RegularExpressions;

namespace MCU.Hub.Quality.Internal;

/// <summary>The text heuristics of the formal-answer flags.</summary>
internal static partial class AnswerText
{
    /// <summary>Stems of verbs of an action done or planned: their presence is a fact of substance.</summary>
    private static readonly string[] s_actionStems =
    [
        "отремонтир", "заделан", "починен", "выполнен", "выполня", "выполним", "устранен", "устраня", "заменен", "замена", "установлен", "установк", "вывезен", "вывоз",
        "очищен", "расчищ", "убран", "уборк", "произведен", "проведен", "восстановлен", "запланирован", "включен в план", "демонтир",
        "покрашен", "заасфальтир", "асфальтир", "засыпан", "спилен", "опилен", "скошен", "подключен", "отключен", "прочищ", "промыт",
        "выдано предписание", "выдан", "составлен акт", "оштрафован", "привлечен", "заключен контракт", "контракт", "отгрейдир", "грейдир",
        "завезен", "высажен", "смонтир", "закуплен", "начаты работы", "работы начн", "работы заверш", "завершен", "приведен в порядок",
    ];

    /// <summary>Words of a place: their presence names where something is.</summary>
    private static readonly string[] s_placeWords =
    [
        "улиц", "ул ", "дом ", "д ", "проспект", "пр-т", "переул", "площад", "двор", "подъезд", "перекрест", "остановк", "микрорайон", "мкр",
        "шоссе", "набережн", "бульвар", "сквер", "парк", "квартал",
    ];

    /// <summary>Collapses whitespace and trims.</summary>
    public static string Squeeze(string text) => Whitespace().Replace(text, " ").Trim();

    /// <summary>Lower case, ё→е, letters and digits only, one space between words: the form compared across messages.</summary>
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var ch in text)
        {
            var c = char.ToLowerInvariant(ch);
            if (c == 'ё')
                c = 'е';
            if (char.IsLetterOrDigit(c))
            {
                if (space && sb.Length > 0)
                    sb.Append(' ');
                sb.Append(c);
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return sb.ToString();
    }

    public static List<string> Words(string text) => [.. Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>Finds a placeholder left in the text: <c>{адрес}</c>, <c>[дата]</c>, <c>&lt;ФИО&gt;</c>, <c>%адрес%</c> or a blank <c>___</c>.</summary>
    public static string? FindPlaceholder(string text) => Placeholder().Match(text) is { Success: true } m ? m.Value : null;

    /// <summary>Tells whether the text states a fact: a digit (date, number, house), a place word, or an action verb.</summary>
    public static bool HasFact(string text)
    {
        var normalized = " " + Normalize(text) + " ";
        if (normalized.Any(char.IsAsciiDigit))
            return true;
        return s_actionStems.Any(s => normalized.Contains(s, StringComparison.Ordinal))
            || s_placeWords.Any(w => normalized.Contains(" " + w, StringComparison.Ordinal));
    }

    /// <summary>Removes the boilerplate phrases; returns those found, the rest of the text and how many words of three letters or more remain.</summary>
    public static (List<string> Found, string Remainder, int RemainingWords) StripBoilerplate(string text, IReadOnlyList<string> phrases)
    {
        var normalized = " " + Normalize(text) + " ";
        var found = new List<string>();
        foreach (var phrase in phrases.OrderByDescending(p => p.Length))
        {
            var key = " " + Normalize(phrase) + " ";
            if (key.Trim().Length == 0 || !normalized.Contains(key, StringComparison.Ordinal))
                continue;
            found.Add(phrase);
            normalized = normalized.Replace(key, " ", StringComparison.Ordinal);
        }

        var remaining = normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => w.Length >= 3);
        return (found, normalized.Trim(), remaining);
    }

    /// <summary>
    /// Compares an answer with a template: the share of the template's fixed words (placeholders removed) that the answer
    /// repeats, and how many words the answer adds beyond them.
    /// </summary>
    public static (double Coverage, int Extra, int TemplateWords) CompareWithTemplate(string answer, string template)
    {
        var fixedWords = Words(Placeholder().Replace(template, " "));
        if (fixedWords.Count == 0)
            return (0, int.MaxValue, 0);
        var pool = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var w in fixedWords)
            pool[w] = pool.GetValueOrDefault(w) + 1;
        var answerWords = Words(Placeholder().Replace(answer, " "));
        var matched = 0;
        foreach (var w in answerWords)
        {
            if (pool.TryGetValue(w, out var n) && n > 0)
            {
                pool[w] = n - 1;
                matched++;
            }
        }

        return ((double)matched / fixedWords.Count, answerWords.Count - matched, fixedWords.Count);
    }

    /// <summary>The last ten digits of a phone, or an e-mail in lower case: the same author however the channel wrote it.</summary>
    public static string? AuthorKey(string? phone, string? email)
    {
        if (phone is not null)
        {
            var digits = new string([.. phone.Where(char.IsAsciiDigit)]);
            if (digits.Length >= 10)
                return "tel:" + digits[^10..];
        }

        return string.IsNullOrWhiteSpace(email) ? null : "mail:" + email.Trim().ToLowerInvariant();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\{[^{}\r\n]{1,40}\}|\[[^\[\]\r\n]{1,40}\]|<[^<>\r\n]{1,40}>|%[\p{L}_]{1,30}%|_{3,}")]
    private static partial Regex Placeholder();
}

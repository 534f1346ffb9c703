using System.Globalization;
using System.Text;

namespace MCU.Hub.Plugins.Common.Import;

/// <summary>Text helpers of the importers: header matching and column letters.</summary>
internal static class ImportText
{
    /// <summary>
    /// Gets the form in which headers are compared: trimmed, inner white space (non-breaking spaces too) collapsed to one
    /// space, «ё» read as «е», upper case. So «Дата  создания», «ДАТА СОЗДАНИЯ» and «дата создания » match.
    /// </summary>
    public static string NormalizeHeader(string header)
    {
        var text = new StringBuilder(header.Length);
        var pendingSpace = false;
        foreach (var ch in header)
        {
            if (char.IsWhiteSpace(ch) || ch == '\uFEFF')
            {
                pendingSpace = text.Length > 0;
                continue;
            }

            if (pendingSpace)
                text.Append(' ');
            pendingSpace = false;
            text.Append(ch is 'ё' or 'Ё' ? 'Е' : char.ToUpperInvariant(ch));
        }

        return text.ToString();
    }

    /// <summary>Gets the spreadsheet letter of a 0-based column index: 0 → A, 25 → Z, 26 → AA.</summary>
    public static string ColumnLetter(int index)
    {
        var letters = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        return letters;
    }

    /// <summary>Gets the 0-based column index of spreadsheet letters (<c>AA</c> → 26), or -1 if they are not letters.</summary>
    public static int ColumnIndex(string letters)
    {
        var index = 0;
        foreach (var ch in letters)
        {
            if (ch is < 'A' or > 'Z')
                return -1;
            index = (index * 26) + (ch - 'A' + 1);
        }

        return index - 1;
    }

    /// <summary>Quotes a cell value for a message, cut to a readable length: «20.13.2026».</summary>
    public static string Quote(string value) =>
        "«" + (value.Length > 40 ? value[..40] + "…" : value) + "»";

    /// <summary>Lists headers for a message: «Номер сообщения», «Дата создания».</summary>
    public static string List(IEnumerable<string> headers) => string.Join(", ", headers.Select(h => "«" + h + "»"));

    /// <summary>Formats a number for a message or an id without exponent noise where it is whole.</summary>
    public static string Number(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15
            ? value.ToString("0", CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
}

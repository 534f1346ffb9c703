using System.Globalization;
using System.Text;

namespace MCU.Hub.Reports.Internal;

/// <summary>Display text of report values in Russian conventions (<c>ru-RU</c>: «1 234,5», «07.03.2024»).</summary>
internal static class ReportText
{
    /// <summary>
    /// The ru-RU number conventions (no-break space between thousands, decimal comma), fixed here rather than taken
    /// from ICU: a report must read the same on every ICU version, and in a container with invariant globalization,
    /// where ru-RU does not exist. Dates use explicit patterns of digits only, so the invariant calendar is right.
    /// </summary>
    public static readonly CultureInfo Russian = CreateRussian();

    private static CultureInfo CreateRussian()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberGroupSeparator = "\u00A0";
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NegativeSign = "-";
        return CultureInfo.ReadOnly(culture);
    }

    /// <summary>The value as the user reads it in a column of <paramref name="kind"/>.</summary>
    public static string Format(ReportValue value, ReportColumnKind kind) => value.Kind switch
    {
        ReportValueKind.Text => value.TextValue!,
        ReportValueKind.Number => FormatNumber(value.NumberValue!.Value, kind),
        ReportValueKind.Date => value.DateValue!.Value.ToString("dd.MM.yyyy", Russian),
        ReportValueKind.DateTime => kind == ReportColumnKind.Date
            ? value.DateTimeValue!.Value.ToString("dd.MM.yyyy", Russian)
            : value.DateTimeValue!.Value.ToString("dd.MM.yyyy HH:mm", Russian),
        _ => string.Empty,
    };

    /// <summary>A number in the format of <paramref name="kind"/>; matches the Excel number formats of the XLSX writer.</summary>
    public static string FormatNumber(double number, ReportColumnKind kind) => kind switch
    {
        ReportColumnKind.Integer => number.ToString("N0", Russian),
        ReportColumnKind.Number => number.ToString("N2", Russian),
        ReportColumnKind.Percent or ReportColumnKind.Hours => number.ToString("N1", Russian),
        _ => number.ToString("#,0.##########", Russian),
    };

    /// <summary>The generation time with its offset, e.g. «07.03.2024 09:30 (UTC+03:00)».</summary>
    public static string FormatGeneratedAt(DateTimeOffset value) =>
        value.ToString("dd.MM.yyyy HH:mm", Russian) + " (UTC" + value.ToString("zzz", CultureInfo.InvariantCulture) + ")";

    /// <summary>
    /// Removes characters XML 1.0 cannot carry (control characters other than tab and line breaks, lone
    /// surrogates): one such character in a citizen's text would otherwise make the whole file unreadable.
    /// </summary>
    public static string XmlSafe(string value)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < value.Length;)
        {
            var valid = IsXmlChar(value, i, out var width);
            if (!valid && builder is null)
                builder = new StringBuilder(value.Length).Append(value, 0, i);
            if (valid)
                builder?.Append(value, i, width);
            i += width;
        }

        return builder?.ToString() ?? value;
    }

    private static bool IsXmlChar(string value, int index, out int width)
    {
        var c = value[index];
        width = 1;
        if (char.IsHighSurrogate(c))
        {
            if (index + 1 < value.Length && char.IsLowSurrogate(value[index + 1]))
            {
                width = 2;
                return true;
            }

            return false;
        }

        return c is '\t' or '\n' or '\r' || (c >= ' ' && !char.IsLowSurrogate(c) && c != '\uFFFE' && c != '\uFFFF');
    }
}

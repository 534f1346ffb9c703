using System.Globalization;

namespace MCU.Hub.Deadlines.Calendar.Internal;

/// <summary>
/// The calendar CSV format: <c>#</c> comment lines, a <c>date,kind</c> header, then one <c>yyyy-MM-dd,kind</c> row per
/// listed date, <c>\n</c> line ends.
/// </summary>
internal static class CalendarCsv
{
    public const string Header = "date,kind";
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>Reads the rows of <paramref name="reader"/>.</summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="source">The name of the source for error messages.</param>
    /// <returns>The rows in file order.</returns>
    /// <exception cref="FormatException">A row is malformed, a date is listed twice, or the header is missing.</exception>
    public static List<KeyValuePair<DateOnly, EntryKind>> Read(TextReader reader, string source)
    {
        var rows = new List<KeyValuePair<DateOnly, EntryKind>>();
        var seen = new HashSet<DateOnly>();
        var headerSeen = false;
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var text = line.Trim();
            if (text.Length == 0 || text[0] == '#')
                continue;

            if (!headerSeen)
            {
                if (!string.Equals(text.Replace(" ", "", StringComparison.Ordinal), Header, StringComparison.OrdinalIgnoreCase))
                    throw new FormatException($"{source}:{lineNumber}: expected the header '{Header}', found '{text}'.");
                headerSeen = true;
                continue;
            }

            var comma = text.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0)
                throw new FormatException($"{source}:{lineNumber}: expected 'yyyy-MM-dd,kind', found '{text}'.");

            var dateText = text[..comma].Trim();
            var kindText = text[(comma + 1)..].Trim();
            if (!DateOnly.TryParseExact(dateText, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw new FormatException($"{source}:{lineNumber}: '{dateText}' is not a yyyy-MM-dd date.");
            if (!EntryKinds.TryParse(kindText, out var kind))
                throw new FormatException($"{source}:{lineNumber}: unknown kind '{kindText}' (expected holiday, workday or short).");
            if (!seen.Add(date))
                throw new FormatException($"{source}:{lineNumber}: {dateText} is listed twice.");

            rows.Add(new(date, kind));
        }

        if (!headerSeen)
            throw new FormatException($"{source}: the header '{Header}' is missing.");
        return rows;
    }

    /// <summary>Writes the header and <paramref name="rows"/>.</summary>
    public static void Write(TextWriter writer, IEnumerable<(DateOnly Date, string Kind)> rows)
    {
        // '\n' and not WriteLine: the output must be byte-identical to the shipped file on every platform.
        writer.Write(Header);
        writer.Write('\n');
        foreach (var (date, kind) in rows)
        {
            writer.Write(date.ToString(DateFormat, CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(kind);
            writer.Write('\n');
        }
    }
}

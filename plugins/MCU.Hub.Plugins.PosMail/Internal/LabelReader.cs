using System.Text;
using System.Text.RegularExpressions;

namespace MCU.Hub.Plugins.PosMail.Internal;

/// <summary>Reads «Label: value» fields from the lines of a notification.</summary>
/// <remarks>
/// Every expression is built from escaped label text, runs on one line at a time with
/// <see cref="RegexOptions.NonBacktracking"/> and a time limit, so a hostile mail cannot make it slow.
/// </remarks>
internal sealed class LabelReader
{
    /// <summary>The time limit of one match.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The options every expression of the connector is built with.</summary>
    public const RegexOptions Options =
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking | RegexOptions.ExplicitCapture;

    private readonly (string Field, Regex Pattern)[] _fields;
    private readonly string[] _endMarkers;

    /// <summary>Builds the reader.</summary>
    /// <param name="labels">Field key → alternatives separated by <c>|</c>.</param>
    /// <param name="endMarkers">Starts of lines that end a multi-line field, separated by <c>|</c>.</param>
    /// <exception cref="ArgumentException">A field has no label.</exception>
    public LabelReader(IReadOnlyDictionary<string, string> labels, string endMarkers)
    {
        _fields = [.. PosMailFields.All
            .Where(labels.ContainsKey)
            .Select(field => (field, new Regex(BuildPattern(labels[field]), Options, MatchTimeout)))];
        _endMarkers = SplitAlternatives(endMarkers);
    }

    /// <summary>Splits a setting of alternatives separated by <c>|</c>, dropping empty ones.</summary>
    /// <param name="value">The setting.</param>
    /// <returns>The alternatives, trimmed (a trailing space of a marker such as «-- » is kept).</returns>
    public static string[] SplitAlternatives(string? value) =>
        string.IsNullOrEmpty(value)
            ? []
            : [.. value.Split('|').Select(a => a.TrimStart()).Where(a => a.Trim().Length > 0)];

    /// <summary>Builds the expression of one field: any of its labels at the start of a line, then «:» or a cell border.</summary>
    /// <param name="alternatives">The labels, separated by <c>|</c>.</param>
    /// <returns>The pattern; group <c>value</c> is the rest of the line.</returns>
    /// <exception cref="ArgumentException">There is no label.</exception>
    public static string BuildPattern(string alternatives)
    {
        var labels = SplitAlternatives(alternatives).Select(a => a.Trim().TrimEnd(':').TrimEnd()).Where(a => a.Length > 0).ToArray();
        if (labels.Length == 0)
            throw new ArgumentException("A field needs at least one label.", nameof(alternatives));

        var pattern = new StringBuilder(@"^[^\p{L}\p{N}]{0,8}(");
        for (var i = 0; i < labels.Length; i++)
        {
            if (i > 0)
                pattern.Append('|');
            AppendLabel(pattern, labels[i]);
        }

        // The value follows a colon or, in a table rendered as text, a cell border; "*Телефон*:" is bold rendered as text.
        pattern.Append(@")[ *_]{0,8}(:|\t)[ \t:*_]{0,8}(?<value>.*)$");
        return pattern.ToString();
    }

    /// <summary>Reads the fields from the lines; the first occurrence of a field wins.</summary>
    /// <param name="lines">The lines of the body.</param>
    /// <returns>Field key → value; <see cref="PosMailFields.Text"/> joins its lines with a line feed.</returns>
    public Dictionary<string, string> Read(IReadOnlyList<string> lines)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            if (!TryMatch(lines[i], out var field, out var value) || found.ContainsKey(field))
                continue;

            if (field == PosMailFields.Text)
            {
                var text = new StringBuilder(value);
                while (i + 1 < lines.Count && !IsEndMarker(lines[i + 1]) && !TryMatch(lines[i + 1], out _, out _))
                {
                    if (text.Length > 0)
                        text.Append('\n');
                    text.Append(lines[++i].Replace(MailText.CellSeparator, ' '));
                }

                value = text.ToString();
            }
            else if (value.Length == 0 && i + 1 < lines.Count && !IsEndMarker(lines[i + 1]) && !TryMatch(lines[i + 1], out _, out _))
            {
                // The value may sit on the next line: a plain-text rendering of a two-column table.
                value = lines[++i];
            }

            value = value.Replace(MailText.CellSeparator, ' ').Trim();
            if (value.Length > 0)
                found[field] = value;
        }

        return found;
    }

    private bool TryMatch(string line, out string field, out string value)
    {
        foreach (var (name, pattern) in _fields)
        {
            var match = pattern.Match(line);
            if (match.Success)
            {
                field = name;
                value = match.Groups["value"].Value.Trim();
                return true;
            }
        }

        field = string.Empty;
        value = string.Empty;
        return false;
    }

    private bool IsEndMarker(string line)
    {
        foreach (var marker in _endMarkers)
        {
            if (line.StartsWith(marker, StringComparison.OrdinalIgnoreCase) || line.Equals(marker.Trim(), StringComparison.OrdinalIgnoreCase))
                return true;
        }

        return false;
    }

    private static void AppendLabel(StringBuilder pattern, string label)
    {
        var parts = label.Split(["…", "..."], StringSplitOptions.None);
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                // «…» stands for a few words between the parts («Место … проблемы»), or for none.
                pattern.Append(@"(\s+[^:\t]{0,60}?)?\s+");
            }

            var words = parts[i].Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            pattern.AppendJoin(@"\s+", words.Select(Regex.Escape));
        }
    }
}

namespace MCU.Hub.Plugins.Common.Import;

/// <summary>A column an importer knows: the option key that renames it, the headers it accepts and whether a file must have it.</summary>
/// <param name="Key">The key of the column in the options map (<c>CreatedAt</c>).</param>
/// <param name="Required">Whether a file without this column is refused as a whole.</param>
/// <param name="Headers">The header texts accepted for the column; the first one is named in messages.</param>
internal sealed record ImportColumn(string Key, bool Required, IReadOnlyList<string> Headers)
{
    /// <summary>Separates alternative headers in a configured value: <c>Дата создания|Дата регистрации</c>.</summary>
    public const char AlternativeSeparator = '|';

    /// <summary>Gets the header named in messages.</summary>
    public string Title => Headers[0];

    /// <summary>
    /// Gets the columns with the configured renames applied: a configured value replaces the default headers of its key.
    /// Keys are compared ignoring case; unknown keys are left to <see cref="Validate"/>.
    /// </summary>
    public static IReadOnlyList<ImportColumn> Configure(IReadOnlyList<ImportColumn> defaults, IReadOnlyDictionary<string, string>? configured)
    {
        if (configured is null || configured.Count == 0)
            return defaults;

        var renamed = new Dictionary<string, string>(configured, StringComparer.OrdinalIgnoreCase);
        return [.. defaults.Select(c => renamed.TryGetValue(c.Key, out var value) && Split(value) is { Count: > 0 } headers ? c with { Headers = headers } : c)];
    }

    /// <summary>Checks a configured map: known keys, non-empty values, no header claimed by two columns.</summary>
    /// <param name="defaults">The columns the importer knows.</param>
    /// <param name="configured">The configured map, or <see langword="null"/>.</param>
    /// <param name="keyPrefix">The configuration key of the map, for the messages (<c>McuHub:Channels:pos:Settings:Import:Columns</c>).</param>
    /// <param name="failures">Where the failures go.</param>
    public static void Validate(IReadOnlyList<ImportColumn> defaults, IReadOnlyDictionary<string, string>? configured, string keyPrefix, List<string> failures)
    {
        if (configured is null)
            return;

        var known = defaults.Select(c => c.Key).ToArray();
        foreach (var (key, value) in configured)
        {
            if (!known.Contains(key, StringComparer.OrdinalIgnoreCase))
                failures.Add($"{keyPrefix}:{key} is not a known column; known columns: {string.Join(", ", known)}.");
            else if (Split(value).Count == 0)
                failures.Add($"{keyPrefix}:{key} must name the column's header, not be empty.");
        }

        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var column in Configure(defaults, configured))
        {
            foreach (var header in column.Headers)
            {
                if (owners.TryGetValue(ImportText.NormalizeHeader(header), out var other))
                    failures.Add($"{keyPrefix}: the header '{header}' is given to both {other} and {column.Key}.");
                else
                    owners[ImportText.NormalizeHeader(header)] = column.Key;
            }
        }
    }

    private static List<string> Split(string? value) =>
        value is null ? [] : [.. value.Split(AlternativeSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}

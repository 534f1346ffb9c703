using MCU.Hub.Channels;

namespace MCU.Hub.Plugins.Common.Import;

/// <summary>Where each known column is in a file: found by its header, in any order, with unknown columns ignored.</summary>
internal sealed class ColumnMap
{
    private readonly Dictionary<string, (int Index, string Header)> _columns;

    private ColumnMap(int headerRow, Dictionary<string, (int Index, string Header)> columns)
    {
        HeaderRow = headerRow;
        _columns = columns;
    }

    /// <summary>Gets the row number of the header row.</summary>
    public int HeaderRow { get; }

    /// <summary>Counts the distinct known columns whose header a row carries; used to pick the header row and the CSV separator.</summary>
    public static int Score(IReadOnlyList<ImportColumn> columns, IEnumerable<object?> cells)
    {
        var headers = cells.OfType<string>().Select(ImportText.NormalizeHeader).ToHashSet(StringComparer.Ordinal);
        return columns.Count(c => c.Headers.Any(h => headers.Contains(ImportText.NormalizeHeader(h))));
    }

    /// <summary>Reads a row as the header row.</summary>
    /// <param name="columns">The known columns.</param>
    /// <param name="row">The row.</param>
    /// <param name="missing">The required columns the row lacks; the map is <see langword="null"/> when there are any.</param>
    /// <returns>The map, or <see langword="null"/> when a required column is missing.</returns>
    /// <exception cref="ImportFormatException">Two cells of the row name the same known column.</exception>
    public static ColumnMap? TryCreate(IReadOnlyList<ImportColumn> columns, TableRow row, out IReadOnlyList<ImportColumn> missing)
    {
        var byHeader = new Dictionary<string, ImportColumn>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            foreach (var header in column.Headers)
                byHeader.TryAdd(ImportText.NormalizeHeader(header), column);
        }

        var found = new Dictionary<string, (int Index, string Header)>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < row.Cells.Length; i++)
        {
            if (row.Cells[i] is not string text || !byHeader.TryGetValue(ImportText.NormalizeHeader(text), out var column))
                continue;

            if (found.TryGetValue(column.Key, out var first))
            {
                throw new ImportFormatException(
                    $"Столбец «{column.Title}» встречается в строке заголовков {row.Number} дважды: в столбцах {ImportText.ColumnLetter(first.Index)} и {ImportText.ColumnLetter(i)}. Оставьте один.");
            }

            found[column.Key] = (i, text.Trim());
        }

        missing = [.. columns.Where(c => c.Required && !found.ContainsKey(c.Key))];
        return missing.Count == 0 ? new ColumnMap(row.Number, found) : null;
    }

    /// <summary>Gets the header of a column as the file writes it, or its default title when the file lacks the column.</summary>
    public string Header(ImportColumn column) => _columns.TryGetValue(column.Key, out var found) ? found.Header : column.Title;

    /// <summary>Gets the cell of a column in a row, or <see langword="null"/> when the file or the row lacks it.</summary>
    public object? Cell(TableRow row, string key) =>
        _columns.TryGetValue(key, out var found) && found.Index < row.Cells.Length ? row.Cells[found.Index] : null;

    /// <summary>Gets a value indicating whether the file has the column.</summary>
    public bool Has(string key) => _columns.ContainsKey(key);
}

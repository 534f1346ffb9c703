using System.Globalization;

namespace MCU.Hub.Plugins.Common.Import;

/// <summary>
/// One data row seen through the header map: typed reads by column key that throw <see cref="ImportCellException"/>
/// naming the column, in Russian, when a cell cannot be read.
/// </summary>
internal sealed class ImportRow
{
    // Excel serial dates from 1990 to 2100: a plain number outside that range in a date column is a mistake, not a date.
    private const double FirstSerialDate = 32874;
    private const double LastSerialDate = 73051;

    private static readonly string[] LocalFormats =
    [
        "d.M.yyyy H:mm", "d.M.yyyy H:mm:ss", "d.M.yyyy", "d.M.yyyy, H:mm", "d.M.yyyy, H:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
    ];

    private static readonly string[] OffsetFormats =
    [
        "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd HH:mm:sszzz", "yyyy-MM-dd HH:mmzzz",
    ];

    private static readonly string[] UtcFormats = ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm'Z'"];

    private static readonly string[] TrueWords = ["да", "д", "true", "yes", "y", "1", "+", "x", "х", "v", "✓", "важный", "важно"];
    private static readonly string[] FalseWords = ["нет", "н", "false", "no", "n", "0", "-", "—"];

    private readonly Dictionary<string, ImportColumn> _columns;
    private readonly ColumnMap _map;
    private readonly TimeSpan _utcOffset;
    private TableRow _row;

    public ImportRow(IReadOnlyList<ImportColumn> columns, ColumnMap map, TimeSpan utcOffset)
    {
        _columns = columns.ToDictionary(c => c.Key, StringComparer.OrdinalIgnoreCase);
        _map = map;
        _utcOffset = utcOffset;
    }

    /// <summary>Gets the row number as a person sees it.</summary>
    public int RowNumber => _row.Number;

    /// <summary>Moves to a row.</summary>
    public void MoveTo(TableRow row) => _row = row;

    /// <summary>Gets a value indicating whether the file has the column at all.</summary>
    public bool Has(string key) => _map.Has(key);

    /// <summary>Gets the header of a column as the file writes it.</summary>
    public string Header(string key) => _map.Header(_columns[key]);

    /// <summary>Makes the error of a cell of this row.</summary>
    public ImportCellException Error(string key, string message) => new(Header(key), message);

    /// <summary>Reads a cell as text: trimmed, whole numbers without a fraction; <see langword="null"/> when empty.</summary>
    public string? Text(string key) => _map.Cell(_row, key) switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        double d => ImportText.Number(d),
        DateTime t => t.ToString(t.TimeOfDay == TimeSpan.Zero ? "dd.MM.yyyy" : "dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture),
        bool b => b ? "Да" : "Нет",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };

    /// <summary>Reads a cell that must not be empty.</summary>
    /// <exception cref="ImportCellException">The cell is empty.</exception>
    public string RequiredText(string key) => Text(key) ?? throw Error(key, "обязательное значение не заполнено.");

    /// <summary>
    /// Reads a date: an Excel date cell, an Excel serial number, or text «20.11.2026 10:15», «20.11.2026», ISO 8601
    /// («2026-11-20T10:15:00+03:00»). A date without an offset is taken in the configured offset.
    /// </summary>
    /// <exception cref="ImportCellException">The cell is not a date.</exception>
    public DateTimeOffset? Date(string key)
    {
        var date = ReadDate(key);
        if (date is { Year: < 1990 or > 2100 })
            throw OutOfRange(key);
        return date;
    }

    /// <summary>Reads a date that must not be empty.</summary>
    /// <exception cref="ImportCellException">The cell is empty or not a date.</exception>
    public DateTimeOffset RequiredDate(string key) => Date(key) ?? throw Error(key, "обязательная дата не заполнена.");

    private DateTimeOffset? ReadDate(string key)
    {
        var cell = _map.Cell(_row, key);
        switch (cell)
        {
            case null:
            case string s when string.IsNullOrWhiteSpace(s):
                return null;
            case DateTime dateTime:
                return Local(key, dateTime);
            case DateTimeOffset dateTimeOffset:
                return dateTimeOffset;
            case double serial when serial is >= FirstSerialDate and < LastSerialDate:
                return Local(key, DateTime.FromOADate(serial));
            case string text:
                var trimmed = text.Trim();
                if (DateTime.TryParseExact(trimmed, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowInnerWhite, out var local))
                    return Local(key, local);
                if (DateTimeOffset.TryParseExact(trimmed, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
                    return withOffset;
                if (DateTimeOffset.TryParseExact(trimmed, UtcFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var utc))
                    return utc;
                break;
        }

        throw Error(key, $"не удалось прочитать дату {ImportText.Quote(Text(key) ?? string.Empty)}: ожидается дата Excel, «ДД.ММ.ГГГГ ЧЧ:ММ», «ДД.ММ.ГГГГ» или ISO 8601.");
    }

    /// <summary>Reads a number: a numeric cell or text with a decimal point or comma («57,399306»).</summary>
    /// <exception cref="ImportCellException">The cell is not a number.</exception>
    public double? Number(string key)
    {
        var cell = _map.Cell(_row, key);
        switch (cell)
        {
            case null:
            case string s when string.IsNullOrWhiteSpace(s):
                return null;
            case double d when double.IsFinite(d):
                return d;
            case string text:
                var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c))).Replace(',', '.');
                if (double.TryParse(compact, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed))
                    return parsed;
                break;
        }

        throw Error(key, $"не удалось прочитать число {ImportText.Quote(Text(key) ?? string.Empty)}.");
    }

    /// <summary>Reads a yes/no cell: «Да»/«Нет», true/false, 1/0, «+»/«-», a check mark; <see langword="null"/> when empty.</summary>
    /// <exception cref="ImportCellException">The cell is something else.</exception>
    public bool? Flag(string key)
    {
        var cell = _map.Cell(_row, key);
        switch (cell)
        {
            case null:
            case string s when string.IsNullOrWhiteSpace(s):
                return null;
            case bool b:
                return b;
            case double d when d is 0 or 1:
                return d == 1;
            case string text:
                var word = text.Trim();
                if (TrueWords.Contains(word, StringComparer.OrdinalIgnoreCase))
                    return true;
                if (FalseWords.Contains(word, StringComparer.OrdinalIgnoreCase))
                    return false;
                break;
        }

        throw Error(key, $"ожидается «Да» или «Нет», а не {ImportText.Quote(Text(key) ?? string.Empty)}.");
    }

    private DateTimeOffset Local(string key, DateTime value) =>
        value.Year is < 1990 or > 2100
            ? throw OutOfRange(key)
            : new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Unspecified), _utcOffset);

    private ImportCellException OutOfRange(string key) =>
        Error(key, $"дата {ImportText.Quote(Text(key) ?? string.Empty)} вне допустимого диапазона 1990–2100 годов.");
}

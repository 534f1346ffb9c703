using System.Globalization;

namespace MCU.Hub.Reports.Internal;

/// <summary>A1-style cell references.</summary>
internal static class CellRefs
{
    /// <summary>The column letters of a zero-based column index: 0 → A, 25 → Z, 26 → AA.</summary>
    public static string Column(int index)
    {
        var letters = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        return letters;
    }

    /// <summary>The reference of a cell by zero-based column and one-based row, e.g. (1, 3) → B3.</summary>
    public static string Cell(int column, int row) => Column(column) + row.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// An absolute reference to a range of one column on a sheet, e.g. <c>'Обращения'!$B$4:$B$10</c>; the sheet
    /// name is always quoted, with its apostrophes doubled.
    /// </summary>
    public static string AbsoluteRange(string sheet, int column, int firstRow, int lastRow)
    {
        var letters = Column(column);
        var range = firstRow == lastRow
            ? string.Create(CultureInfo.InvariantCulture, $"${letters}${firstRow}")
            : string.Create(CultureInfo.InvariantCulture, $"${letters}${firstRow}:${letters}${lastRow}");
        return "'" + sheet.Replace("'", "''", StringComparison.Ordinal) + "'!" + range;
    }
}

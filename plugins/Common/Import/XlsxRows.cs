using MiniExcelLibs;

namespace MCU.Hub.Plugins.Common.Import;

/// <summary>Reads the first sheet of an .xlsx workbook row by row, streaming its XML rather than loading the workbook.</summary>
internal static class XlsxRows
{
    /// <summary>Enumerates the rows; empty rows between filled ones are returned too, so row numbers match the sheet.</summary>
    /// <param name="content">The workbook, seekable, at its start.</param>
    /// <remarks>Errors of a corrupt workbook surface while enumerating; the caller turns them into a format error.</remarks>
    public static IEnumerable<TableRow> Read(Stream content)
    {
        var number = 0;
        foreach (var row in content.Query(useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>())
        {
            number++;
            var cells = new object?[Width(row)];
            foreach (var (letters, value) in row)
            {
                var index = ImportText.ColumnIndex(letters);
                if (index >= 0)
                    cells[index] = value;
            }

            yield return new TableRow(number, cells);
        }
    }

    private static int Width(IDictionary<string, object?> row)
    {
        var width = 0;
        foreach (var letters in row.Keys)
            width = Math.Max(width, ImportText.ColumnIndex(letters) + 1);
        return width;
    }
}

using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MiniExcelLibs;

namespace MCU.Hub.Tests.Common;

/// <summary>
/// Builds real export files for the importer tests: .xlsx workbooks and CSV text in a given encoding. Compiled into each
/// importer's test project from here.
/// </summary>
internal static class ExportFiles
{
    /// <summary>The Windows-1251 encoding, as Excel saves CSV on Russian Windows.</summary>
    public static Encoding Windows1251 { get; } = CodePagesEncodingProvider.Instance.GetEncoding(1251)!;

    /// <summary>Writes rows (the header row included) as the first sheet of a workbook with MiniExcel; DateTime values become date cells.</summary>
    public static MemoryStream Xlsx(IEnumerable<object?[]> rows)
    {
        var sheet = rows.Select(row =>
        {
            var cells = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < row.Length; i++)
                cells[Letter(i)] = row[i];
            return cells;
        });
        var stream = new MemoryStream();
        stream.SaveAs(sheet, printHeader: false, excelType: ExcelType.XLSX);
        stream.Position = 0;
        return stream;
    }

    /// <summary>
    /// Writes rows with the Open XML SDK, as Excel itself does: shared strings, numbers, and DateTime values as serial
    /// numbers with the custom format «dd.mm.yyyy hh:mm»; <paramref name="firstRow"/> leaves the rows above it out of the file.
    /// </summary>
    public static MemoryStream XlsxWithOpenXml(IReadOnlyList<object?[]> rows, int firstRow = 1)
    {
        var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "dd.mm.yyyy hh:mm" }) { Count = 1 },
                new Fonts(new Font()) { Count = 1 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
                new Borders(new Border()) { Count = 1 },
                new CellStyleFormats(new CellFormat()) { Count = 1 },
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true }) { Count = 2 });

            var strings = new List<string>();
            var data = new SheetData();
            for (var r = 0; r < rows.Count; r++)
            {
                var number = (uint)(firstRow + r);
                var row = new Row { RowIndex = number };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = Letter(c) + number.ToString(CultureInfo.InvariantCulture);
                    switch (rows[r][c])
                    {
                        case null:
                            continue;
                        case DateTime date:
                            row.Append(new Cell { CellReference = reference, StyleIndex = 1, CellValue = new CellValue(date.ToOADate().ToString(CultureInfo.InvariantCulture)) });
                            break;
                        case double value:
                            row.Append(new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(value.ToString(CultureInfo.InvariantCulture)) });
                            break;
                        case var value:
                            strings.Add(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                            row.Append(new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue((strings.Count - 1).ToString(CultureInfo.InvariantCulture)) });
                            break;
                    }
                }

                data.Append(row);
            }

            var shared = workbook.AddNewPart<SharedStringTablePart>();
            shared.SharedStringTable = new SharedStringTable(strings.Select(s => new SharedStringItem(new Text(s) { Space = SpaceProcessingModeValues.Preserve })));
            var worksheet = workbook.AddNewPart<WorksheetPart>();
            worksheet.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = 1, Name = "Выгрузка" }));
        }

        stream.Position = 0;
        return stream;
    }

    /// <summary>Writes rows as CSV text: fields quoted where needed, lines ended by CR LF, in the given encoding, with or without a BOM.</summary>
    public static MemoryStream Csv(IEnumerable<object?[]> rows, Encoding encoding, char separator = ';', bool byteOrderMark = false)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
            text.Append(string.Join(separator, row.Select(v => Field(v, separator)))).Append("\r\n");

        var stream = new MemoryStream();
        if (byteOrderMark)
            stream.Write(encoding.GetPreamble());
        stream.Write(encoding.GetBytes(text.ToString()));
        stream.Position = 0;
        return stream;
    }

    private static string Field(object? value, char separator)
    {
        var text = value switch
        {
            null => string.Empty,
            DateTime date => date.ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture),
            double number => number.ToString(CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        };
        return text.IndexOfAny([separator, '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static string Letter(int index)
    {
        var letters = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        return letters;
    }
}

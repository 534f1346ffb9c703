using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MCU.Hub.Reports.Internal;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace MCU.Hub.Reports;

/// <summary>
/// Writes a <see cref="ReportDocument"/> as an Excel workbook (.xlsx, Office Open XML): a «Параметры» sheet with the
/// title, period, generation time and parameters, then one sheet per section with a bold frozen header, numbers and
/// dates as real numeric cells with number formats, and a native Excel chart where the section has one.
/// </summary>
public sealed class XlsxReportWriter
{
    /// <summary>The name of the first sheet, which holds the title and the parameters.</summary>
    public const string ParametersSheetName = "Параметры";

    /// <summary>The MIME type of the files this writer produces.</summary>
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const int MaxCellText = 32767;
    private const double MinWidth = 8;
    private const double MaxWidth = 60;
    private const uint CategoryAxisId = 48650112;
    private const uint ValueAxisId = 48672768;
    private static readonly DateTime FirstExcelDate = new(1900, 3, 1);

    /// <summary>Writes <paramref name="report"/> to <paramref name="output"/> as an .xlsx file.</summary>
    /// <param name="report">The report.</param>
    /// <param name="output">A writable stream; it is written from its current position and left open.</param>
    /// <exception cref="ArgumentException">A section's chart names a column the section does not have.</exception>
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "An instance API, so that callers can inject the writer.")]
    public void Write(ReportDocument report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ReportChecks.Validate(report);

        // The package is built in memory: System.IO.Packaging needs a seekable stream, and the caller's may not be.
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
            Build(document, report);
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    /// <summary>Renders <paramref name="report"/> as the bytes of an .xlsx file.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The file's content.</returns>
    /// <exception cref="ArgumentException">A section's chart names a column the section does not have.</exception>
    public byte[] Write(ReportDocument report)
    {
        using var output = new MemoryStream();
        Write(report, output);
        return output.ToArray();
    }

    private static void Build(SpreadsheetDocument document, ReportDocument report)
    {
        document.PackageProperties.Title = ReportText.XmlSafe(report.Title);
        document.PackageProperties.Creator = "MCU.Hub";
        document.PackageProperties.Created = report.GeneratedAt.UtcDateTime;
        document.PackageProperties.Modified = report.GeneratedAt.UtcDateTime;

        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles.Build();
        var sheets = workbookPart.Workbook.AppendChild(new Sheets());

        var names = new SheetNamer();
        AddSheet(workbookPart, sheets, names.Claim(ParametersSheetName), (part, _) => part.Worksheet = ParametersSheet(report));
        foreach (var section in report.Sections)
            AddSheet(workbookPart, sheets, names.Claim(section.Name), (part, name) => SectionSheet(part, name, section));
    }

    private static void AddSheet(WorkbookPart workbookPart, Sheets sheets, string name, Action<WorksheetPart, string> fill)
    {
        var part = workbookPart.AddNewPart<WorksheetPart>();
        fill(part, name);
        sheets.Append(new Sheet
        {
            Id = workbookPart.GetIdOfPart(part),
            SheetId = (uint)sheets.ChildElements.Count + 1,
            Name = name,
        });
    }

    private static Worksheet ParametersSheet(ReportDocument report)
    {
        var data = new SheetData();
        data.Append(new Row(TextCell(0, 1, report.Title, Styles.Title)) { RowIndex = 1 });
        if (!string.IsNullOrWhiteSpace(report.Subtitle))
            data.Append(new Row(TextCell(0, 2, report.Subtitle, Styles.Plain)) { RowIndex = 2 });

        var generated = report.GeneratedAt;
        data.Append(new Row(
            TextCell(0, 4, "Сформирован", Styles.Label),
            ExcelNumber(ReportValue.FromDateTime(generated)) is { } serial
                ? NumberCell(1, 4, serial, Styles.GeneratedAt)
                : TextCell(1, 4, ReportText.Format(generated, ReportColumnKind.DateTime), Styles.Plain),
            TextCell(2, 4, "UTC" + generated.ToString("zzz", CultureInfo.InvariantCulture), Styles.Plain)) { RowIndex = 4 });

        var nameWidth = "Сформирован".Length;
        var valueWidth = 17;
        if (report.Parameters.Count > 0)
        {
            data.Append(new Row(TextCell(0, 6, "Параметр", Styles.Header), TextCell(1, 6, "Значение", Styles.Header)) { RowIndex = 6 });
            var rowIndex = 7;
            foreach (var parameter in report.Parameters)
            {
                data.Append(new Row(TextCell(0, rowIndex, parameter.Name, Styles.Text), TextCell(1, rowIndex, parameter.Value, Styles.Text))
                {
                    RowIndex = (uint)rowIndex,
                });
                nameWidth = Math.Max(nameWidth, parameter.Name?.Length ?? 0);
                valueWidth = Math.Max(valueWidth, parameter.Value?.Length ?? 0);
                rowIndex++;
            }
        }

        return new Worksheet(
            new SheetViews(new SheetView { WorkbookViewId = 0, TabSelected = true }),
            new Columns(Width(0, nameWidth), Width(1, valueWidth), Width(2, 10)),
            data);
    }

    private static void SectionSheet(WorksheetPart part, string sheetName, ReportSection section)
    {
        var data = new SheetData();
        data.Append(new Row(TextCell(0, 1, section.Heading, Styles.Title)) { RowIndex = 1 });
        var headerRow = 3;
        if (!string.IsNullOrWhiteSpace(section.Note))
        {
            data.Append(new Row(TextCell(0, 2, section.Note, Styles.Note)) { RowIndex = 2 });
            headerRow = 4;
        }

        var columns = section.Columns;
        var widths = new double[columns.Count];
        var header = new Row { RowIndex = (uint)headerRow };
        for (var c = 0; c < columns.Count; c++)
        {
            header.Append(TextCell(c, headerRow, columns[c].Header, Styles.Header));
            widths[c] = Math.Min(columns[c].Header?.Length ?? 0, 30);
        }

        data.Append(header);
        var rowIndex = headerRow;
        foreach (var values in section.Rows)
        {
            rowIndex++;
            var row = new Row { RowIndex = (uint)rowIndex };
            for (var c = 0; c < columns.Count; c++)
            {
                var value = ReportChecks.Cell(values, c);
                if (ValueCell(c, rowIndex, value, columns[c].Kind) is { } cell)
                    row.Append(cell);
                widths[c] = Math.Max(widths[c], ReportText.Format(value, columns[c].Kind).Length);
            }

            data.Append(row);
        }

        var worksheet = new Worksheet(
            new SheetViews(new SheetView(
                new Pane
                {
                    VerticalSplit = headerRow,
                    TopLeftCell = CellRefs.Cell(0, headerRow + 1),
                    ActivePane = PaneValues.BottomLeft,
                    State = PaneStateValues.Frozen,
                },
                new Selection
                {
                    Pane = PaneValues.BottomLeft,
                    ActiveCell = CellRefs.Cell(0, headerRow + 1),
                    SequenceOfReferences = new ListValue<StringValue> { InnerText = CellRefs.Cell(0, headerRow + 1) },
                })
            { WorkbookViewId = 0 }));
        if (columns.Count > 0)
            worksheet.Append(new Columns(widths.Select((w, c) => Width(c, w))));
        worksheet.Append(data);
        part.Worksheet = worksheet;

        if (section.Chart is { } chart && section.Rows.Count > 0)
            AddChart(part, sheetName, section, chart, headerRow, rowIndex);
    }

    private static Column Width(int column, double characters) => new()
    {
        Min = (uint)column + 1,
        Max = (uint)column + 1,
        Width = Math.Clamp(characters + 2, MinWidth, MaxWidth),
        CustomWidth = true,
    };

    private static Cell? ValueCell(int column, int row, ReportValue value, ReportColumnKind kind)
    {
        if (value.IsEmpty)
            return null;
        if (ExcelNumber(value) is not { } number)
            return TextCell(column, row, ReportText.Format(value, kind), Styles.Text);

        return NumberCell(column, row, number, value.Kind switch
        {
            ReportValueKind.Date => Styles.Date,
            ReportValueKind.DateTime => kind == ReportColumnKind.Date ? Styles.Date : Styles.DateTime,
            _ => kind switch
            {
                ReportColumnKind.Integer => Styles.Integer,
                ReportColumnKind.Number => Styles.Number,
                ReportColumnKind.Percent or ReportColumnKind.Hours => Styles.OneDecimal,
                _ => Styles.General,
            },
        });
    }

    /// <summary>
    /// The value as an Excel number: the number itself, or the serial of a date (its clock time in its own offset);
    /// <see langword="null"/> for text and for dates before 1 March 1900, which Excel cannot show as dates.
    /// </summary>
    private static double? ExcelNumber(ReportValue value)
    {
        DateTime date;
        switch (value.Kind)
        {
            case ReportValueKind.Number:
                return value.NumberValue;
            case ReportValueKind.Date:
                date = value.DateValue!.Value.ToDateTime(TimeOnly.MinValue);
                break;
            case ReportValueKind.DateTime:
                date = value.DateTimeValue!.Value.DateTime;
                break;
            default:
                return null;
        }

        return date >= FirstExcelDate ? date.ToOADate() : null;
    }

    private static Cell TextCell(int column, int row, string? text, uint style)
    {
        var safe = ReportText.XmlSafe(text ?? string.Empty);
        if (safe.Length > MaxCellText)
            safe = safe[..MaxCellText];
        return new Cell(new InlineString(new Text(safe) { Space = SpaceProcessingModeValues.Preserve }))
        {
            CellReference = CellRefs.Cell(column, row),
            DataType = CellValues.InlineString,
            StyleIndex = style,
        };
    }

    private static Cell NumberCell(int column, int row, double number, uint style) => new(
        new CellValue(number.ToString("R", CultureInfo.InvariantCulture)))
    {
        CellReference = CellRefs.Cell(column, row),
        StyleIndex = style,
    };

    private static void AddChart(WorksheetPart sheetPart, string sheetName, ReportSection section, ReportChart chart, int headerRow, int lastRow)
    {
        var drawingsPart = sheetPart.AddNewPart<DrawingsPart>();
        var chartPart = drawingsPart.AddNewPart<ChartPart>();
        chartPart.ChartSpace = ChartSpace(sheetName, section, chart, headerRow, lastRow);

        // Right of the table, from its header row down: about 9 columns by 20 rows.
        var fromColumn = section.Columns.Count + 1;
        var fromRow = headerRow - 1;
        drawingsPart.WorksheetDrawing = new Xdr.WorksheetDrawing(
            new Xdr.TwoCellAnchor(
                Marker(new Xdr.FromMarker(), fromColumn, fromRow),
                Marker(new Xdr.ToMarker(), fromColumn + 9, fromRow + 20),
                new Xdr.GraphicFrame(
                    new Xdr.NonVisualGraphicFrameProperties(
                        new Xdr.NonVisualDrawingProperties { Id = 2U, Name = "Диаграмма 1" },
                        new Xdr.NonVisualGraphicFrameDrawingProperties()),
                    new Xdr.Transform(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = 0, Cy = 0 }),
                    new A.Graphic(new A.GraphicData(new C.ChartReference { Id = drawingsPart.GetIdOfPart(chartPart) })
                    {
                        Uri = "http://schemas.openxmlformats.org/drawingml/2006/chart",
                    }))
                { Macro = string.Empty },
                new Xdr.ClientData())
            { EditAs = Xdr.EditAsValues.OneCell });

        sheetPart.Worksheet!.Append(new Drawing { Id = sheetPart.GetIdOfPart(drawingsPart) });
    }

    private static T Marker<T>(T marker, int column, int row)
        where T : OpenXmlCompositeElement
    {
        marker.Append(
            new Xdr.ColumnId(column.ToString(CultureInfo.InvariantCulture)),
            new Xdr.ColumnOffset("0"),
            new Xdr.RowId(row.ToString(CultureInfo.InvariantCulture)),
            new Xdr.RowOffset("0"));
        return marker;
    }

    private static C.ChartSpace ChartSpace(string sheetName, ReportSection section, ReportChart chart, int headerRow, int lastRow)
    {
        var firstRow = headerRow + 1;
        var categoryKind = section.Columns[chart.CategoryColumn].Kind;
        var categories = section.Rows.Select(r => ReportText.XmlSafe(ReportText.Format(ReportChecks.Cell(r, chart.CategoryColumn), categoryKind))).ToList();

        // Text categories are referenced as strings; numbers and dates as numbers, so that Excel labels them with the cells' format.
        C.CategoryAxisData CategoryData()
        {
            var formula = new C.Formula(CellRefs.AbsoluteRange(sheetName, chart.CategoryColumn, firstRow, lastRow));
            if (categoryKind == ReportColumnKind.Text)
            {
                var strings = new C.StringCache(new C.PointCount { Val = (uint)categories.Count });
                strings.Append(categories.Select((text, i) => new C.StringPoint(new C.NumericValue(text)) { Index = (uint)i }));
                return new C.CategoryAxisData(new C.StringReference(formula, strings));
            }

            var numbers = new C.NumberingCache(new C.FormatCode(Styles.FormatCode(categoryKind)), new C.PointCount { Val = (uint)section.Rows.Count });
            for (var r = 0; r < section.Rows.Count; r++)
            {
                if (ExcelNumber(ReportChecks.Cell(section.Rows[r], chart.CategoryColumn)) is { } number)
                    numbers.Append(new C.NumericPoint(new C.NumericValue(number.ToString("R", CultureInfo.InvariantCulture))) { Index = (uint)r });
            }

            return new C.CategoryAxisData(new C.NumberReference(formula, numbers));
        }

        OpenXmlElement[] Series(int index, int column)
        {
            var points = new List<OpenXmlElement> { new C.FormatCode("General"), new C.PointCount { Val = (uint)section.Rows.Count } };
            for (var r = 0; r < section.Rows.Count; r++)
            {
                if (ReportChecks.Cell(section.Rows[r], column).NumberValue is { } number)
                {
                    points.Add(new C.NumericPoint(new C.NumericValue(number.ToString("R", CultureInfo.InvariantCulture))) { Index = (uint)r });
                }
            }


            return
            [
                new C.Index { Val = (uint)index },
                new C.Order { Val = (uint)index },
                new C.SeriesText(new C.StringReference(
                    new C.Formula(CellRefs.AbsoluteRange(sheetName, column, headerRow, headerRow)),
                    new C.StringCache(
                        new C.PointCount { Val = 1 },
                        new C.StringPoint(new C.NumericValue(ReportText.XmlSafe(section.Columns[column].Header ?? string.Empty))) { Index = 0 }))),
                CategoryData(),
                new C.Values(new C.NumberReference(
                    new C.Formula(CellRefs.AbsoluteRange(sheetName, column, firstRow, lastRow)),
                    new C.NumberingCache(points))),
            ];
        }

        OpenXmlCompositeElement plot;
        if (chart.Kind == ReportChartKind.Line)
        {
            var line = new C.LineChart(new C.Grouping { Val = C.GroupingValues.Standard }, new C.VaryColors { Val = false });
            for (var i = 0; i < chart.ValueColumns.Count; i++)
            {
                var parts = Series(i, chart.ValueColumns[i]);

                // CT_LineSer order: idx, order, tx, marker, cat, val, smooth.
                line.Append(new C.LineChartSeries(
                    parts[0], parts[1], parts[2],
                    new C.Marker(new C.Symbol { Val = C.MarkerStyleValues.Circle }, new C.Size { Val = 5 }),
                    parts[3], parts[4],
                    new C.Smooth { Val = false }));
            }

            line.Append(new C.ShowMarker { Val = true }, new C.AxisId { Val = CategoryAxisId }, new C.AxisId { Val = ValueAxisId });
            plot = line;
        }
        else
        {
            var bar = new C.BarChart(
                new C.BarDirection { Val = chart.Kind == ReportChartKind.Bar ? C.BarDirectionValues.Bar : C.BarDirectionValues.Column },
                new C.BarGrouping { Val = C.BarGroupingValues.Clustered },
                new C.VaryColors { Val = false });
            for (var i = 0; i < chart.ValueColumns.Count; i++)
            {
                var parts = Series(i, chart.ValueColumns[i]);

                // CT_BarSer order: idx, order, tx, invertIfNegative, cat, val.
                bar.Append(new C.BarChartSeries(parts[0], parts[1], parts[2], new C.InvertIfNegative { Val = false }, parts[3], parts[4]));
            }

            bar.Append(new C.GapWidth { Val = 150 }, new C.AxisId { Val = CategoryAxisId }, new C.AxisId { Val = ValueAxisId });
            plot = bar;
        }

        var horizontal = chart.Kind == ReportChartKind.Bar;
        var categoryAxis = new C.CategoryAxis(
            new C.AxisId { Val = CategoryAxisId },
            new C.Scaling(new C.Orientation { Val = horizontal ? C.OrientationValues.MaxMin : C.OrientationValues.MinMax }),
            new C.Delete { Val = false },
            new C.AxisPosition { Val = horizontal ? C.AxisPositionValues.Left : C.AxisPositionValues.Bottom },
            new C.NumberingFormat { FormatCode = "General", SourceLinked = true },
            new C.MajorTickMark { Val = C.TickMarkValues.Outside },
            new C.MinorTickMark { Val = C.TickMarkValues.None },
            new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
            new C.CrossingAxis { Val = ValueAxisId },
            new C.Crosses { Val = C.CrossesValues.AutoZero },
            new C.AutoLabeled { Val = true },
            new C.LabelAlignment { Val = C.LabelAlignmentValues.Center },
            new C.LabelOffset { Val = 100 },
            new C.NoMultiLevelLabels { Val = false });
        var valueAxis = new C.ValueAxis(
            new C.AxisId { Val = ValueAxisId },
            new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }),
            new C.Delete { Val = false },
            new C.AxisPosition { Val = horizontal ? C.AxisPositionValues.Bottom : C.AxisPositionValues.Left },
            new C.MajorGridlines(),
            new C.NumberingFormat { FormatCode = "General", SourceLinked = true },
            new C.MajorTickMark { Val = C.TickMarkValues.Outside },
            new C.MinorTickMark { Val = C.TickMarkValues.None },
            new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
            new C.CrossingAxis { Val = CategoryAxisId },
            new C.Crosses { Val = horizontal ? C.CrossesValues.Maximum : C.CrossesValues.AutoZero },
            new C.CrossBetween { Val = C.CrossBetweenValues.Between });

        var space = new C.ChartSpace(
            new C.Date1904 { Val = false },
            new C.EditingLanguage { Val = "ru-RU" },
            new C.RoundedCorners { Val = false },
            new C.Chart(
                new C.Title(
                    new C.ChartText(new C.RichText(
                        new A.BodyProperties(),
                        new A.ListStyle(),
                        new A.Paragraph(new A.Run(
                            new A.RunProperties { Language = "ru-RU", FontSize = 1400, Bold = true },
                            new A.Text(ReportText.XmlSafe(chart.Title)))))),
                    new C.Overlay { Val = false }),
                new C.AutoTitleDeleted { Val = false },
                new C.PlotArea(new C.Layout(), plot, categoryAxis, valueAxis),
                new C.Legend(new C.LegendPosition { Val = C.LegendPositionValues.Bottom }, new C.Overlay { Val = false }),
                new C.PlotVisibleOnly { Val = true },
                new C.DisplayBlanksAs { Val = C.DisplayBlanksAsValues.Gap }));
        space.AddNamespaceDeclaration("c", "http://schemas.openxmlformats.org/drawingml/2006/chart");
        space.AddNamespaceDeclaration("a", "http://schemas.openxmlformats.org/drawingml/2006/main");
        space.AddNamespaceDeclaration("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
        return space;
    }
}

using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using MCU.Hub.Reports;
using C = DocumentFormat.OpenXml.Drawing.Charts;

namespace MCU.Hub.Core.Tests.Reports;

public sealed class XlsxReportWriterTests
{
    private static readonly string[] ExpectedSheets =
    [
        "Параметры",
        "Обращения по каналам",
        "Просрочки_ топ_10 _март___",
        "Распределение обращений по терр",
        "Распределение обращений по (2)",
        "параметры (2)",
    ];

    private static SpreadsheetDocument Open(ReportDocument? report = null) =>
        SpreadsheetDocument.Open(new MemoryStream(new XlsxReportWriter().Write(report ?? ReportSamples.Weekly())), false);

    private static WorksheetPart Sheet(SpreadsheetDocument document, string name)
    {
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return (WorksheetPart)workbook.GetPartById(sheet.Id!);
    }

    private static Cell Cell(WorksheetPart part, string reference) =>
        part.Worksheet.Descendants<Cell>().Single(c => c.CellReference == reference);

    private static string Text(Cell cell)
    {
        Assert.Equal(CellValues.InlineString, cell.DataType?.Value);
        return cell.InlineString!.Text!.Text;
    }

    private static double Number(Cell cell)
    {
        // A numeric cell has no type or the explicit "n"; a string or shared string would not be a number to Excel.
        Assert.True(cell.DataType is null || cell.DataType.Value == CellValues.Number, $"{cell.CellReference} is typed {cell.DataType?.Value}");
        return double.Parse(cell.CellValue!.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static string FormatCode(SpreadsheetDocument document, Cell cell)
    {
        var stylesheet = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var format = stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)cell.StyleIndex!.Value);
        var id = format.NumberFormatId!.Value;
        return id switch
        {
            1 => "0",
            2 => "0.00",
            _ => stylesheet.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId! == id).FormatCode!.Value!,
        };
    }

    [Fact]
    public void Write_SheetNames_AreTheParametersSheetThenSanitisedUniqueSectionNames()
    {
        using var document = Open();

        var names = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToArray();

        Assert.Equal(ExpectedSheets, names);
        Assert.All(names, n => Assert.True(n.Length <= 31 && n.IndexOfAny(['[', ']', ':', '*', '?', '/', '\\']) < 0, n));
        Assert.Equal(names.Length, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Write_ParametersSheet_HoldsTitlePeriodGenerationTimeAndParameters()
    {
        using var document = Open();
        var sheet = Sheet(document, "Параметры");

        Assert.Equal("Еженедельный аналитический отчёт", Text(Cell(sheet, "A1")));
        Assert.Equal("за период с 01.03.2024 по 07.03.2024", Text(Cell(sheet, "A2")));
        Assert.Equal("Сформирован", Text(Cell(sheet, "A4")));
        var generated = Cell(sheet, "B4");
        Assert.Equal(new DateTime(2024, 3, 8, 9, 30, 0).ToOADate(), Number(generated), 1e-9);
        Assert.Equal("dd.mm.yyyy hh:mm", FormatCode(document, generated));
        Assert.Equal("UTC+03:00", Text(Cell(sheet, "C4")));
        Assert.Equal("Параметр", Text(Cell(sheet, "A6")));
        Assert.Equal("Территория", Text(Cell(sheet, "A7")));
        Assert.Equal("Центральный район", Text(Cell(sheet, "B7")));
        Assert.Equal("ПОС, ЕДДС", Text(Cell(sheet, "B8")));
    }

    [Fact]
    public void Write_SectionSheet_HasHeadingNoteAndRussianBoldFrozenHeader()
    {
        using var document = Open();
        var sheet = Sheet(document, ReportSamples.ChannelsName);

        Assert.Equal("Обращения по каналам поступления", Text(Cell(sheet, "A1")));
        Assert.Equal("Учтены обращения, зарегистрированные за период.", Text(Cell(sheet, "A2")));
        string[] headers = ["Канал", "Обращений", "Доля в срок, %", "Среднее время ответа, ч", "Первое обращение", "Последнее изменение"];
        Assert.Equal(headers, Enumerable.Range(0, 6).Select(c => Text(Cell(sheet, (char)('A' + c) + "4"))));

        var stylesheet = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var headerFormat = stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)Cell(sheet, "B4").StyleIndex!.Value);
        var font = stylesheet.Fonts!.Elements<Font>().ElementAt((int)headerFormat.FontId!.Value);
        Assert.NotNull(font.Bold);

        var pane = sheet.Worksheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(4, pane.VerticalSplit!.Value);
        Assert.Equal("A5", pane.TopLeftCell!.Value);

        var widths = sheet.Worksheet.Descendants<Column>().ToList();
        Assert.Equal(6, widths.Count);
        Assert.All(widths, c => Assert.InRange(c.Width!.Value, 8, 60));
        Assert.True(widths[3].Width!.Value > widths[1].Width!.Value, "the long header gets the wider column");
    }

    [Fact]
    public void Write_NumbersAndDates_AreNumericCellsWithNumberFormats()
    {
        using var document = Open();
        var sheet = Sheet(document, ReportSamples.ChannelsName);

        var count = Cell(sheet, "B5");
        Assert.Equal(1234, Number(count));
        Assert.Equal("0", FormatCode(document, count));

        var percent = Cell(sheet, "C5");
        Assert.Equal(87.5, Number(percent));
        Assert.Equal("0.0", FormatCode(document, percent));

        var hours = Cell(sheet, "D6");
        Assert.Equal(1234.5, Number(hours));
        Assert.Equal("0.0", FormatCode(document, hours));

        // 1 March 2024 is Excel serial 45352.
        var date = Cell(sheet, "E5");
        Assert.Equal(45352, Number(date));
        Assert.Equal("dd.mm.yyyy", FormatCode(document, date));

        // The clock time in the value's own offset: 7 March 2024 18:45.
        var dateTime = Cell(sheet, "F5");
        Assert.Equal(45358 + (18.75 / 24), Number(dateTime), 1e-9);
        Assert.Equal("dd.mm.yyyy hh:mm", FormatCode(document, dateTime));

        Assert.Equal(0, Number(Cell(sheet, "C7")));
        Assert.Equal("<script>alert(1)</script>", Text(Cell(sheet, "A7")));
        Assert.DoesNotContain(sheet.Worksheet.Descendants<Cell>(), c => c.CellReference == "D7");

        var money = Cell(Sheet(document, "Просрочки_ топ_10 _март___"), "C4");
        Assert.Equal(1500.25, Number(money));
        Assert.Equal("0.00", FormatCode(document, money));
    }

    [Fact]
    public void Write_ColumnChartSection_HasANativeChartOverTheSheetRanges()
    {
        using var document = Open();
        var sheet = Sheet(document, ReportSamples.ChannelsName);

        Assert.NotNull(sheet.Worksheet.Elements<Drawing>().SingleOrDefault());
        var chartPart = Assert.Single(sheet.DrawingsPart!.ChartParts);
        var bar = chartPart.ChartSpace.Descendants<C.BarChart>().Single();
        Assert.Equal(C.BarDirectionValues.Column, bar.GetFirstChild<C.BarDirection>()!.Val!.Value);

        var series = bar.Elements<C.BarChartSeries>().ToList();
        Assert.Equal(2, series.Count);
        Assert.Equal("'Обращения по каналам'!$B$4", series[0].SeriesText!.StringReference!.Formula!.Text);
        Assert.Equal("'Обращения по каналам'!$A$5:$A$7", series[0].GetFirstChild<C.CategoryAxisData>()!.StringReference!.Formula!.Text);
        Assert.Equal("'Обращения по каналам'!$B$5:$B$7", series[0].GetFirstChild<C.Values>()!.NumberReference!.Formula!.Text);
        Assert.Equal("'Обращения по каналам'!$C$5:$C$7", series[1].GetFirstChild<C.Values>()!.NumberReference!.Formula!.Text);

        var cache = series[0].GetFirstChild<C.Values>()!.NumberReference!.NumberingCache!;
        Assert.Equal(["1234", "56", "0"], cache.Elements<C.NumericPoint>().Select(p => p.NumericValue!.Text));
        Assert.Equal("Обращений и доля в срок", chartPart.ChartSpace.Descendants<C.Title>().Single().InnerText);
    }

    [Fact]
    public void Write_LineChartSection_QuotesTheSanitisedSheetName()
    {
        using var document = Open();
        var sheet = Sheet(document, "Просрочки_ топ_10 _март___");

        var chartPart = Assert.Single(sheet.DrawingsPart!.ChartParts);
        Assert.Empty(chartPart.ChartSpace.Descendants<C.BarChart>());
        var series = Assert.Single(chartPart.ChartSpace.Descendants<C.LineChart>().Single().Elements<C.LineChartSeries>());
        Assert.Equal("'Просрочки_ топ_10 _март___'!$B$4:$B$5", series.GetFirstChild<C.Values>()!.NumberReference!.Formula!.Text);

        // Date categories are referenced as numbers with the date format, as Excel itself writes them.
        var categories = series.GetFirstChild<C.CategoryAxisData>()!.NumberReference!;
        Assert.Equal("'Просрочки_ топ_10 _март___'!$A$4:$A$5", categories.Formula!.Text);
        Assert.Equal("dd.mm.yyyy", categories.NumberingCache!.FormatCode!.Text);
        Assert.Equal(["45355", "45356"], categories.NumberingCache.Elements<C.NumericPoint>().Select(p => p.NumericValue!.Text));
    }

    [Fact]
    public void Write_DateBeforeExcelsCalendar_IsWrittenAsText()
    {
        var report = new ReportDocument
        {
            Title = "т",
            Sections = [new ReportSection { Name = "Даты", Heading = "Даты", Columns = [new("Дата", ReportColumnKind.Date)], Rows = [[DateOnly.MinValue], [new DateOnly(1900, 3, 1)]] }],
        };
        using var document = Open(report);
        var sheet = Sheet(document, "Даты");

        Assert.Equal("01.01.0001", Text(Cell(sheet, "A4")));
        Assert.Equal(61, Number(Cell(sheet, "A5")));
    }

    [Fact]
    public void Write_BarChart_IsAHorizontalBarChart()
    {
        using var document = Open(BarReport());

        var chartPart = Assert.Single(Sheet(document, "Топ").DrawingsPart!.ChartParts);
        var bar = chartPart.ChartSpace.Descendants<C.BarChart>().Single();
        Assert.Equal(C.BarDirectionValues.Bar, bar.GetFirstChild<C.BarDirection>()!.Val!.Value);
        Assert.Equal("'Топ'!$B$4:$B$5", bar.Descendants<C.Values>().Single().NumberReference!.Formula!.Text);
        Assert.Empty(new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document));
    }

    internal static ReportDocument BarReport() => new()
    {
        Title = "т",
        Sections =
        [
            new ReportSection
            {
                Name = "Топ",
                Heading = "Топ тем",
                Columns = [new("Тема"), new("Обращений", ReportColumnKind.Integer)],
                Rows = [["Дороги", 120], ["ЖКХ", -5]],
                Chart = new ReportChart { Kind = ReportChartKind.Bar, Title = "Темы", CategoryColumn = 0, ValueColumns = [1] },
            },
        ],
    };

    [Fact]
    public void Write_SectionWithoutChart_HasNoDrawing()
    {
        using var document = Open();

        Assert.Null(Sheet(document, "Распределение обращений по терр").DrawingsPart);
        Assert.Null(Sheet(document, "Параметры").DrawingsPart);
    }

    [Fact]
    public void Write_Workbook_IsValidOpenXml()
    {
        using var document = Open();

        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")
            .ToList();

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void Write_ToANonSeekableStream_WritesAWholeWorkbook()
    {
        using var inner = new MemoryStream();
        using (var forwardOnly = new ForwardOnlyStream(inner))
            new XlsxReportWriter().Write(ReportSamples.Weekly(), forwardOnly);

        inner.Position = 0;
        using var document = SpreadsheetDocument.Open(inner, false);
        Assert.Equal(ExpectedSheets, document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!));
    }

    [Fact]
    public void Write_ChartOnAMissingColumn_Throws()
    {
        var report = new ReportDocument
        {
            Title = "т",
            Sections = [new ReportSection { Name = "а", Heading = "а", Columns = [new("x")], Chart = new ReportChart { Title = "д", ValueColumns = [3] } }],
        };

        Assert.Throws<ArgumentException>(() => new XlsxReportWriter().Write(report));
    }

    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}

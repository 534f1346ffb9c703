using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace MCU.Hub.Reports.Internal;

/// <summary>The stylesheet of the report workbooks and the indexes of its cell formats.</summary>
internal static class Styles
{
    public const uint General = 0;
    public const uint Header = 1;
    public const uint Text = 2;
    public const uint Integer = 3;
    public const uint Number = 4;
    public const uint OneDecimal = 5;
    public const uint Date = 6;
    public const uint DateTime = 7;
    public const uint Title = 8;
    public const uint Label = 9;
    public const uint Note = 10;
    public const uint GeneratedAt = 11;
    public const uint Plain = 12;

    public const string OneDecimalFormat = "0.0";
    public const string DateFormat = "dd.mm.yyyy";
    public const string DateTimeFormat = "dd.mm.yyyy hh:mm";

    // Built-in number formats 1 ("0") and 2 ("0.00"); custom ones start at 164.
    private const uint IntegerFormatId = 1;
    private const uint NumberFormatId = 2;
    private const uint OneDecimalFormatId = 164;
    private const uint DateFormatId = 165;
    private const uint DateTimeFormatId = 166;

    private const uint RegularFont = 0;
    private const uint BoldFont = 1;
    private const uint TitleFont = 2;
    private const uint ItalicFont = 3;

    private const uint HeaderFill = 2;
    private const uint ThinBorder = 1;

    /// <summary>The Excel number format of a column of <paramref name="kind"/>.</summary>
    public static string FormatCode(ReportColumnKind kind) => kind switch
    {
        ReportColumnKind.Integer => "0",
        ReportColumnKind.Number => "0.00",
        ReportColumnKind.Percent or ReportColumnKind.Hours => OneDecimalFormat,
        ReportColumnKind.Date => DateFormat,
        ReportColumnKind.DateTime => DateTimeFormat,
        _ => "General",
    };

    public static Stylesheet Build() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = OneDecimalFormatId, FormatCode = OneDecimalFormat },
            new NumberingFormat { NumberFormatId = DateFormatId, FormatCode = DateFormat },
            new NumberingFormat { NumberFormatId = DateTimeFormatId, FormatCode = DateTimeFormat })
        { Count = 3 },
        new Fonts(
            Font(bold: false, italic: false, size: 11),
            Font(bold: true, italic: false, size: 11),
            Font(bold: true, italic: false, size: 14),
            Font(bold: false, italic: true, size: 11))
        { Count = 4 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(
                new ForegroundColor { Rgb = "FFD9E1F2" },
                new BackgroundColor { Indexed = 64 })
            { PatternType = PatternValues.Solid }))
        { Count = 3 },
        new Borders(
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(
                new LeftBorder(new Color { Indexed = 64 }) { Style = BorderStyleValues.Thin },
                new RightBorder(new Color { Indexed = 64 }) { Style = BorderStyleValues.Thin },
                new TopBorder(new Color { Indexed = 64 }) { Style = BorderStyleValues.Thin },
                new BottomBorder(new Color { Indexed = 64 }) { Style = BorderStyleValues.Thin },
                new DiagonalBorder()))
        { Count = 2 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            Format(0, RegularFont),                                    // General
            Format(0, BoldFont, HeaderFill, ThinBorder, wrap: true),   // Header
            Format(0, RegularFont, 0, ThinBorder),                     // Text
            Format(IntegerFormatId, RegularFont, 0, ThinBorder),       // Integer
            Format(NumberFormatId, RegularFont, 0, ThinBorder),        // Number
            Format(OneDecimalFormatId, RegularFont, 0, ThinBorder),    // OneDecimal
            Format(DateFormatId, RegularFont, 0, ThinBorder),          // Date
            Format(DateTimeFormatId, RegularFont, 0, ThinBorder),      // DateTime
            Format(0, TitleFont),                                      // Title
            Format(0, BoldFont),                                       // Label
            Format(0, ItalicFont),                                     // Note
            Format(DateTimeFormatId, RegularFont),                     // GeneratedAt
            Format(0, RegularFont))                                    // Plain
        { Count = 13 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });

    private static Font Font(bool bold, bool italic, double size)
    {
        var font = new Font();
        if (bold)
            font.Append(new Bold());
        if (italic)
            font.Append(new Italic());
        font.Append(new FontSize { Val = size }, new FontName { Val = "Calibri" }, new FontFamilyNumbering { Val = 2 });
        return font;
    }

    private static CellFormat Format(uint numberFormat, uint font, uint fill = 0, uint border = 0, bool wrap = false)
    {
        var format = new CellFormat
        {
            NumberFormatId = numberFormat,
            FontId = font,
            FillId = fill,
            BorderId = border,
            FormatId = 0,
            ApplyNumberFormat = numberFormat != 0 ? true : null,
            ApplyFont = font != 0 ? true : null,
            ApplyFill = fill != 0 ? true : null,
            ApplyBorder = border != 0 ? true : null,
        };
        if (wrap)
        {
            format.ApplyAlignment = true;
            format.Append(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Center });
        }

        return format;
    }
}

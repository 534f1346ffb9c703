using System.Diagnostics.CodeAnalysis;

namespace MCU.Hub.Reports;

/// <summary>One table of a report: a worksheet in XLSX, a <c>&lt;section&gt;</c> in HTML.</summary>
public sealed class ReportSection
{
    /// <summary>
    /// The short name of the section, used as the worksheet name. Writers sanitise it to Excel's rules
    /// (at most 31 characters, none of <c>[]:*?/\</c>, unique within the workbook), so any text is accepted.
    /// </summary>
    public required string Name { get; init; }

    /// <summary>The section's heading shown above the table, in Russian.</summary>
    public required string Heading { get; init; }

    /// <summary>An optional explanatory note shown between the heading and the table.</summary>
    public string? Note { get; init; }

    /// <summary>The table's columns, in display order.</summary>
    public IReadOnlyList<ReportColumn> Columns { get; init; } = [];

    /// <summary>
    /// The table's rows; each row holds one <see cref="ReportValue"/> per column. A shorter row is padded with
    /// empty cells, extra cells beyond <see cref="Columns"/> are ignored.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<ReportValue>> Rows { get; init; } = [];

    /// <summary>An optional chart drawn from this section's columns; <see langword="null"/> for none.</summary>
    public ReportChart? Chart { get; init; }
}

/// <summary>A column of a <see cref="ReportSection"/>.</summary>
/// <param name="Header">The column header, in Russian. A percent column says so here, e.g. «Доля в срок, %».</param>
/// <param name="Kind">How the column's values are formatted.</param>
public sealed record ReportColumn(string Header, ReportColumnKind Kind = ReportColumnKind.Text);

/// <summary>How the values of a <see cref="ReportColumn"/> are formatted.</summary>
public enum ReportColumnKind
{
    /// <summary>Plain text.</summary>
    Text,

    /// <summary>A whole number (Excel format <c>0</c>).</summary>
    [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The report vocabulary: an integer column.")]
    Integer,

    /// <summary>A number with two decimals (Excel format <c>0.00</c>).</summary>
    Number,

    /// <summary>
    /// A percentage stored as the percent number itself (87.5 means 87.5 %), not as a fraction, shown with one
    /// decimal (Excel format <c>0.0</c>, no % sign); the column header carries the «%». This keeps the cell value
    /// equal to what the user reads and to what the analytics compute.
    /// </summary>
    Percent,

    /// <summary>A calendar date (Excel format <c>dd.mm.yyyy</c>).</summary>
    Date,

    /// <summary>A date and time of day (Excel format <c>dd.mm.yyyy hh:mm</c>).</summary>
    DateTime,

    /// <summary>A duration in hours as a decimal number, e.g. 26.5 (Excel format <c>0.0</c>).</summary>
    Hours,
}

/// <summary>A chart drawn from a section's columns: one category column and one or more value columns.</summary>
public sealed class ReportChart
{
    /// <summary>The chart type.</summary>
    public ReportChartKind Kind { get; init; } = ReportChartKind.Column;

    /// <summary>The chart title, in Russian.</summary>
    public required string Title { get; init; }

    /// <summary>The zero-based index of the column that holds the categories (the horizontal axis labels).</summary>
    public int CategoryColumn { get; init; }

    /// <summary>The zero-based indexes of the numeric columns drawn as series; each series is named by its column header.</summary>
    public IReadOnlyList<int> ValueColumns { get; init; } = [];
}

/// <summary>The type of a <see cref="ReportChart"/>.</summary>
public enum ReportChartKind
{
    /// <summary>Horizontal bars.</summary>
    Bar,

    /// <summary>Vertical bars (columns).</summary>
    Column,

    /// <summary>A line per series.</summary>
    Line,
}

namespace MCU.Hub.Reports;

/// <summary>
/// A generated report, independent of the output format: a title page (title, period, generation time and the
/// parameters it was built with) and a list of tabular sections. Rendered by <see cref="XlsxReportWriter"/> and
/// <see cref="HtmlReportWriter"/>.
/// </summary>
public sealed class ReportDocument
{
    /// <summary>The report title shown to the user, in Russian, e.g. «Еженедельный аналитический отчёт».</summary>
    public required string Title { get; init; }

    /// <summary>The period or other subtitle text, e.g. «за период с 01.03.2024 по 07.03.2024»; <see langword="null"/> for none.</summary>
    public string? Subtitle { get; init; }

    /// <summary>
    /// When the report was generated. Renderers show its clock time in its own offset, so the caller passes it
    /// already in the municipality's zone (renderers never read the clock themselves).
    /// </summary>
    public DateTimeOffset GeneratedAt { get; init; }

    /// <summary>The parameters the report was built with, in display order, with Russian labels.</summary>
    public IReadOnlyList<ReportParameter> Parameters { get; init; } = [];

    /// <summary>The report's sections in display order; each becomes a worksheet or an HTML section.</summary>
    public IReadOnlyList<ReportSection> Sections { get; init; } = [];
}

/// <summary>One (name, value) line of the report's parameter list, e.g. («Территория», «Центральный район»).</summary>
/// <param name="Name">The parameter's Russian label.</param>
/// <param name="Value">The parameter's value as display text.</param>
public readonly record struct ReportParameter(string Name, string Value);

using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using MCU.Hub.Reports.Internal;

namespace MCU.Hub.Reports;

/// <summary>
/// Writes a <see cref="ReportDocument"/> as one self-contained HTML5 page: UTF-8, <c>lang="ru"</c>, inline CSS, no
/// scripts or external assets. Numbers and dates are formatted in Russian conventions (<c>ru-RU</c>: «1 234,5»,
/// «07.03.2024») and right-aligned; a section with a chart gets an inline SVG chart drawn by code.
/// </summary>
public sealed class HtmlReportWriter
{
    /// <summary>The MIME type of the documents this writer produces.</summary>
    public const string ContentType = "text/html; charset=utf-8";

    private const string Css = """
        body { font-family: "Segoe UI", Roboto, Arial, sans-serif; color: #1f2933; margin: 24px; line-height: 1.4; }
        h1 { font-size: 1.6em; margin: 0 0 4px; }
        h2 { font-size: 1.25em; margin: 32px 0 6px; }
        .subtitle { font-size: 1.1em; margin: 0 0 4px; }
        .generated { color: #52606d; margin: 0 0 16px; }
        .note { color: #52606d; font-style: italic; margin: 0 0 8px; }
        table { border-collapse: collapse; margin: 8px 0 16px; }
        th, td { border: 1px solid #b8c2cc; padding: 4px 8px; vertical-align: top; }
        th { background: #d9e1f2; text-align: left; font-weight: 600; }
        td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        table.parameters th { background: #eef2f7; }
        figure.chart { margin: 8px 0 24px; }
        figure.chart svg { max-width: 100%; height: auto; }
        figure.chart figcaption { font-weight: 600; margin-bottom: 4px; }
        .empty { color: #7b8794; }
        @media print { body { margin: 0; } section { break-inside: avoid-page; } }
        """;

    /// <summary>Writes <paramref name="report"/> to <paramref name="output"/> as an HTML document.</summary>
    /// <param name="report">The report.</param>
    /// <param name="output">The writer; the caller owns its encoding, which should be UTF-8 (the page declares it).</param>
    /// <exception cref="ArgumentException">A section's chart names a column the section does not have.</exception>
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "An instance API, so that callers can inject the writer.")]
    public void Write(ReportDocument report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ReportChecks.Validate(report);

        output.Write("<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n");
        output.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        output.Write("<meta name=\"generator\" content=\"MCU.Hub\">\n");
        output.Write($"<title>{E(report.Title)}</title>\n<style>\n{Css}\n</style>\n</head>\n<body>\n<header>\n");
        output.Write($"<h1>{E(report.Title)}</h1>\n");
        if (!string.IsNullOrWhiteSpace(report.Subtitle))
            output.Write($"<p class=\"subtitle\">{E(report.Subtitle)}</p>\n");
        output.Write("<p class=\"generated\">Сформирован: <time datetime=\"");
        output.Write(E(report.GeneratedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)));
        output.Write($"\">{E(ReportText.FormatGeneratedAt(report.GeneratedAt))}</time></p>\n");

        if (report.Parameters.Count > 0)
        {
            output.Write("<table class=\"parameters\">\n<caption hidden>Параметры отчёта</caption>\n<tbody>\n");
            foreach (var parameter in report.Parameters)
                output.Write($"<tr><th scope=\"row\">{E(parameter.Name)}</th><td>{E(parameter.Value)}</td></tr>\n");
            output.Write("</tbody>\n</table>\n");
        }

        output.Write("</header>\n<main>\n");
        for (var i = 0; i < report.Sections.Count; i++)
            WriteSection(report.Sections[i], i + 1, output);
        output.Write("</main>\n</body>\n</html>\n");
    }

    /// <summary>Renders <paramref name="report"/> as an HTML document.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The document's text.</returns>
    /// <exception cref="ArgumentException">A section's chart names a column the section does not have.</exception>
    public string Render(ReportDocument report)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        Write(report, output);
        return output.ToString();
    }

    private static void WriteSection(ReportSection section, int number, TextWriter output)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"section-{number}");
        output.Write($"<section id=\"{id}\" aria-labelledby=\"{id}-heading\">\n<h2 id=\"{id}-heading\">{E(section.Heading)}</h2>\n");
        if (!string.IsNullOrWhiteSpace(section.Note))
            output.Write($"<p class=\"note\">{E(section.Note)}</p>\n");

        if (section.Chart is { } chart && section.Rows.Count > 0)
            output.Write(SvgChart.Render(section, chart));

        var columns = section.Columns;
        output.Write("<table class=\"data\">\n<thead>\n<tr>");
        foreach (var column in columns)
            output.Write($"<th scope=\"col\"{(IsNumeric(column.Kind) ? " class=\"num\"" : string.Empty)}>{E(column.Header)}</th>");
        output.Write("</tr>\n</thead>\n<tbody>\n");
        foreach (var row in section.Rows)
        {
            output.Write("<tr>");
            for (var c = 0; c < columns.Count; c++)
            {
                var value = ReportChecks.Cell(row, c);
                var numeric = value.Kind is ReportValueKind.Number or ReportValueKind.Date or ReportValueKind.DateTime;
                output.Write(numeric ? "<td class=\"num\">" : "<td>");
                output.Write(E(ReportText.Format(value, columns[c].Kind)));
                output.Write("</td>");
            }

            output.Write("</tr>\n");
        }

        if (section.Rows.Count == 0)
        {
            output.Write(string.Create(CultureInfo.InvariantCulture, $"<tr><td class=\"empty\" colspan=\"{Math.Max(columns.Count, 1)}\">Нет данных</td></tr>\n"));
        }

        output.Write("</tbody>\n</table>\n</section>\n");
    }

    private static bool IsNumeric(ReportColumnKind kind) => kind is not ReportColumnKind.Text;

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
}

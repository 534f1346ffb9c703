using System.Text.RegularExpressions;
using MCU.Hub.Reports;

namespace MCU.Hub.Core.Tests.Reports;

public sealed class HtmlReportWriterTests
{
    private static readonly string Html = new HtmlReportWriter().Render(ReportSamples.Weekly());

    private static string[] Sections() =>
        Regex.Matches(Html, "<section .*?</section>", RegexOptions.Singleline).Select(m => m.Value).ToArray();

    [Fact]
    public void Render_Document_IsARussianUtf8PageWithoutScriptsOrExternalAssets()
    {
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"ru\">", Html, StringComparison.Ordinal);
        Assert.Contains("<meta charset=\"utf-8\">", Html, StringComparison.Ordinal);
        Assert.Contains("<style>", Html, StringComparison.Ordinal);
        Assert.Contains("<title>Еженедельный аналитический отчёт</title>", Html, StringComparison.Ordinal);
        Assert.Contains("<h1>Еженедельный аналитический отчёт</h1>", Html, StringComparison.Ordinal);
        Assert.Contains("08.03.2024 09:30 (UTC+03:00)", Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", Html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Render_ScriptInACell_IsEncoded()
    {
        Assert.Contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>", Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Parameters_AreATableOfNamesAndValues()
    {
        Assert.Contains("<tr><th scope=\"row\">Территория</th><td>Центральный район</td></tr>", Html, StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\">Каналы</th><td>ПОС, ЕДДС</td></tr>", Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Numbers_AreRightAlignedInRussianFormat()
    {
        // ru-RU groups thousands with a no-break space (U+00A0, encoded &#160;) and uses a decimal comma.
        Assert.Contains("<td class=\"num\">1&#160;234</td>", Html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">1&#160;234,5</td>", Html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">87,5</td>", Html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">1&#160;500,25</td>", Html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">01.03.2024</td>", Html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">07.03.2024 18:45</td>", Html, StringComparison.Ordinal);
        Assert.Contains("td.num, th.num { text-align: right;", Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EachSection_HasOneTableWithHeadAndBody()
    {
        var sections = Sections();

        Assert.Equal(5, sections.Length);
        Assert.All(sections, s =>
        {
            Assert.Equal(1, Regex.Count(s, "<table class=\"data\">"));
            Assert.Equal(1, Regex.Count(s, "<thead>"));
            Assert.Equal(1, Regex.Count(s, "<tbody>"));
        });
        Assert.Contains("<h2 id=\"section-1-heading\">Обращения по каналам поступления</h2>", sections[0], StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\" class=\"num\">Доля в срок, %</th>", sections[0], StringComparison.Ordinal);
        Assert.Contains("Нет данных", sections[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ChartSections_HaveAnInlineSvgAndOthersDoNot()
    {
        var sections = Sections();

        // Column chart: 2 series × 3 rows, one bar per number (all three rows have both numbers).
        Assert.Equal(1, Regex.Count(sections[0], "<svg "));
        Assert.Equal(6, Regex.Count(sections[0], "<rect [^>]*><title>"));
        Assert.Contains("<figcaption>Обращений и доля в срок</figcaption>", sections[0], StringComparison.Ordinal);

        // Line chart: one path, a point per day.
        Assert.Equal(1, Regex.Count(sections[1], "<svg "));
        Assert.Equal(1, Regex.Count(sections[1], "<path d=\"M[^\"]+ L[^\"]+\""));
        Assert.Equal(2, Regex.Count(sections[1], "<circle "));

        Assert.DoesNotContain("<svg", sections[2], StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", sections[4], StringComparison.Ordinal);
    }

    [Fact]
    public void Render_BarChart_DrawsAHorizontalBarPerValueFromTheZeroLine()
    {
        var html = new HtmlReportWriter().Render(XlsxReportWriterTests.BarReport());

        var bars = Regex.Matches(html, "<rect x=\"([0-9.]+)\" y=\"[0-9.]+\" width=\"([0-9.]+)\" height=\"[0-9.]+\" fill=\"#4472c4\"><title>([^<]*)</title>");
        Assert.Equal(2, bars.Count);
        Assert.Equal("Обращений, Дороги: 120", bars[0].Groups[3].Value);
        Assert.Equal("Обращений, ЖКХ: -5", bars[1].Groups[3].Value);

        // The positive bar starts where the negative one ends: at zero.
        var zero = double.Parse(bars[1].Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            + double.Parse(bars[1].Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(double.Parse(bars[0].Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), zero, 0.01);
    }

    [Fact]
    public void Write_ToATextWriter_MatchesRender()
    {
        using var writer = new StringWriter();
        new HtmlReportWriter().Write(ReportSamples.Weekly(), writer);

        Assert.Equal(Html, writer.ToString());
    }
}

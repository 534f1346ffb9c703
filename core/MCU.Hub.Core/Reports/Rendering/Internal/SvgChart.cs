using System.Globalization;
using System.Net;
using System.Text;

namespace MCU.Hub.Reports.Internal;

/// <summary>A simple static SVG chart (bars, columns or lines) of a section, for the HTML report.</summary>
internal static class SvgChart
{
    private static readonly string[] Palette = ["#4472c4", "#ed7d31", "#70ad47", "#ffc000", "#5b9bd5", "#a5a5a5", "#9e480e", "#264478"];

    private const double Width = 760;
    private const double LabelChars = 14;

    /// <summary>A <c>&lt;figure&gt;</c> with the chart; the section has at least one row.</summary>
    public static string Render(ReportSection section, ReportChart chart)
    {
        var categoryKind = section.Columns[chart.CategoryColumn].Kind;
        var categories = section.Rows.Select(r => ReportText.Format(ReportChecks.Cell(r, chart.CategoryColumn), categoryKind)).ToList();
        var series = chart.ValueColumns
            .Select(c => (Name: section.Columns[c].Header ?? string.Empty, Kind: section.Columns[c].Kind,
                Values: section.Rows.Select(r => ReportChecks.Cell(r, c).NumberValue).ToList()))
            .ToList();

        var numbers = series.SelectMany(s => s.Values).OfType<double>().ToList();
        var (min, max, step) = Scale(numbers.Count == 0 ? 0 : Math.Min(0, numbers.Min()), numbers.Count == 0 ? 1 : Math.Max(0, numbers.Max()));

        var svg = new StringBuilder();
        var horizontal = chart.Kind == ReportChartKind.Bar;
        double height, left, top = 16, right = 24, bottom;
        if (horizontal)
        {
            left = 200;
            bottom = 56;
            height = top + bottom + (categories.Count * Math.Max(18, (series.Count * 14) + 8));
        }
        else
        {
            left = 64;
            bottom = 72;
            height = 360;
        }

        var plotWidth = Width - left - right;
        var plotHeight = height - top - bottom;
        double ValueToPixel(double v) => horizontal
            ? left + ((v - min) / (max - min) * plotWidth)
            : top + plotHeight - ((v - min) / (max - min) * plotHeight);

        svg.Append(CultureInfo.InvariantCulture, $"<figure class=\"chart\">\n<figcaption>{E(chart.Title)}</figcaption>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {N(Width)} {N(height)}\" width=\"{N(Width)}\" height=\"{N(height)}\" role=\"img\" aria-label=\"{E(chart.Title)}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{E(chart.Title)}</title>\n");

        // Grid and value labels.
        for (var v = min; v <= max + (step / 2); v += step)
        {
            var p = ValueToPixel(v);
            var label = E(ReportText.FormatNumber(v, ReportColumnKind.Text));
            if (horizontal)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(p)}\" y1=\"{N(top)}\" x2=\"{N(p)}\" y2=\"{N(top + plotHeight)}\" stroke=\"#e4e7eb\"/>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(p)}\" y=\"{N(top + plotHeight + 16)}\" text-anchor=\"middle\" fill=\"#52606d\">{label}</text>\n");
            }
            else
            {
                svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(left)}\" y1=\"{N(p)}\" x2=\"{N(left + plotWidth)}\" y2=\"{N(p)}\" stroke=\"#e4e7eb\"/>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(left - 6)}\" y=\"{N(p + 4)}\" text-anchor=\"end\" fill=\"#52606d\">{label}</text>\n");
            }
        }

        var band = (horizontal ? plotHeight : plotWidth) / categories.Count;
        var zero = ValueToPixel(0);

        // Category labels, shortened; the full text is in a <title> tooltip.
        for (var i = 0; i < categories.Count; i++)
        {
            var center = (horizontal ? top : left) + (band * (i + 0.5));
            var full = E(categories[i]);
            var shortText = E(Shorten(categories[i], horizontal ? 30 : Math.Max(3, (int)(band / 7))));
            if (horizontal)
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(left - 6)}\" y=\"{N(center + 4)}\" text-anchor=\"end\"><title>{full}</title>{shortText}</text>\n");
            else
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(center)}\" y=\"{N(top + plotHeight + 16)}\" text-anchor=\"middle\"><title>{full}</title>{shortText}</text>\n");
        }

        for (var s = 0; s < series.Count; s++)
        {
            var color = Palette[s % Palette.Length];
            var (name, kind, values) = series[s];
            if (chart.Kind == ReportChartKind.Line)
            {
                var path = new StringBuilder();
                var pen = 'M';
                for (var i = 0; i < values.Count; i++)
                {
                    if (values[i] is not { } v)
                    {
                        pen = 'M';
                        continue;
                    }

                    var x = left + (band * (i + 0.5));
                    var y = ValueToPixel(v);
                    path.Append(CultureInfo.InvariantCulture, $"{pen}{N(x)} {N(y)} ");
                    pen = 'L';
                    svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"3\" fill=\"{color}\"><title>{E(name)}, {E(categories[i])}: {E(ReportText.FormatNumber(v, kind))}</title></circle>\n");
                }

                svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{path.ToString().TrimEnd()}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"/>\n");
                continue;
            }

            var thickness = band * 0.8 / series.Count;
            for (var i = 0; i < values.Count; i++)
            {
                if (values[i] is not { } v)
                    continue;

                var offset = (band * (i + 0.1)) + (thickness * s);
                var p = ValueToPixel(v);
                var start = Math.Min(p, zero);
                var length = Math.Abs(p - zero);
                var tooltip = $"<title>{E(name)}, {E(categories[i])}: {E(ReportText.FormatNumber(v, kind))}</title>";
                if (horizontal)
                    svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(start)}\" y=\"{N(top + offset)}\" width=\"{N(length)}\" height=\"{N(thickness)}\" fill=\"{color}\">{tooltip}</rect>\n");
                else
                    svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(left + offset)}\" y=\"{N(start)}\" width=\"{N(thickness)}\" height=\"{N(length)}\" fill=\"{color}\">{tooltip}</rect>\n");
            }
        }

        // Axis line at zero.
        if (horizontal)
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(zero)}\" y1=\"{N(top)}\" x2=\"{N(zero)}\" y2=\"{N(top + plotHeight)}\" stroke=\"#52606d\"/>\n");
        else
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(left)}\" y1=\"{N(zero)}\" x2=\"{N(left + plotWidth)}\" y2=\"{N(zero)}\" stroke=\"#52606d\"/>\n");

        // Legend along the bottom.
        var legendX = left;
        var legendY = height - 16;
        for (var s = 0; s < series.Count; s++)
        {
            var text = Shorten(series[s].Name, 40);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(legendX)}\" y=\"{N(legendY - 10)}\" width=\"12\" height=\"12\" fill=\"{Palette[s % Palette.Length]}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(legendX + 16)}\" y=\"{N(legendY)}\">{E(text)}</text>\n");
            legendX += 32 + (text.Length * 7);
        }

        svg.Append("</svg>\n</figure>\n");
        return svg.ToString();
    }

    /// <summary>A "nice" axis from <paramref name="low"/> to <paramref name="high"/> in about five steps of 1, 2 or 5 × 10ⁿ.</summary>
    internal static (double Min, double Max, double Step) Scale(double low, double high)
    {
        if (high <= low)
            high = low + 1;
        var raw = (high - low) / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var fraction = raw / magnitude;
        var step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
        return (Math.Floor(low / step) * step, Math.Ceiling(high / step) * step, step);
    }

    private static string Shorten(string text, int length) =>
        text.Length <= length ? text : string.Concat(text.AsSpan(0, Math.Max(1, length - 1)), "…");

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}

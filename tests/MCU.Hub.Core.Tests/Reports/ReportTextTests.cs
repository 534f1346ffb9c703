using System.Globalization;
using MCU.Hub.Reports;
using MCU.Hub.Reports.Internal;

namespace MCU.Hub.Core.Tests.Reports;

public sealed class ReportTextTests
{
    [Theory]
    [InlineData(1234.5, ReportColumnKind.Hours, "1\u00A0234,5")]
    [InlineData(1234567, ReportColumnKind.Integer, "1\u00A0234\u00A0567")]
    [InlineData(-1500.256, ReportColumnKind.Number, "-1\u00A0500,26")]
    [InlineData(87.5, ReportColumnKind.Percent, "87,5")]
    [InlineData(0.125, ReportColumnKind.Text, "0,125")]
    public void FormatNumber_UsesRussianSeparators(double number, ReportColumnKind kind, string expected) =>
        Assert.Equal(expected, ReportText.FormatNumber(number, kind));

    [Theory]
    [InlineData(1234567.5, "N1")]
    [InlineData(-42.25, "N2")]
    [InlineData(1000, "N0")]
    public void FixedConventions_MatchTheIcuRussianCulture(double number, string format) =>
        Assert.Equal(number.ToString(format, CultureInfo.GetCultureInfo("ru-RU")), number.ToString(format, ReportText.Russian));

    [Fact]
    public void Format_DatesAndTimes_UseRussianPatterns()
    {
        Assert.Equal("05.03.2024", ReportText.Format(new DateOnly(2024, 3, 5), ReportColumnKind.Date));
        var value = new DateTimeOffset(2024, 3, 5, 7, 5, 0, TimeSpan.FromHours(3));
        Assert.Equal("05.03.2024 07:05", ReportText.Format(value, ReportColumnKind.DateTime));
        Assert.Equal("05.03.2024", ReportText.Format(value, ReportColumnKind.Date));
        Assert.Equal("05.03.2024 07:05 (UTC+03:00)", ReportText.FormatGeneratedAt(value));
    }

    [Fact]
    public void XmlSafe_DropsCharactersXmlCannotCarry()
    {
        Assert.Equal("ab\tc\n😀", ReportText.XmlSafe("a\u0001b\tc\n\uD83D\uDE00\uD800"));
        const string clean = "обычный текст";
        Assert.Same(clean, ReportText.XmlSafe(clean));
    }
}

using MCU.Hub.Reports.Internal;

namespace MCU.Hub.Core.Tests.Reports;

public sealed class SheetNamerTests
{
    [Theory]
    [InlineData("Просрочки: топ/10 [март]*?", "Просрочки_ топ_10 _март___")]
    [InlineData("a\\b", "a_b")]
    [InlineData("  'Итоги'  ", "Итоги")]
    [InlineData("", "Лист")]
    [InlineData("[]", "__")]
    [InlineData("history", "Лист")]
    [InlineData("Распределение обращений по территориям р", "Распределение обращений по терр")]
    public void Sanitise_FollowsExcelRules(string name, string expected)
    {
        var clean = SheetNamer.Sanitise(name);

        Assert.Equal(expected, clean);
        Assert.InRange(clean.Length, 1, 31);
    }

    [Fact]
    public void Claim_RepeatedNames_GetNumberedWithinTheLengthLimit()
    {
        var namer = new SheetNamer();

        Assert.Equal("Итоги", namer.Claim("Итоги"));
        Assert.Equal("ИТОГИ (2)", namer.Claim("ИТОГИ"));
        Assert.Equal("Итоги (3)", namer.Claim("Итоги"));
        var longName = new string('я', 40);
        Assert.Equal(new string('я', 31), namer.Claim(longName));
        Assert.Equal(new string('я', 27) + " (2)", namer.Claim(longName));
    }
}

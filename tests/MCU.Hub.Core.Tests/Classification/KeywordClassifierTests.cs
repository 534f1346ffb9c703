using MCU.Hub.Classification;
using MCU.Hub.Directories;
using MCU.Hub.Messages;

namespace MCU.Hub.Core.Tests.Classification;

public sealed class KeywordClassifierTests
{
    private static readonly KeywordClassifier Classifier = new(new HubDirectory(
        [],
        [new Territory { Code = "north", Name = "Северный", AddressKeywords = ["северн"] }],
        DefaultDirectory.Categories()));

    [Theory]
    [InlineData("На дороге яма", "road-repair")]
    [InlineData("Сплошные ямы, колесо пробил", "road-repair")]
    [InlineData("Дорога с ямами уже год", "road-repair")]
    [InlineData("В квартире не работает отопление, батареи холодные", "heating")]
    [InlineData("Не вывозят мусор из контейнеров третью неделю", "waste")]
    public void Classify_WordForms_FindTheTopic(string text, string category)
    {
        var result = Classifier.Classify(new HubMessage { Text = text });
        Assert.Equal(category, result.Category);
    }

    [Fact]
    public void Classify_SourceCategoryMapped_WinsOverKeywords()
    {
        var result = Classifier.Classify(new HubMessage { Text = "яма", SourceCategory = "ЖКХ" });
        Assert.Equal("housing-utilities", result.Category);
        Assert.Equal("housing-utilities", result.Block);
    }

    [Fact]
    public void Classify_TopicMatched_ReportsItsBlock()
    {
        var result = Classifier.Classify(new HubMessage { Text = "Сплошные ямы на дороге", Address = "ул. Северная, 3" });
        Assert.Equal("roads", result.Block);
        Assert.Equal("north", result.Territory);
    }

    [Fact]
    public void Classify_NothingMatches_LeavesCategoryUnset()
    {
        var result = Classifier.Classify(new HubMessage { Text = "Спасибо за работу" });
        Assert.Null(result.Category);
        Assert.Null(result.Block);
    }
}

using MCU.Hub.Classification;
using MCU.Hub.Routing.Internal;

namespace MCU.Hub.Core.Tests.Routing;

public sealed class TextWordsTests
{
    [Theory]
    [InlineData("Огромная ЯМА на дороге у дома 5 по улице Ленина!")]
    [InlineData("«Ёлки»—ёжики/ЁЖ; (скобки), \"кавычки\" 'апостроф'\tтаб\r\nстрока")]
    [InlineData("   ")]
    [InlineData("")]
    [InlineData("Emoji 😀 в тексте ПОСЛЕ")]
    [InlineData("İstanbul ΣΊΣΥΦΟΣ Straße ǅ")]
    public void Words_AreThoseOfTheClassifier(string text) => AssertSame(text);

    [Fact]
    public void Words_RandomTexts_AreThoseOfTheClassifier()
    {
        var random = new Random(59);
        const string alphabet = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯabcXYZ0129 ,.;:!?()«»\"'-—\n\r\t/_+№ΣİĲ";
        for (var n = 0; n < 2_000; n++)
        {
            var chars = Enumerable.Range(0, random.Next(0, 200)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray();
            var text = new string(chars);
            if (random.Next(10) == 0)
                text = text.Insert(random.Next(text.Length + 1), "𝔸𝔹");
            AssertSame(text);
        }
    }

    private static void AssertSame(string text)
    {
        var words = TextWords.Of(text);
        Assert.Equal(KeywordClassifier.Words(text), Enumerable.Range(0, words.Count).Select(words.Word));
        Assert.Equal(KeywordClassifier.Words(text).Length, TextWords.Shared(text).Count);
    }
}

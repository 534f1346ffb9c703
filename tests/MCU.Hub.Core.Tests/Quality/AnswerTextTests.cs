using MCU.Hub.Quality;
using MCU.Hub.Quality.Internal;

namespace MCU.Hub.Core.Tests.Quality;

public sealed class AnswerTextTests
{
    [Theory]
    [InlineData("Работы выполнены по адресу {адрес}.", "{адрес}")]
    [InlineData("Срок — [дата].", "[дата]")]
    [InlineData("Исполнитель: ___", "___")]
    [InlineData("Ответственный <ФИО>.", "<ФИО>")]
    [InlineData("Адрес: %адрес%.", "%адрес%")]
    public void FindPlaceholder_LeftPlaceholder_IsFound(string text, string placeholder) =>
        Assert.Equal(placeholder, AnswerText.FindPlaceholder(text));

    [Fact]
    public void FindPlaceholder_FilledText_FindsNothing() =>
        Assert.Null(AnswerText.FindPlaceholder("Яма у дома 5 по ул. Ленина заделана 20.11.2026 (фото приложено)."));

    [Theory]
    [InlineData("Вывоз мусора проведён.", true)]
    [InlineData("Во дворе дома поставлены скамейки.", true)]
    [InlineData("Срок — 25 ноября.", true)]
    [InlineData("Спасибо за ваше внимание к проблеме.", false)]
    public void HasFact_ActionPlaceOrDigit_IsAFact(string text, bool expected) =>
        Assert.Equal(expected, AnswerText.HasFact(text));

    [Fact]
    public void StripBoilerplate_OnlyPhrases_LeavesNothing()
    {
        var (found, rest, remaining) = AnswerText.StripBoilerplate("Ваше обращение рассмотрено. Информация принята к сведению!", QualityOptions.DefaultBoilerplate);

        Assert.Equal(2, found.Count);
        Assert.Equal("", rest);
        Assert.Equal(0, remaining);
    }

    [Fact]
    public void CompareWithTemplate_BareTemplate_CoversItAndAddsNothing()
    {
        var (coverage, extra, words) = AnswerText.CompareWithTemplate("Работы по адресу будут выполнены до .", "Работы по адресу {адрес} будут выполнены до {дата}.");

        Assert.Equal(1.0, coverage);
        Assert.Equal(0, extra);
        Assert.Equal(6, words);
    }

    [Theory]
    [InlineData("+7 (912) 345-67-01", null, "tel:9123456701")]
    [InlineData("8 912 345 67 01", "x@y.ru", "tel:9123456701")]
    [InlineData("112", " Ivan@Mail.RU ", "mail:ivan@mail.ru")]
    [InlineData(null, null, null)]
    public void AuthorKey_NormalisesPhoneOrEmail(string? phone, string? email, string? expected) =>
        Assert.Equal(expected, AnswerText.AuthorKey(phone, email));
}

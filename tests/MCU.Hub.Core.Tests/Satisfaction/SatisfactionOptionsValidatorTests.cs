using MCU.Hub.Satisfaction;

namespace MCU.Hub.Core.Tests.Satisfaction;

public sealed class SatisfactionOptionsValidatorTests
{
    [Fact]
    public void Validate_EnabledWithoutPublicBaseUrl_NamesTheKey()
    {
        var result = new SatisfactionOptionsValidator().Validate(null, new SatisfactionOptions { Enabled = true });

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("McuHub:Satisfaction:PublicBaseUrl", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ftp://mcu.example.ru")]
    [InlineData("mcu.example.ru")]
    [InlineData("https://mcu.example.ru/?a=1")]
    public void Validate_BadPublicBaseUrl_Fails(string url) =>
        Assert.True(new SatisfactionOptionsValidator().Validate(null, new SatisfactionOptions { PublicBaseUrl = url }).Failed);

    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new SatisfactionOptionsValidator().Validate(null, new SatisfactionOptions()).Succeeded);

    [Theory]
    [InlineData(SurveyAnswer.Solved, 5)]
    [InlineData(SurveyAnswer.PartlySolved, 3)]
    [InlineData(SurveyAnswer.NotSolved, 1)]
    public void ScoreOf_MapsOntoTheHubScale(SurveyAnswer answer, int score) => Assert.Equal(score, SurveyAnswers.ScoreOf(answer));
}

using MCU.Hub.Routing;

namespace MCU.Hub.Core.Tests.Routing;

public sealed class RuleSetJsonTests
{
    [Fact]
    public void SerializeRuleThenParseRule_RoundTripsEveryField()
    {
        var rule = new RoutingRule
        {
            Name = "Мусор", Order = 20, StopOnMatch = false, Kinds = [MessageKind.Appeal], AnyWords = ["мусор"], Regex = "контейнер\\w*",
            Recipients = ["utilities"], Tags = ["ТКО"], AuthorType = RuleAuthorType.Citizen,
        };

        var json = RuleSetJson.SerializeRule(rule);
        var parsed = RuleSetJson.ParseRule(json);

        Assert.Contains("\"anyWords\": [", json, StringComparison.Ordinal);
        Assert.Contains("\"Appeal\"", json, StringComparison.Ordinal);
        Assert.Equal(json, RuleSetJson.SerializeRule(parsed));
    }

    [Theory]
    [InlineData("[ { \"name\": \"x\" } ]", "$")]
    [InlineData("{ \"name\": \"x\", \"recipient\": [] }", "recipient")]
    [InlineData("{ \"order\": \"первый\" }", "Order")]
    [InlineData("{ \"name\": ", "$")]
    public void ParseRule_Malformed_ThrowsNamingTheField(string json, string field)
    {
        var error = Assert.Throws<RuleSetValidationException>(() => RuleSetJson.ParseRule(json));

        Assert.Contains(error.Errors, e => e.Field == field);
    }
}

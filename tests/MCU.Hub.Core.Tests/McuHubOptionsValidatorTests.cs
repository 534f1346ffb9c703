namespace MCU.Hub.Core.Tests;

public sealed class McuHubOptionsValidatorTests
{
    [Fact]
    public void Validate_BrokenTerritoryPolygonAndUnknownRuleRecipient_NameTheirKeys()
    {
        var options = new McuHubOptions
        {
            Territories = [new MCU.Hub.Directories.Territory { Code = "north", Name = "Северный", GeoJson = "{ \"type\": \"Polygon\", \"coordinates\": [[[60.1, 56.8]]] }" }],
            Rules = [new MCU.Hub.Routing.RoutingRule { Name = "Дороги", Recipients = ["nobody"] }],
        };

        var result = new McuHubOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("McuHub:Territories:north:GeoJson:", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("nobody", StringComparison.Ordinal));
    }
}

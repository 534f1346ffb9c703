using MCU.Hub.Directories;
using MCU.Hub.Intake;
using MCU.Hub.Storage;
using MCU.Hub.Territories;

namespace MCU.Hub.Core.Tests.Routing;

public sealed class PolygonTerritoryLocatorTests
{
    // A district 60.0–60.4 E × 56.0–56.4 N with a hole (a park, not the district's) 60.1–60.2 × 56.1–56.2,
    // and a microdistrict 60.3–60.4 × 56.3–56.4 inside the district.
    private const string District = """
        { "type": "Polygon", "coordinates": [
            [[60.0, 56.0], [60.4, 56.0], [60.4, 56.4], [60.0, 56.4], [60.0, 56.0]],
            [[60.1, 56.1], [60.2, 56.1], [60.2, 56.2], [60.1, 56.2], [60.1, 56.1]] ] }
        """;

    private const string Micro = """
        { "type": "Feature", "properties": { "name": "Микрорайон" },
          "geometry": { "type": "MultiPolygon", "coordinates": [ [[[60.3, 56.3], [60.4, 56.3], [60.4, 56.4], [60.3, 56.4]]] ] } }
        """;

    private static readonly PolygonTerritoryLocator Locator = new(
    [
        new Territory { Code = "district", GeoJson = District },
        new Territory { Code = "micro", GeoJson = Micro },
        new Territory { Code = "by-address-only", AddressKeywords = ["ленина"] },
    ]);

    [Theory]
    [InlineData(56.05, 60.05, "district")] // inside
    [InlineData(56.5, 60.05, null)] // outside, north
    [InlineData(56.05, 59.9, null)] // outside, west
    [InlineData(56.15, 60.15, null)] // inside the hole
    [InlineData(56.0, 60.2, "district")] // on the outer edge
    [InlineData(56.0, 60.0, "district")] // on a vertex
    [InlineData(56.1, 60.15, "district")] // on the hole's edge
    [InlineData(56.35, 60.35, "micro")] // nested: the smaller territory wins
    [InlineData(56.4, 60.4, "micro")] // shared corner of both
    [InlineData(60.05, 56.05, null)] // latitude and longitude swapped
    public void Locate_Point_FindsTheContainingTerritory(double latitude, double longitude, string? expected)
    {
        Assert.Equal(expected, Locator.Locate(latitude, longitude));
    }

    [Fact]
    public void Locate_ConcaveBoundary_UsesTheRealShapeNotTheBoundingBox()
    {
        // An L shape: the notch at the top right is outside.
        var locator = new PolygonTerritoryLocator([new Territory
        {
            Code = "l",
            GeoJson = """{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,1],[1,1],[1,2],[0,2],[0,0]]]}""",
        }]);

        Assert.Equal("l", locator.Locate(0.5, 1.5));
        Assert.Equal("l", locator.Locate(1.5, 0.5));
        Assert.Null(locator.Locate(1.5, 1.5));
        Assert.Equal("l", locator.Locate(1.5, 1.0)); // on the notch's edge
        Assert.Null(locator.Locate(double.NaN, 0.5));
    }

    [Theory]
    [InlineData("not json", "не разбирается")]
    [InlineData("""{"type":"Point","coordinates":[60,56]}""", "нет ни одного многоугольника")]
    [InlineData("""{"type":"Polygon","coordinates":[[[60,56],[61,56]]]}""", "меньше трёх")]
    [InlineData("""{"type":"Polygon","coordinates":[[[56,160],[57,160],[57,161]]]}""", "[долгота, широта]")]
    [InlineData("""{"type":"Circle"}""", "Circle")]
    public void Create_InvalidGeoJson_ThrowsNamingTheTerritory(string geoJson, string mentions)
    {
        var error = Assert.Throws<ArgumentException>(() => new PolygonTerritoryLocator([new Territory { Code = "bad", GeoJson = geoJson }]));

        Assert.Contains("McuHub:Territories:bad:GeoJson", error.Message, StringComparison.Ordinal);
        Assert.Contains(mentions, error.Message, StringComparison.Ordinal);
        Assert.NotNull(PolygonTerritoryLocator.Check(geoJson));
    }

    [Fact]
    public async Task Intake_MessageWithCoordinates_LandsInTheTerritoryThatContainsIt()
    {
        await using var hub = new TestHub(o =>
        {
            o.Territories[1].GeoJson = RuleRouterTests.Square(60.0, 56.0, 60.1, 56.1);
            o.Rules.Add(new() { Name = "Север", Order = 1, Territories = ["north"], Recipients = ["utilities"] });
        });

        // The address names a central street, but the point is in the north.
        var result = await hub.Get<IMessageIntake>().SubmitAsync("pos", TestHub.Item("G-1") with { Latitude = 56.05, Longitude = 60.05 }, "test", CancellationToken.None);
        var store = hub.Get<IHubStore>();
        var message = await store.GetMessageAsync(result.MessageId!, CancellationToken.None);

        Assert.Equal("north", message!.Territory);
        Assert.Equal(["utilities"], message.Recipients);
        var routed = (await store.GetHistoryAsync(message.Id, CancellationToken.None)).Single(h => h.Action == "routed");
        Assert.Contains(routed.Changes, c => c.Field == "territory" && c.Old == "central" && c.New == "north");
    }
}

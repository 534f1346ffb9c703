using MCU.Hub.Analytics;

namespace MCU.Hub.Core.Tests.Analytics;

public sealed class DuplicateFinderTests
{
    private const double Lat = 56.3269;
    private const double Lon = 44.0059;
    private const string TextA = "Не горит уличный фонарь возле дома 5 на улице Ленина";
    private const string TextB = "На улице Ленина у дома 5 не горит фонарь, темно!";

    private static readonly DateTimeOffset s_start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(3));

    private static AnalyticsItem Item(string id, double hours, double metersNorth, string text = TextA, string category = "lighting") => new()
    {
        Id = id,
        ReceivedAt = s_start.AddHours(hours),
        LocalDate = DateOnly.FromDateTime(s_start.AddHours(hours).DateTime),
        Channel = "pos",
        Category = category,
        Latitude = Lat + (metersNorth / 111_195),
        Longitude = Lon,
        Text = text,
    };

    [Fact]
    public void Find_Close_SameCategory_SoonAfter_SimilarText_IsOneGroup()
    {
        var groups = new DuplicateFinder().Find([Item("b", 2, 50, TextB), Item("a", 0, 0), Item("x", 1, 3000, "Яма на дороге")]);

        var group = Assert.Single(groups);
        Assert.Equal(["a", "b"], group.MessageIds);
        Assert.Equal("lighting", group.Category);
        Assert.InRange(group.MaxDistanceMeters!.Value, 49, 51);
        Assert.True(group.BestSimilarity >= 0.35);
    }

    [Fact]
    public void Find_TwoKilometresApart_IsNoGroup() =>
        Assert.Empty(new DuplicateFinder().Find([Item("a", 0, 0), Item("b", 2, 2000, TextB)]));

    [Fact]
    public void Find_SameTextDifferentCategory_IsNoGroup() =>
        Assert.Empty(new DuplicateFinder().Find([Item("a", 0, 0), Item("b", 2, 50, TextA, "roads")]));

    [Fact]
    public void Find_FourDaysApart_IsNoGroup() =>
        Assert.Empty(new DuplicateFinder().Find([Item("a", 0, 0), Item("b", 96, 50, TextB)]));

    [Fact]
    public void Find_DissimilarText_IsNoGroup() =>
        Assert.Empty(new DuplicateFinder().Find([Item("a", 0, 0), Item("b", 2, 50, "Во дворе не вывозят мусор уже неделю")]));

    [Fact]
    public void Find_ChainOfPairs_IsOneGroup()
    {
        // A and C are 200 m apart, too far for a pair, but each is within 100 m of B.
        var groups = new DuplicateFinder().Find([Item("c", 60, 200), Item("a", 0, 0), Item("b", 30, 100, TextB)]);

        var group = Assert.Single(groups);
        Assert.Equal(["a", "b", "c"], group.MessageIds);
        Assert.InRange(group.MaxDistanceMeters!.Value, 99, 101);
    }

    [Fact]
    public void Find_WithoutCoordinates_ComparesNormalisedAddresses()
    {
        AnalyticsItem NoCoordinates(string id, string address, string text) => Item(id, 1, 0, text) with { Latitude = null, Longitude = null, Address = address };

        var groups = new DuplicateFinder().Find(
        [
            NoCoordinates("a", "ул. Ленина, д. 5", TextA),
            NoCoordinates("b", "Ленина 5", TextB),
            NoCoordinates("c", "ул. Ленина, д. 7", TextB),
        ]);

        var group = Assert.Single(groups);
        Assert.Equal(["a", "b"], group.MessageIds);
        Assert.Null(group.MaxDistanceMeters);
    }

    [Fact]
    public void Find_DoesNotChangeTheItems()
    {
        AnalyticsItem[] items = [Item("a", 0, 0), Item("b", 2, 50, TextB)];
        var copy = items.ToArray();

        _ = new DuplicateFinder().Find(items);

        Assert.Equal(copy, items);
    }

    [Fact]
    public void Find_HundredThousandItems_RunsAndFindsThePlantedPair()
    {
        var random = new Random(42);
        string[] words = ["яма", "дорога", "мусор", "фонарь", "подъезд", "отопление", "вода", "двор", "крыша", "снег", "лёд", "парковка", "шум", "собаки", "лифт"];
        var items = new List<AnalyticsItem>(100_002);
        for (var i = 0; i < 100_000; i++)
        {
            var received = s_start.AddMinutes(random.Next(0, 60 * 24 * 60));
            items.Add(new AnalyticsItem
            {
                Id = $"r{i:D6}",
                ReceivedAt = received,
                LocalDate = DateOnly.FromDateTime(received.DateTime),
                Channel = "pos",
                Category = $"c{random.Next(20)}",
                Latitude = i % 10 == 0 ? null : Lat + ((random.NextDouble() - 0.5) * 0.2),
                Longitude = i % 10 == 0 ? null : Lon + ((random.NextDouble() - 0.5) * 0.3),
                Address = i % 10 == 0 ? $"ул. Улица{random.Next(300)}, д. {random.Next(50)}" : null,
                Text = string.Join(' ', Enumerable.Range(0, 6).Select(_ => words[random.Next(words.Length)])),
            });
        }

        items.Add(Item("planted-a", 500, 0) with { Latitude = 10, Longitude = 10 });
        items.Add(Item("planted-b", 501, 20, TextB) with { Latitude = 10.0001, Longitude = 10 });

        var groups = new DuplicateFinder().Find(items);

        Assert.Contains(groups, g => g.MessageIds.SequenceEqual(["planted-a", "planted-b"]));
        var byId = items.ToDictionary(i => i.Id);
        Assert.All(groups, g =>
        {
            Assert.True(g.MessageIds.Count >= 2);
            Assert.All(g.MessageIds, id => Assert.Equal(g.Category, byId[id].Category));
        });
    }
}

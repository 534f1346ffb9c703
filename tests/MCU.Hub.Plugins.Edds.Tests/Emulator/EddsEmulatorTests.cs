using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MCU.Hub.Emulators.Edds;

namespace MCU.Hub.Plugins.Edds.Tests.Emulator;

public sealed class EddsEmulatorTests
{
    [Fact]
    public async Task StartAsync_SameSeed_PublishesTheSameCards()
    {
        var time = new ManualTimeProvider(EddsTestHost.Start);
        await using var one = await EddsEmulator.StartAsync(new EddsEmulatorOptions { TotalCards = 60, Seed = 5, TimeProvider = time });
        await using var two = await EddsEmulator.StartAsync(new EddsEmulatorOptions { TotalCards = 60, Seed = 5, TimeProvider = time });
        await using var other = await EddsEmulator.StartAsync(new EddsEmulatorOptions { TotalCards = 60, Seed = 6, TimeProvider = time });

        static object Essence(EddsCard c) => (c.Id, c.ReceivedAt, c.UpdatedAt, c.Type, c.Description, c.Address, c.Coordinates, c.Severity, string.Join(',', c.Services), c.Status, c.ClosedAt, c.NoResponseReason, c.NeedsMunicipalResponse, c.Caller);

        Assert.Equal(one.Versions.Select(Essence), two.Versions.Select(Essence));
        Assert.NotEqual(one.Versions.Select(c => c.Type), other.Versions.Select(c => c.Type));
    }

    [Fact]
    public async Task Versions_ClockMoves_CardsArriveAndCloseInTimeOrder()
    {
        var time = new ManualTimeProvider(EddsTestHost.Start);
        await using var emulator = await EddsEmulator.StartAsync(new EddsEmulatorOptions { TotalCards = 30, InitialCards = 10, CardsPerSecond = 0.005, TimeProvider = time });

        var atStart = emulator.Versions;
        time.Advance(TimeSpan.FromMinutes(50));
        var afterHour = emulator.Versions;
        time.Advance(TimeSpan.FromDays(3));
        var all = emulator.Versions;

        Assert.Equal(10, atStart.Select(v => v.Id).Distinct().Count());
        // 15 more calls arrived; one that needs no response shows up only once the operator closes it, minutes later.
        Assert.InRange(afterHour.Select(v => v.Id).Distinct().Count(), 22, 25);
        Assert.Equal(30, all.Select(v => v.Id).Distinct().Count());
        Assert.Equal(atStart.Select(v => v.UpdatedAt), afterHour.Take(atStart.Count).Select(v => v.UpdatedAt));
        Assert.Equal(all.OrderBy(v => v.UpdatedAt).Select(v => (v.Id, v.UpdatedAt)), all.Select(v => (v.Id, v.UpdatedAt)));
        Assert.All(emulator.Cards, c => Assert.Equal(EddsCardStatuses.Closed, c.Status));
    }

    [Fact]
    public async Task Get_Page_UsesTheSnakeCaseContract()
    {
        await using var emulator = await EddsEmulator.StartAsync(new EddsEmulatorOptions { TotalCards = 3, Token = "t" });
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", "t");

        using var page = await http.GetFromJsonAsync<JsonDocument>(new Uri("api/v1/cards?limit=2", UriKind.Relative));

        var root = page!.RootElement;
        Assert.True(root.GetProperty("has_more").GetBoolean());
        var item = root.GetProperty("items")[0];
        foreach (var field in new[] { "id", "received_at", "updated_at", "source", "category", "type", "description", "address", "coordinates", "severity", "services", "status", "closed_at", "no_response_reason", "needs_municipal_response", "caller" })
            Assert.True(item.TryGetProperty(field, out _), field);
    }

    [Theory]
    [InlineData("api/v1/cards?after=garbage", HttpStatusCode.BadRequest)]
    [InlineData("api/v1/cards?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("api/v1/cards/800001", HttpStatusCode.OK)]
    [InlineData("api/v1/cards/nope", HttpStatusCode.NotFound)]
    public async Task Get_Request_AnswersTheDocumentedStatus(string path, HttpStatusCode expected)
    {
        await using var emulator = await EddsEmulator.StartAsync(new EddsEmulatorOptions { TotalCards = 3 });
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };

        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Update_NotNewer_Throws()
    {
        await using var emulator = await EddsEmulator.StartAsync(new EddsEmulatorOptions { TotalCards = 3 });
        var card = emulator.Cards[0];

        Assert.Throws<ArgumentException>(() => emulator.Update(card with { Status = EddsCardStatuses.Closed }));
        Assert.Throws<ArgumentException>(() => emulator.Update(card with { Id = "unknown", UpdatedAt = card.UpdatedAt.AddHours(1) }));
        Assert.Throws<ArgumentException>(() => emulator.Add(card with { Id = "800002" }));
        Assert.Throws<ArgumentException>(() => emulator.Add(card with { Id = "new", Severity = "страшно" }));
    }
}

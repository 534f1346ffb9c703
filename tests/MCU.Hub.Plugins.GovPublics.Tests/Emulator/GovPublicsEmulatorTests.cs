using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MCU.Hub.Emulators.GovPublics;

namespace MCU.Hub.Plugins.GovPublics.Tests.Emulator;

public sealed class GovPublicsEmulatorTests
{
    [Fact]
    public async Task StartAsync_SameSeedAndStart_PublishesTheSamePagesAndPublications()
    {
        var time = new ManualTimeProvider(GovPublicsTestHost.Start);
        await using var one = await GovPublicsEmulator.StartAsync(new GovPublicsEmulatorOptions { PageCount = 16, Seed = 5, TimeProvider = time });
        await using var two = await GovPublicsEmulator.StartAsync(new GovPublicsEmulatorOptions { PageCount = 16, Seed = 5, TimeProvider = time });
        await using var other = await GovPublicsEmulator.StartAsync(new GovPublicsEmulatorOptions { PageCount = 16, Seed = 6, TimeProvider = time });

        static object Essence(GovPublicsPublication p) => (p.Id, p.PageId, p.PublishedAt, p.UpdatedAt, p.Text, p.ReportsOn);

        Assert.Equal(one.PageVersions.Select(p => p with { Url = "", }), two.PageVersions.Select(p => p with { Url = "" }));
        Assert.Equal(one.Publications.Select(Essence), two.Publications.Select(Essence));
        Assert.NotEqual(one.Publications.Select(p => p.Text), other.Publications.Select(p => p.Text));
    }

    [Fact]
    public async Task Publications_ClockMoves_AppearInTimeOrder()
    {
        var time = new ManualTimeProvider(GovPublicsTestHost.Start);
        await using var emulator = await GovPublicsEmulator.StartAsync(new GovPublicsEmulatorOptions { PageCount = 6, HistoryWeeks = 0, TimeProvider = time });

        var atStart = emulator.Publications;
        time.Advance(TimeSpan.FromDays(10));
        var later = emulator.Publications;

        Assert.All(atStart, p => Assert.True(p.PublishedAt <= GovPublicsTestHost.Start));
        Assert.All(atStart, p => Assert.True(p.PublishedAt >= new DateTimeOffset(2025, 3, 10, 0, 0, 0, TimeSpan.FromHours(3))));
        Assert.True(later.Count > atStart.Count);
        Assert.Equal(later.OrderBy(p => p.PublishedAt).Select(p => p.Id), later.Select(p => p.Id));
        Assert.Equal(atStart.Select(p => p.Id), later.Take(atStart.Count).Select(p => p.Id));
    }

    [Fact]
    public async Task Get_Feeds_UseTheSnakeCaseContract()
    {
        await using var emulator = await GovPublicsEmulator.StartAsync(new GovPublicsEmulatorOptions { PageCount = 3, Token = "t" });
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", "t");

        using var pages = await http.GetFromJsonAsync<JsonDocument>(new Uri("api/v1/pages?limit=2", UriKind.Relative));
        using var publications = await http.GetFromJsonAsync<JsonDocument>(new Uri("api/v1/publications?limit=2", UriKind.Relative));

        Assert.True(pages!.RootElement.GetProperty("has_more").GetBoolean());
        var page = pages.RootElement.GetProperty("items")[0];
        foreach (var field in new[] { "id", "owner", "network", "url", "name", "verified", "followers", "created_at", "updated_at" })
            Assert.True(page.TryGetProperty(field, out _), field);
        Assert.True(page.GetProperty("owner").TryGetProperty("id", out _));
        var publication = publications!.RootElement.GetProperty("items")[0];
        foreach (var field in new[] { "id", "page_id", "owner_id", "network", "published_at", "updated_at", "text", "url", "reports_on" })
            Assert.True(publication.TryGetProperty(field, out _), field);
    }

    [Theory]
    [InlineData("api/v1/pages?after=garbage", HttpStatusCode.BadRequest)]
    [InlineData("api/v1/publications?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("api/v1/pages/p0001", HttpStatusCode.OK)]
    [InlineData("api/v1/pages/nope", HttpStatusCode.NotFound)]
    [InlineData("api/v1/publications/nope", HttpStatusCode.NotFound)]
    public async Task Get_Request_AnswersTheDocumentedStatus(string path, HttpStatusCode expected)
    {
        await using var emulator = await GovPublicsEmulator.StartAsync(new GovPublicsEmulatorOptions { PageCount = 3 });
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };

        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Get_CursorOfTheOtherFeed_IsRejected()
    {
        await using var emulator = await GovPublicsEmulator.StartAsync(new GovPublicsEmulatorOptions { PageCount = 3 });
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        using var pages = await http.GetFromJsonAsync<JsonDocument>(new Uri("api/v1/pages?limit=1", UriKind.Relative));
        var cursor = pages!.RootElement.GetProperty("next_cursor").GetString()!;

        using var response = await http.GetAsync(new Uri("api/v1/publications?after=" + cursor, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PublicationLink_Get_ShowsTheText()
    {
        await using var emulator = await GovPublicsEmulator.StartAsync(new GovPublicsEmulatorOptions { PageCount = 3 });
        using var http = new HttpClient();
        var publication = emulator.Publications[2];

        var text = await http.GetStringAsync(new Uri(publication.Url));

        Assert.Contains(publication.Text, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddOrUpdatePage_OlderVersion_Throws()
    {
        await using var emulator = await GovPublicsEmulator.StartAsync(new GovPublicsEmulatorOptions { PageCount = 3 });
        var page = emulator.Pages[0];

        Assert.Throws<ArgumentException>(() => emulator.AddOrUpdatePage(page with { Verified = !page.Verified }));
        emulator.AddOrUpdatePage(page with { Name = "Новое имя", UpdatedAt = page.UpdatedAt.AddSeconds(1) });

        Assert.Equal("Новое имя", emulator.Pages[0].Name);
        Assert.Equal(4, emulator.PageVersions.Count);
    }

    [Fact]
    public async Task AddPublication_UnknownPage_Throws()
    {
        await using var emulator = await GovPublicsEmulator.StartAsync(new GovPublicsEmulatorOptions { PageCount = 0 });

        Assert.Throws<ArgumentException>(() => emulator.AddPublication(new GovPublicsPublication { Id = "x", PageId = "nope", OwnerId = "1", Network = "vk", PublishedAt = default, Text = "т", Url = "u" }));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MCU.Hub.Emulators.Pos;

namespace MCU.Hub.Plugins.Pos.Tests.Emulator;

public sealed class PosEmulatorTests
{
    [Fact]
    public async Task StartAsync_SameSeed_PublishesTheSameMessages()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2025, 3, 10, 6, 0, 0, TimeSpan.Zero));
        await using var one = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 50, Seed = 5, TimeProvider = time });
        await using var two = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 50, Seed = 5, TimeProvider = time });
        await using var other = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 50, Seed = 6, TimeProvider = time });

        static object Essence(PosMessage m) => (m.Id, m.CreatedAt, m.Text, m.Category, m.Subcategory, m.Author, m.Address, m.Coordinates, m.Deadline, m.Photos.Count);

        Assert.Equal(one.Messages.Select(Essence), two.Messages.Select(Essence));
        Assert.NotEqual(one.Messages.Select(m => m.Text), other.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task Messages_RateSet_GrowWithTheTimeProvider()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2025, 3, 10, 6, 0, 0, TimeSpan.Zero));
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions
        {
            TotalMessages = 10,
            InitialMessages = 2,
            MessagesPerSecond = 0.5,
            TimeProvider = time,
        });

        var atStart = emulator.Messages.Count;
        time.Advance(TimeSpan.FromSeconds(4));
        var afterFour = emulator.Messages.Count;
        time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(2, atStart);
        Assert.Equal(4, afterFour);
        Assert.Equal(10, emulator.Messages.Count);
    }

    [Fact]
    public async Task Get_TooManyRequestsInjected_AnswersWithRetryAfter()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 1 });
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        emulator.FailNext(1, 429);

        using var response = await http.GetAsync(new Uri("api/v1/messages", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        Assert.Equal(1, emulator.RequestCount);
    }

    [Fact]
    public async Task Get_Page_UsesTheSnakeCaseContract()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 3, Token = "t" });
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", "t");

        using var page = await http.GetFromJsonAsync<JsonDocument>(new Uri("api/v1/messages?limit=2", UriKind.Relative));

        var root = page!.RootElement;
        Assert.True(root.GetProperty("has_more").GetBoolean());
        Assert.Equal(JsonValueKind.String, root.GetProperty("next_cursor").ValueKind);
        var item = root.GetProperty("items")[0];
        foreach (var field in new[] { "id", "created_at", "category", "subcategory", "text", "author", "address", "coordinates", "photos", "deadline", "status", "fast_track" })
            Assert.True(item.TryGetProperty(field, out _), field);
    }

    [Theory]
    [InlineData("api/v1/messages?after=garbage", HttpStatusCode.BadRequest)]
    [InlineData("api/v1/messages?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("api/v1/messages/1000001", HttpStatusCode.OK)]
    [InlineData("api/v1/messages/nope", HttpStatusCode.NotFound)]
    public async Task Get_Request_AnswersTheDocumentedStatus(string path, HttpStatusCode expected)
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 3 });
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };

        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task PostAnswer_MissingIdempotencyKey_IsRejectedNamingTheField()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 1 });
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };

        using var response = await http.PostAsJsonAsync(new Uri("api/v1/messages/1000001/answers", UriKind.Relative), new { text = "Ответ", status = "answered" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("idempotency_key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(emulator.Answers);
    }

    [Fact]
    public async Task PhotoLink_Get_ServesAnImage()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 30 });
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(emulator.Messages.SelectMany(m => m.Photos).First()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Add_IdOfSyntheticMessage_Throws()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 3 });

        Assert.Throws<ArgumentException>(() => emulator.Add(new PosMessage { Id = "1000002", CreatedAt = default, Text = "x" }));
    }
}

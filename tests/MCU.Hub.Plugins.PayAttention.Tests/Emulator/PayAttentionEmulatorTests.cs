using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MCU.Hub.Emulators.PayAttention;

namespace MCU.Hub.Plugins.PayAttention.Tests.Emulator;

public sealed class PayAttentionEmulatorTests
{
    [Fact]
    public async Task StartAsync_SameSeed_PublishesTheSameMessages()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2025, 3, 10, 6, 0, 0, TimeSpan.Zero));
        await using var one = await PayAttentionEmulator.StartAsync(new PayAttentionEmulatorOptions { TotalMessages = 50, Seed = 5, TimeProvider = time });
        await using var two = await PayAttentionEmulator.StartAsync(new PayAttentionEmulatorOptions { TotalMessages = 50, Seed = 5, TimeProvider = time });
        await using var other = await PayAttentionEmulator.StartAsync(new PayAttentionEmulatorOptions { TotalMessages = 50, Seed = 6, TimeProvider = time });

        static object Essence(PayAttentionMessage m) => (m.Id, m.CreatedAt, m.Text, m.Category, m.Subcategory, m.Author, m.Address, m.Location, m.District, m.AnswerDue, m.Photos.Count);

        Assert.Equal(one.Messages.Select(Essence), two.Messages.Select(Essence));
        Assert.NotEqual(one.Messages.Select(m => m.Text), other.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task Get_Page_UsesTheSnakeCaseContract()
    {
        await using var emulator = await PayAttentionEmulator.StartAsync(new PayAttentionEmulatorOptions { TotalMessages = 3, Token = "t" });
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", "t");

        using var page = await http.GetFromJsonAsync<JsonDocument>(new Uri("api/v1/messages?limit=2", UriKind.Relative));

        var root = page!.RootElement;
        Assert.True(root.GetProperty("has_more").GetBoolean());
        Assert.Equal(JsonValueKind.String, root.GetProperty("next_cursor").ValueKind);
        var item = root.GetProperty("items")[0];
        foreach (var field in new[] { "id", "created_at", "category", "subcategory", "text", "author", "address", "location", "district", "photos", "answer_due", "status" })
            Assert.True(item.TryGetProperty(field, out _), field);
    }

    [Theory]
    [InlineData("api/v1/messages?after=garbage", HttpStatusCode.BadRequest)]
    [InlineData("api/v1/messages?limit=abc", HttpStatusCode.BadRequest)]
    [InlineData("api/v1/messages/570001", HttpStatusCode.OK)]
    [InlineData("api/v1/messages/nope", HttpStatusCode.NotFound)]
    public async Task Get_Request_AnswersTheDocumentedStatus(string path, HttpStatusCode expected)
    {
        await using var emulator = await PayAttentionEmulator.StartAsync(new PayAttentionEmulatorOptions { TotalMessages = 3 });
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };

        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task PostAnswer_UnknownStatus_IsRejectedNamingTheField()
    {
        await using var emulator = await PayAttentionEmulator.StartAsync(new PayAttentionEmulatorOptions { TotalMessages = 1 });
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };

        using var response = await http.PostAsJsonAsync(new Uri("api/v1/messages/570001/answers", UriKind.Relative), new { text = "Ответ", status = "in_progress", idempotency_key = "k" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("status", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(emulator.Answers);
    }

    [Fact]
    public async Task Add_IdOfSyntheticMessage_Throws()
    {
        await using var emulator = await PayAttentionEmulator.StartAsync(new PayAttentionEmulatorOptions { TotalMessages = 3 });

        Assert.Throws<ArgumentException>(() => emulator.Add(new PayAttentionMessage { Id = "570002", CreatedAt = default, Text = "x" }));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MCU.Hub.Emulators.IncidentManagement;

namespace MCU.Hub.Plugins.IncidentManagement.Tests.Emulator;

public sealed class IncidentManagementEmulatorTests
{
    [Fact]
    public async Task StartAsync_SameSeed_PublishesTheSameIncidents()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2025, 3, 10, 6, 0, 0, TimeSpan.Zero));
        await using var one = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 50, Seed = 5, TimeProvider = time });
        await using var two = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 50, Seed = 5, TimeProvider = time });
        await using var other = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 50, Seed = 6, TimeProvider = time });

        static object Essence(Incident i) => (i.Id, i.Network, i.DetectedAt, i.PublishedAt, i.Text, i.Category, i.Topic, i.Author?.Name, i.Important, i.ResponseDeadlineHours, i.Address, i.Coordinates, i.Attachments.Count);

        Assert.Equal(one.Incidents.Select(Essence), two.Incidents.Select(Essence));
        Assert.NotEqual(one.Incidents.Select(i => i.Text), other.Incidents.Select(i => i.Text));
    }

    [Fact]
    public async Task Get_Page_UsesTheSnakeCaseContract()
    {
        await using var emulator = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 3, Token = "t" });
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", "t");

        using var page = await http.GetFromJsonAsync<JsonDocument>(new Uri("api/v1/incidents?limit=2", UriKind.Relative));

        var root = page!.RootElement;
        Assert.True(root.GetProperty("has_more").GetBoolean());
        Assert.Equal(JsonValueKind.String, root.GetProperty("next_cursor").ValueKind);
        var item = root.GetProperty("items")[0];
        foreach (var field in new[] { "id", "network", "post_url", "author", "text", "category", "topic", "published_at", "detected_at", "important", "response_deadline_hours", "status", "address", "coordinates", "attachments" })
            Assert.True(item.TryGetProperty(field, out _), field);
    }

    [Theory]
    [InlineData("api/v1/incidents?after=garbage", HttpStatusCode.BadRequest)]
    [InlineData("api/v1/incidents?limit=-1", HttpStatusCode.BadRequest)]
    [InlineData("api/v1/incidents/IM-100001", HttpStatusCode.OK)]
    [InlineData("api/v1/incidents/nope", HttpStatusCode.NotFound)]
    public async Task Get_Request_AnswersTheDocumentedStatus(string path, HttpStatusCode expected)
    {
        await using var emulator = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 3 });
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };

        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task PostLink_Get_ShowsThePostText()
    {
        await using var emulator = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 5, Token = "t" });
        using var http = new HttpClient();
        var incident = emulator.Incidents[3];

        var text = await http.GetStringAsync(new Uri(incident.PostUrl));

        Assert.Contains(incident.Text, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostReply_MissingIdempotencyKey_IsRejectedNamingTheField()
    {
        await using var emulator = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 1 });
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };

        using var response = await http.PostAsJsonAsync(new Uri("api/v1/incidents/IM-100001/replies", UriKind.Relative), new { text = "Ответ", status = "answered" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("idempotency_key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(emulator.Replies);
    }

    [Fact]
    public async Task Add_IdOfSyntheticIncident_Throws()
    {
        await using var emulator = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 3 });

        Assert.Throws<ArgumentException>(() => emulator.Add(new Incident { Id = "IM-100002", Network = "vk", PostUrl = "u", DetectedAt = default, Text = "x" }));
    }
}

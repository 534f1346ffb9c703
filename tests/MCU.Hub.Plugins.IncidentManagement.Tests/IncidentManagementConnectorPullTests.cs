using System.Globalization;
using System.Net;
using MCU.Hub.Channels;
using MCU.Hub.Emulators.Common;
using MCU.Hub.Emulators.IncidentManagement;

namespace MCU.Hub.Plugins.IncidentManagement.Tests;

public sealed class IncidentManagementConnectorPullTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset DetectedAt = new(2025, 3, 10, 9, 15, 0, TimeSpan.FromHours(3));

    [Fact]
    public async Task PullAsync_AllPagesThroughCheckpoints_YieldsEveryIncidentOnceInOrder()
    {
        await using var emulator = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 230, Seed = 7 });
        await using var services = IncidentManagementTestHost.Build(emulator);
        var connector = services.Connector();

        var checkpoint = (string?)null;
        var pulled = new List<InboundItem>();
        var pages = 0;
        PullResult result;
        do
        {
            result = await connector.PullAsync(new PullRequest(checkpoint, 40), None);
            Assert.InRange(result.Items.Count, 1, 40);
            pulled.AddRange(result.Items);
            checkpoint = result.NextCheckpoint;
            pages++;
        }
        while (result.HasMore);

        Assert.Equal(6, pages);
        Assert.Equal(emulator.Incidents.Select(m => m.Id), pulled.Select(i => i.ExternalId));
        Assert.Equal(230, pulled.Select(i => i.ExternalId).Distinct().Count());
        Assert.Equal(230, emulator.ServedCount);

        var after = await connector.PullAsync(new PullRequest(checkpoint, 40), None);
        Assert.Empty(after.Items);
        Assert.False(after.HasMore);
        Assert.Equal(checkpoint, after.NextCheckpoint);
    }

    [Fact]
    public async Task PullAsync_SameCheckpointTwice_ReturnsTheSameItems()
    {
        await using var emulator = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 30 });
        await using var services = IncidentManagementTestHost.Build(emulator);
        var connector = services.Connector();
        var first = await connector.PullAsync(new PullRequest(null, 10), None);

        var again = await connector.PullAsync(new PullRequest(first.NextCheckpoint, 10), None);
        var replay = await connector.PullAsync(new PullRequest(first.NextCheckpoint, 10), None);

        Assert.Equal(again.Items.Select(i => i.ExternalId), replay.Items.Select(i => i.ExternalId));
        Assert.Equal(again.NextCheckpoint, replay.NextCheckpoint);
        Assert.Empty(first.Items.Select(i => i.ExternalId).Intersect(again.Items.Select(i => i.ExternalId)));
    }

    [Fact]
    public async Task PullAsync_PageSizeBelowMaxItems_AsksForPageSize()
    {
        await using var emulator = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 60 });
        await using var services = IncidentManagementTestHost.Build(emulator, extra: new Dictionary<string, string?> { ["PageSize"] = "25" });

        var result = await services.Connector().PullAsync(new PullRequest(null, 1000), None);

        Assert.Equal(25, result.Items.Count);
        Assert.True(result.HasMore);
    }

    [Fact]
    public async Task PullAsync_IncidentsAppearOverTime_PullsEachOnceAsItAppears()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2025, 3, 10, 6, 0, 0, TimeSpan.Zero));
        await using var emulator = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions
        {
            TotalIncidents = 20,
            InitialIncidents = 5,
            IncidentsPerSecond = 2,
            TimeProvider = time,
        });
        await using var services = IncidentManagementTestHost.Build(emulator);
        var connector = services.Connector();

        var (first, checkpoint) = await IncidentManagementTestHost.PullAllAsync(connector, 100);
        time.Advance(TimeSpan.FromSeconds(3));
        var (second, checkpoint2) = await IncidentManagementTestHost.PullAllAsync(connector, 100, checkpoint);
        time.Advance(TimeSpan.FromHours(1));
        var (rest, _) = await IncidentManagementTestHost.PullAllAsync(connector, 4, checkpoint2);

        Assert.Equal(5, first.Count);
        Assert.Equal(6, second.Count);
        Assert.Equal(9, rest.Count);
        Assert.Equal(emulator.Incidents.Select(m => m.Id), first.Concat(second).Concat(rest).Select(i => i.ExternalId));
        Assert.All(rest, i => Assert.True(DateTimeOffset.Parse(i.Metadata["detected_at"], CultureInfo.InvariantCulture) <= time.GetUtcNow()));
    }

    [Fact]
    public async Task PullAsync_AddedIncident_MapsEveryField()
    {
        await using var emulator = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 0 });
        var publishedAt = DetectedAt.AddMinutes(-34);
        var photo = new Uri(emulator.BaseAddress, "media/t-1.png").AbsoluteUri;
        emulator.Add(new Incident
        {
            Id = "t-1",
            Network = SocialNetworks.Vk,
            PostUrl = "https://vk.example/wall-1_2",
            Author = new IncidentAuthor("Ольга Петрова", "https://vk.example/id3", IsOrganisation: false),
            Text = "Дом 24 на улице Мира, батареи ледяные.",
            Category = "ЖКХ",
            Topic = "Отопление",
            PublishedAt = publishedAt,
            DetectedAt = DetectedAt,
            Important = true,
            ResponseDeadlineHours = 4,
            Status = IncidentStatuses.New,
            Address = "г. Новоречинск, ул. Мира, д. 24",
            Coordinates = new GeoPoint(57.399306, 45.624107),
            Attachments = [photo],
        });
        await using var services = IncidentManagementTestHost.Build(emulator);

        var item = Assert.Single((await services.Connector().PullAsync(new PullRequest(null, 10), None)).Items);

        Assert.Equal("t-1", item.ExternalId);
        Assert.Equal(MessageKind.Incident, item.Kind);
        Assert.Equal("Дом 24 на улице Мира, батареи ледяные.", item.Text);
        Assert.Equal(publishedAt, item.CreatedAt);
        Assert.Equal(TimeSpan.FromHours(3), item.CreatedAt.Offset);
        Assert.Equal(new AuthorInfo { Name = "Ольга Петрова", IsOrganisation = false }, item.Author);
        Assert.Equal("г. Новоречинск, ул. Мира, д. 24", item.Address);
        Assert.Equal(57.399306, item.Latitude);
        Assert.Equal(45.624107, item.Longitude);
        Assert.Equal("ЖКХ", item.SourceCategory);
        Assert.Equal("Отопление", item.SourceSubcategory);
        Assert.Equal(DetectedAt.AddHours(4), item.DueAt);
        Assert.Equal([photo], item.Attachments);
        Assert.Equal("vk", item.Metadata["network"]);
        Assert.Equal("https://vk.example/wall-1_2", item.Metadata["post_url"]);
        Assert.Equal("Отопление", item.Metadata["topic"]);
        Assert.Equal("true", item.Metadata["important"]);
        Assert.Equal("ЖКХ", item.Metadata["category"]);
        Assert.Equal("new", item.Metadata["status"]);
        Assert.Equal("4", item.Metadata["response_deadline_hours"]);
        Assert.Equal("https://vk.example/id3", item.Metadata["author_url"]);
        Assert.Equal(DetectedAt, DateTimeOffset.Parse(item.Metadata["detected_at"], CultureInfo.InvariantCulture));
        Assert.Equal(publishedAt, DateTimeOffset.Parse(item.Metadata["published_at"], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task PullAsync_IncidentWithoutOptionalFields_UsesDetectionTimeAndNulls()
    {
        await using var emulator = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 0 });
        emulator.Add(new Incident { Id = "bare", Network = SocialNetworks.Telegram, PostUrl = "https://t.example/c/1", Text = "Нет света.", DetectedAt = DetectedAt });
        await using var services = IncidentManagementTestHost.Build(emulator);

        var item = Assert.Single((await services.Connector().PullAsync(new PullRequest(null, 10), None)).Items);

        Assert.Equal(DetectedAt, item.CreatedAt);
        Assert.Null(item.Author);
        Assert.Null(item.Address);
        Assert.Null(item.Latitude);
        Assert.Null(item.SourceCategory);
        Assert.Null(item.SourceSubcategory);
        Assert.Null(item.DueAt);
        Assert.Empty(item.Attachments);
        Assert.Equal("false", item.Metadata["important"]);
        Assert.Equal("telegram", item.Metadata["network"]);
        Assert.False(item.Metadata.ContainsKey("topic"));
        Assert.False(item.Metadata.ContainsKey("published_at"));
        Assert.False(item.Metadata.ContainsKey("response_deadline_hours"));
    }

    [Fact]
    public async Task PullAsync_MapsConfigured_RenameCategoryTopicAndNetwork()
    {
        await using var emulator = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 0 });
        emulator.Add(new Incident { Id = "a", Network = SocialNetworks.Ok, PostUrl = "https://ok.example/1", Text = "Яма.", DetectedAt = DetectedAt, Category = "Дороги", Topic = "Ямы на дорогах" });
        emulator.Add(new Incident { Id = "b", Network = SocialNetworks.Vk, PostUrl = "https://vk.example/2", Text = "Холодно.", DetectedAt = DetectedAt, Category = "ЖКХ", Topic = "Отопление" });
        await using var services = IncidentManagementTestHost.Build(emulator, extra: new Dictionary<string, string?>
        {
            ["CategoryMap:ДОРОГИ"] = "Дорожное хозяйство",
            ["CategoryMap:Ямы на дорогах"] = "Ремонт дорог",
            ["CategoryMap:ЖКХ/Отопление"] = "Теплоснабжение",
            ["CategoryMap:Отопление"] = "не должно примениться",
            ["NetworkMap:OK"] = "odnoklassniki",
        });

        var items = (await services.Connector().PullAsync(new PullRequest(null, 10), None)).Items;

        Assert.Equal(("Дорожное хозяйство", "Ремонт дорог"), (items[0].SourceCategory, items[0].SourceSubcategory));
        Assert.Equal(("ЖКХ", "Теплоснабжение"), (items[1].SourceCategory, items[1].SourceSubcategory));
        Assert.Equal("odnoklassniki", items[0].Metadata["network"]);
        Assert.Equal("vk", items[1].Metadata["network"]);
        Assert.Equal("Ямы на дорогах", items[0].Metadata["topic"]);
    }

    [Fact]
    public async Task PullAsync_SyntheticIncidents_CarryRealisticRussianData()
    {
        await using var emulator = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 300, Seed = 42 });
        await using var services = IncidentManagementTestHost.Build(emulator);

        var (items, _) = await IncidentManagementTestHost.PullAllAsync(services.Connector(), 100);

        Assert.Equal(300, items.Count);
        Assert.All(items, i => Assert.Matches("[А-Яа-яЁё]{3,}", i.Text));
        Assert.All(items, i => Assert.Equal(MessageKind.Incident, i.Kind));
        Assert.All(items, i => Assert.StartsWith(emulator.BaseAddress.AbsoluteUri + "social/" + i.Metadata["network"] + "/", i.Metadata["post_url"], StringComparison.Ordinal));
        Assert.Equal(["ok", "telegram", "vk"], items.Select(i => i.Metadata["network"]).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(items, i => i.Metadata["important"] == "true");
        Assert.Contains(items, i => i.Metadata["important"] == "false");
        Assert.All(items.Where(i => i.Metadata["important"] == "true" && i.DueAt is not null), i => Assert.Equal("4", i.Metadata["response_deadline_hours"]));
        Assert.Contains(items, i => i.DueAt is null);
        Assert.Contains(items, i => i.Author?.IsOrganisation == true);
        Assert.Contains(items, i => i.Attachments.Count > 0);
        Assert.All(items.Where(i => i.Latitude is not null), i => Assert.InRange(i.Latitude!.Value, 57.3, 57.5));
        Assert.True(items.Select(i => i.Text).Distinct().Count() > 200, "texts should vary");
        Assert.True(items.Select(i => i.SourceSubcategory).Distinct().Count() > 12, "topics should vary");
        Assert.All(items, i => Assert.True(i.CreatedAt <= DateTimeOffset.Parse(i.Metadata["detected_at"], CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(429)]
    [InlineData(503)]
    public async Task PullAsync_EmulatorFails_ThrowsWithStatusAndThenRecovers(int statusCode)
    {
        await using var emulator = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 5 });
        await using var services = IncidentManagementTestHost.Build(emulator);
        var connector = services.Connector();
        emulator.FailNext(1, statusCode);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connector.PullAsync(new PullRequest(null, 10), None));
        var result = await connector.PullAsync(new PullRequest(null, 10), None);

        Assert.Equal((HttpStatusCode)statusCode, error.StatusCode);
        Assert.Equal(5, result.Items.Count);
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData(null)]
    public async Task PullAsync_BadToken_ThrowsUnauthorized(string? token)
    {
        await using var emulator = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 5, Token = "верный-токен" });
        await using var services = IncidentManagementTestHost.Build(emulator, token: token);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => services.Connector().PullAsync(new PullRequest(null, 10), None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task PullAsync_RightToken_Succeeds()
    {
        await using var emulator = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 5, Token = "t0k3n" });
        await using var services = IncidentManagementTestHost.Build(emulator, token: "t0k3n");

        var result = await services.Connector().PullAsync(new PullRequest(null, 10), None);

        Assert.Equal(5, result.Items.Count);
    }

    [Theory]
    [InlineData("{\"items\": [{\"id\": \"", "$.items")]
    [InlineData("""{"items":[],"next_cursor":"c"}""", "has_more")]
    [InlineData("""{"items":[],"has_more":false}""", "next_cursor")]
    [InlineData("""{"items":[{"id":"1"}],"next_cursor":"","has_more":false}""", "next_cursor")]
    [InlineData("""{"items":"none","next_cursor":"c","has_more":false}""", "$.items")]
    public async Task PullAsync_EnvelopeBreaksTheContract_ThrowsNamingTheField(string body, string field)
    {
        await using var emulator = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 5 });
        await using var services = IncidentManagementTestHost.Build(emulator);
        emulator.RespondNextWith(body);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => services.Connector().PullAsync(new PullRequest(null, 10), None));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":"2","network":"vk","post_url":"u","text":"Яма"}""", "detected_at")]
    [InlineData("""{"id":"2","post_url":"u","text":"Яма","detected_at":"2025-03-01T10:00:00+03:00"}""", "network")]
    [InlineData("""{"id":"2","network":"vk","post_url":"","text":"Яма","detected_at":"2025-03-01T10:00:00+03:00"}""", "items[1].post_url")]
    [InlineData("""{"id":"","network":"vk","post_url":"u","text":"Яма","detected_at":"2025-03-01T10:00:00+03:00"}""", "items[1].id")]
    [InlineData("""{"id":"2","network":"vk","post_url":"u","text":"Яма","detected_at":"2025-03-01T10:00:00+03:00","published_at":"вчера"}""", "items[1].published_at")]
    [InlineData("""{"id":"2","network":"vk","post_url":"u","text":"Яма","detected_at":"2025-03-01T10:00:00+03:00","coordinates":{"lat":"?","lon":1}}""", "items[1].coordinates.lat")]
    public async Task PullAsync_OneItemBreaksTheContract_KeepsTheOthersAndReportsItWithItsRawJson(string garbled, string field)
    {
        await using var emulator = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 5 });
        await using var services = IncidentManagementTestHost.Build(emulator);
        emulator.RespondNextWith($$"""
            {"items":[
              {"id":"1","network":"vk","post_url":"https://vk.com/wall-1_1","text":"Яма","detected_at":"2025-03-01T10:00:00+03:00"},
              {{garbled}},
              {"id":"3","network":"ok","post_url":"https://ok.ru/group/1/topic/3","text":"Мусор","detected_at":"2025-03-01T11:00:00+03:00"}
            ],"next_cursor":"c3","has_more":false}
            """);

        var result = await services.Connector().PullAsync(new PullRequest(null, 10), None);

        Assert.Equal(["1", "3"], result.Items.Select(i => i.ExternalId));
        var failure = Assert.Single(result.Failures);
        Assert.Equal(garbled, failure.RawPayload);
        Assert.Contains(field, failure.Reason, StringComparison.Ordinal);
        Assert.Equal("c3", result.NextCheckpoint);
    }

    [Fact]
    public async Task Parse_QuarantinedPayloadAfterTheFix_ReturnsTheItemWithTheSameMapping()
    {
        await using var emulator = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 5 });
        await using var services = IncidentManagementTestHost.Build(emulator, extra: new Dictionary<string, string?> { ["NetworkMap:vk"] = "ВКонтакте" });
        emulator.RespondNextWith("""{"items":[{"id":"i-9","network":"vk","post_url":"https://vk.com/wall-1_9","text":"Яма","detected_at":"01.03.2025 10:00","important":true}],"next_cursor":"c","has_more":false}""");
        var failure = Assert.Single((await services.Connector().PullAsync(new PullRequest(null, 10), None)).Failures);
        var parser = Assert.IsAssignableFrom<IRawItemParser>(services.Connector());

        var item = parser.Parse(failure.RawPayload.Replace("01.03.2025 10:00", "2025-03-01T10:00:00+03:00", StringComparison.Ordinal));

        Assert.Equal("i-9", failure.ExternalId);
        Assert.Equal("i-9", item.ExternalId);
        Assert.Equal(MessageKind.Incident, item.Kind);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.FromHours(3)), item.CreatedAt);
        Assert.Equal("ВКонтакте", item.Metadata["network"]);
        Assert.Equal("true", item.Metadata["important"]);
    }

    [Theory]
    [InlineData("""{"id":"9","network":"vk","post_url":"u","text":"Яма","detected_at":"вчера"}""", "detected_at")]
    [InlineData("""{"id":"9","network":" ","post_url":"u","text":"Яма","detected_at":"2025-03-01T10:00:00+03:00"}""", "network")]
    [InlineData("""[1,2]""", "not an object")]
    public async Task Parse_PayloadStillBroken_ThrowsInvalidDataNamingTheField(string raw, string field)
    {
        await using var emulator = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 0 });
        await using var services = IncidentManagementTestHost.Build(emulator);
        var parser = (IRawItemParser)services.Connector();

        var error = Assert.Throws<InvalidDataException>(() => parser.Parse(raw));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PullAsync_BadDeadlineAndCoordinates_DropsThemAndKeepsTheItem()
    {
        await using var emulator = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 5 });
        await using var services = IncidentManagementTestHost.Build(emulator);
        emulator.RespondNextWith("""{"items":[{"id":"1","network":"vk","post_url":"u","text":"Яма","detected_at":"2025-03-01T10:00:00+03:00","response_deadline_hours":-3,"coordinates":{"lat":95,"lon":10}}],"next_cursor":"c","has_more":false}""");

        var item = Assert.Single((await services.Connector().PullAsync(new PullRequest(null, 10), None)).Items);

        Assert.Null(item.DueAt);
        Assert.Null(item.Latitude);
        Assert.False(item.Metadata.ContainsKey("response_deadline_hours"));
    }

    [Fact]
    public async Task PullAsync_CancelledWhileEmulatorDelays_ThrowsOperationCanceled()
    {
        await using var emulator = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions { TotalIncidents = 5 });
        await using var services = IncidentManagementTestHost.Build(emulator);
        emulator.DelayResponses(TimeSpan.FromSeconds(30));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => services.Connector().PullAsync(new PullRequest(null, 10), cancellation.Token));
    }
}

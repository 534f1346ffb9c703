using System.Net;
using MCU.Hub.Channels;
using MCU.Hub.Emulators.Pos;

namespace MCU.Hub.Plugins.Pos.Tests;

public sealed class PosConnectorPullTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task PullAsync_AllPagesThroughCheckpoints_YieldsEveryMessageOnceInOrder()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 230, Seed = 7 });
        await using var services = PosTestHost.Build(emulator);
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
        Assert.Equal(emulator.Messages.Select(m => m.Id), pulled.Select(i => i.ExternalId));
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
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 30 });
        await using var services = PosTestHost.Build(emulator);
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
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 60 });
        await using var services = PosTestHost.Build(emulator, extra: new Dictionary<string, string?> { ["PageSize"] = "25" });

        var result = await services.Connector().PullAsync(new PullRequest(null, 1000), None);

        Assert.Equal(25, result.Items.Count);
        Assert.True(result.HasMore);
    }

    [Fact]
    public async Task PullAsync_MessagesAppearOverTime_PullsEachAsItAppears()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2025, 3, 10, 6, 0, 0, TimeSpan.Zero));
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions
        {
            TotalMessages = 20,
            InitialMessages = 5,
            MessagesPerSecond = 2,
            TimeProvider = time,
        });
        await using var services = PosTestHost.Build(emulator);
        var connector = services.Connector();

        var (first, checkpoint) = await PosTestHost.PullAllAsync(connector, 100);
        time.Advance(TimeSpan.FromSeconds(3));
        var (second, checkpoint2) = await PosTestHost.PullAllAsync(connector, 100, checkpoint);
        time.Advance(TimeSpan.FromHours(1));
        var (rest, _) = await PosTestHost.PullAllAsync(connector, 4, checkpoint2);

        Assert.Equal(5, first.Count);
        Assert.Equal(6, second.Count);
        Assert.Equal(9, rest.Count);
        Assert.Equal(emulator.Messages.Select(m => m.Id), first.Concat(second).Concat(rest).Select(i => i.ExternalId));
        Assert.All(rest, i => Assert.True(i.CreatedAt <= time.GetUtcNow()));
    }

    [Fact]
    public async Task PullAsync_AddedMessage_MapsEveryField()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 0 });
        var createdAt = new DateTimeOffset(2025, 2, 3, 9, 15, 0, TimeSpan.FromHours(3));
        var deadline = createdAt.AddDays(10);
        var photo = new Uri(emulator.BaseAddress, "media/photos/t-1.png").AbsoluteUri;
        emulator.Add(new PosMessage
        {
            Id = "test-1",
            CreatedAt = createdAt,
            Category = new PosCategory(1, "Дороги"),
            Subcategory = new PosCategory(101, "Ямы на дороге"),
            Text = "На улице Ленина у дома 5 огромная яма. Прошу принять меры.",
            Author = new PosAuthor("Иванова Мария Сергеевна", "+79161234567", "maria@example.com"),
            Address = "г. Новоречинск, ул. Ленина, д. 5",
            Coordinates = new PosCoordinates(57.401234, 45.612345),
            Photos = [photo],
            Deadline = deadline,
            Status = PosStatuses.Registered,
            FastTrack = true,
        });
        await using var services = PosTestHost.Build(emulator);

        var item = Assert.Single((await services.Connector().PullAsync(new PullRequest(null, 10), None)).Items);

        Assert.Equal("test-1", item.ExternalId);
        Assert.Equal(MessageKind.Message, item.Kind);
        Assert.Equal("На улице Ленина у дома 5 огромная яма. Прошу принять меры.", item.Text);
        Assert.Equal(createdAt, item.CreatedAt);
        Assert.Equal(TimeSpan.FromHours(3), item.CreatedAt.Offset);
        Assert.Equal(new AuthorInfo { Name = "Иванова Мария Сергеевна", Phone = "+79161234567", Email = "maria@example.com" }, item.Author);
        Assert.Equal("г. Новоречинск, ул. Ленина, д. 5", item.Address);
        Assert.Equal(57.401234, item.Latitude);
        Assert.Equal(45.612345, item.Longitude);
        Assert.Equal("Дороги", item.SourceCategory);
        Assert.Equal("Ямы на дороге", item.SourceSubcategory);
        Assert.Equal(deadline, item.DueAt);
        Assert.Equal([photo], item.Attachments);
        Assert.Equal("registered", item.Metadata["status"]);
        Assert.Equal("true", item.Metadata["fast_track"]);
        Assert.Equal(deadline, DateTimeOffset.Parse(item.Metadata["deadline"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("1", item.Metadata["category_id"]);
        Assert.Equal("101", item.Metadata["subcategory_id"]);
    }

    [Fact]
    public async Task PullAsync_MessageWithoutOptionalFields_MapsThemToNull()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 0 });
        emulator.Add(new PosMessage { Id = "bare", CreatedAt = new DateTimeOffset(2025, 2, 3, 9, 15, 0, TimeSpan.FromHours(3)), Text = "Не работает фонарь." });
        await using var services = PosTestHost.Build(emulator);

        var item = Assert.Single((await services.Connector().PullAsync(new PullRequest(null, 10), None)).Items);

        Assert.Null(item.Author);
        Assert.Null(item.Address);
        Assert.Null(item.Latitude);
        Assert.Null(item.Longitude);
        Assert.Null(item.SourceCategory);
        Assert.Null(item.SourceSubcategory);
        Assert.Null(item.DueAt);
        Assert.Empty(item.Attachments);
        Assert.Equal("false", item.Metadata["fast_track"]);
        Assert.False(item.Metadata.ContainsKey("deadline"));
        Assert.False(item.Metadata.ContainsKey("satisfaction"));
    }

    [Fact]
    public async Task PullAsync_RatedMessage_MapsTheCitizensRating_DropsOneOutOfScale()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 0 });
        var at = new DateTimeOffset(2025, 2, 3, 9, 15, 0, TimeSpan.FromHours(3));
        emulator.Add(new PosMessage { Id = "rated", CreatedAt = at, Text = "Не работает фонарь.", Status = "closed", Rating = 4 });
        emulator.Add(new PosMessage { Id = "odd", CreatedAt = at, Text = "Не работает фонарь.", Status = "closed", Rating = 9 });
        await using var services = PosTestHost.Build(emulator);

        var items = (await services.Connector().PullAsync(new PullRequest(null, 10), None)).Items;

        Assert.Equal("4", items.Single(i => i.ExternalId == "rated").Metadata["satisfaction"]);
        Assert.False(items.Single(i => i.ExternalId == "odd").Metadata.ContainsKey("satisfaction"));
    }

    [Fact]
    public async Task PullAsync_CategoryMapConfigured_RenamesCategoryAndSubcategory()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 0 });
        var createdAt = new DateTimeOffset(2025, 2, 3, 9, 15, 0, TimeSpan.FromHours(3));
        emulator.Add(new PosMessage { Id = "a", CreatedAt = createdAt, Text = "Яма.", Category = new(1, "Дороги"), Subcategory = new(101, "Ямы на дороге") });
        emulator.Add(new PosMessage { Id = "b", CreatedAt = createdAt, Text = "Холодно.", Category = new(2, "ЖКХ"), Subcategory = new(201, "Отопление") });
        await using var services = PosTestHost.Build(emulator, extra: new Dictionary<string, string?>
        {
            ["CategoryMap:ДОРОГИ"] = "Дорожное хозяйство",
            ["CategoryMap:Ямы на дороге"] = "Ремонт дорог",
            ["CategoryMap:ЖКХ/Отопление"] = "Теплоснабжение",
            ["CategoryMap:Отопление"] = "не должно примениться",
        });

        var items = (await services.Connector().PullAsync(new PullRequest(null, 10), None)).Items;

        Assert.Equal(("Дорожное хозяйство", "Ремонт дорог"), (items[0].SourceCategory, items[0].SourceSubcategory));
        Assert.Equal(("ЖКХ", "Теплоснабжение"), (items[1].SourceCategory, items[1].SourceSubcategory));
        Assert.Equal("Дороги", items[0].Metadata["category"]);
    }

    [Fact]
    public async Task PullAsync_SyntheticMessages_CarryRussianDataAndEmulatorPhotoLinks()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 200, Seed = 42 });
        await using var services = PosTestHost.Build(emulator);

        var (items, _) = await PosTestHost.PullAllAsync(services.Connector(), 100);

        Assert.Equal(200, items.Count);
        Assert.All(items, i => Assert.Matches("[А-Яа-яЁё]{3,}", i.Text));
        Assert.All(items, i => Assert.NotNull(i.SourceCategory));
        Assert.All(items.SelectMany(i => i.Attachments), a => Assert.StartsWith(emulator.BaseAddress.AbsoluteUri, a, StringComparison.Ordinal));
        Assert.All(items.Where(i => i.Latitude is not null), i => Assert.InRange(i.Latitude!.Value, 57.3, 57.5));
        Assert.All(items.Where(i => i.Author?.Phone is not null), i => Assert.Matches(@"^\+79\d{9}$", i.Author!.Phone!));
        Assert.Contains(items, i => i.Attachments.Count > 0);
        Assert.Contains(items, i => i.Latitude is null);
        Assert.Contains(items, i => i.Metadata["fast_track"] == "true");
        Assert.True(items.Select(i => i.Text).Distinct().Count() > 150, "texts should vary");
        Assert.True(items.Select(i => i.SourceSubcategory).Distinct().Count() > 10, "subcategories should vary");
        Assert.Equal(items.OrderBy(i => i.CreatedAt).Select(i => i.ExternalId), items.Select(i => i.ExternalId));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(429)]
    [InlineData(503)]
    public async Task PullAsync_EmulatorFails_ThrowsWithStatusAndThenRecovers(int statusCode)
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 5 });
        await using var services = PosTestHost.Build(emulator);
        var connector = services.Connector();
        emulator.FailNext(1, statusCode);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connector.PullAsync(new PullRequest(null, 10), None));
        var result = await connector.PullAsync(new PullRequest(null, 10), None);

        Assert.Equal((HttpStatusCode)statusCode, error.StatusCode);
        Assert.Equal(5, result.Items.Count);
    }

    [Fact]
    public async Task PullAsync_WrongToken_ThrowsUnauthorized()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 5, Token = "верный-токен" });
        await using var services = PosTestHost.Build(emulator, token: "wrong");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => services.Connector().PullAsync(new PullRequest(null, 10), None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task PullAsync_NoTokenConfigured_ThrowsUnauthorized()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 5, Token = "t0k3n" });
        await using var services = PosTestHost.Build(emulator);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => services.Connector().PullAsync(new PullRequest(null, 10), None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task PullAsync_RightToken_Succeeds()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 5, Token = "t0k3n" });
        await using var services = PosTestHost.Build(emulator, token: "t0k3n");

        var result = await services.Connector().PullAsync(new PullRequest(null, 10), None);

        Assert.Equal(5, result.Items.Count);
    }

    [Fact]
    public async Task PullAsync_TruncatedBody_ThrowsInvalidData()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 5 });
        await using var services = PosTestHost.Build(emulator);
        emulator.RespondNextWith("{\"items\": [{\"id\": \"");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => services.Connector().PullAsync(new PullRequest(null, 10), None));

        Assert.Contains("$.items", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"items":[],"next_cursor":"c"}""", "has_more")]
    [InlineData("""{"items":[{"id":"1","created_at":"2025-03-01T10:00:00+03:00","text":"Яма"}],"has_more":false}""", "next_cursor")]
    [InlineData("""{"items":[{"id":"1","created_at":"2025-03-01T10:00:00+03:00","text":"Яма"}],"next_cursor":null,"has_more":false}""", "next_cursor")]
    [InlineData("""{"items":[{"id":"1","created_at":"2025-03-01T10:00:00+03:00","text":"Яма"}],"next_cursor":"","has_more":false}""", "next_cursor")]
    [InlineData("""{"items":{"id":"1"},"next_cursor":"c","has_more":false}""", "$.items")]
    [InlineData("""{"next_cursor":"c","has_more":false}""", "items")]
    [InlineData("""<html>502 Bad Gateway</html>""", "$")]
    public async Task PullAsync_EnvelopeBreaksTheContract_ThrowsNamingTheField(string body, string field)
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 5 });
        await using var services = PosTestHost.Build(emulator);
        emulator.RespondNextWith(body);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => services.Connector().PullAsync(new PullRequest(null, 10), None));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":"2","text":"Яма"}""", "created_at")]
    [InlineData("""{"id":"2","created_at":"2025-03-01T10:00:00+03:00","text":null}""", "text")]
    [InlineData("""{"id":"2","created_at":"вчера","text":"Яма"}""", "items[1].created_at")]
    [InlineData("""{"id":"","created_at":"2025-03-01T10:00:00+03:00","text":"Яма"}""", "items[1].id")]
    [InlineData("""{"id":"2","created_at":"2025-03-01T10:00:00+03:00","text":"Яма","coordinates":{"lat":"north","lon":45.6}}""", "items[1].coordinates.lat")]
    [InlineData("""{"id":"2","created_at":"2025-03-01T10:00:00+03:00","text":"Яма","category":{"id":1}}""", "name")]
    [InlineData("""null""", "items[1] is null")]
    [InlineData("""["2"]""", "items[1] is an array")]
    public async Task PullAsync_OneItemBreaksTheContract_KeepsTheOthersAndReportsItWithItsRawJson(string garbled, string field)
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 5 });
        await using var services = PosTestHost.Build(emulator);
        emulator.RespondNextWith($$"""
            {"items":[
              {"id":"1","created_at":"2025-03-01T10:00:00+03:00","text":"Яма у дома 5"},
              {{garbled}},
              {"id":"3","created_at":"2025-03-01T11:00:00+03:00","text":"Не горит фонарь"}
            ],"next_cursor":"c3","has_more":true}
            """);

        var result = await services.Connector().PullAsync(new PullRequest(null, 10), None);

        Assert.Equal(["1", "3"], result.Items.Select(i => i.ExternalId));
        var failure = Assert.Single(result.Failures);
        Assert.Equal(garbled, failure.RawPayload);
        Assert.Contains(field, failure.Reason, StringComparison.Ordinal);
        Assert.Equal("c3", result.NextCheckpoint);
        Assert.True(result.HasMore);
    }

    [Fact]
    public async Task PullAsync_GarbledItem_FailureCarriesItsIdWhenReadable()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 5 });
        await using var services = PosTestHost.Build(emulator);
        emulator.RespondNextWith("""{"items":[{"id":"77","created_at":"вчера","text":"Яма"},{"id":78,"text":"Яма"}],"next_cursor":"c","has_more":false}""");

        var result = await services.Connector().PullAsync(new PullRequest(null, 10), None);

        Assert.Empty(result.Items);
        Assert.Equal(["77", "78"], result.Failures.Select(f => f.ExternalId));
    }

    [Fact]
    public async Task PullAsync_PageOfGarbledItemsThatClaimsMore_StillAdvancesAndSaysMore()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 5 });
        await using var services = PosTestHost.Build(emulator);
        emulator.RespondNextWith("""{"items":[{"id":"1"},{"id":"2"}],"next_cursor":"c2","has_more":true}""");

        var result = await services.Connector().PullAsync(new PullRequest("c0", 10), None);

        Assert.Empty(result.Items);
        Assert.Equal(2, result.Failures.Count);
        Assert.Equal("c2", result.NextCheckpoint);
        Assert.True(result.HasMore);
    }

    [Fact]
    public async Task Parse_QuarantinedPayloadAfterTheFix_ReturnsTheItemWithTheSameMapping()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 5 });
        await using var services = PosTestHost.Build(emulator, extra: new Dictionary<string, string?> { ["CategoryMap:Дороги"] = "Дорожное хозяйство" });
        emulator.RespondNextWith("""{"items":[{"id":"9","created_at":"10.03.2025","text":"Яма","category":{"id":1,"name":"Дороги"},"coordinates":{"lat":57.4,"lon":45.6}}],"next_cursor":"c","has_more":false}""");
        var failure = Assert.Single((await services.Connector().PullAsync(new PullRequest(null, 10), None)).Failures);
        var parser = Assert.IsAssignableFrom<IRawItemParser>(services.Connector());

        var item = parser.Parse(failure.RawPayload.Replace("10.03.2025", "2025-03-10T09:15:00+03:00", StringComparison.Ordinal));

        Assert.Equal("9", item.ExternalId);
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 9, 15, 0, TimeSpan.FromHours(3)), item.CreatedAt);
        Assert.Equal("Дорожное хозяйство", item.SourceCategory);
        Assert.Equal("Дороги", item.Metadata["category"]);
        Assert.Equal((57.4, 45.6), (item.Latitude!.Value, item.Longitude!.Value));
    }

    [Theory]
    [InlineData("""{"id":"9","created_at":"10.03.2025","text":"Яма"}""", "created_at")]
    [InlineData("""{"id":" ","created_at":"2025-03-10T09:15:00+03:00","text":"Яма"}""", "id")]
    [InlineData("""{"id":"9",""", "not JSON")]
    public async Task Parse_PayloadStillBroken_ThrowsInvalidDataNamingTheField(string raw, string field)
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 0 });
        await using var services = PosTestHost.Build(emulator);
        var parser = (IRawItemParser)services.Connector();

        var error = Assert.Throws<InvalidDataException>(() => parser.Parse(raw));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PullAsync_BaseAddressWithPathAndNoSlash_KeepsThePath()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 5 });
        await using var services = PosTestHost.Build(new Dictionary<string, string?> { ["BaseAddress"] = emulator.BaseAddress.AbsoluteUri + "gateway" });

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => services.Connector().PullAsync(new PullRequest(null, 10), None));

        // The emulator has no /gateway prefix: a 404 proves the path was kept rather than replaced.
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal(0, emulator.RequestCount);
    }

    [Fact]
    public async Task PullAsync_CancelledWhileEmulatorDelays_ThrowsOperationCanceled()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 5 });
        await using var services = PosTestHost.Build(emulator);
        emulator.DelayResponses(TimeSpan.FromSeconds(30));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => services.Connector().PullAsync(new PullRequest(null, 10), cancellation.Token));
    }
}

using System.Globalization;
using System.Net;
using MCU.Hub.Channels;
using MCU.Hub.Emulators.Common;
using MCU.Hub.Emulators.PayAttention;

namespace MCU.Hub.Plugins.PayAttention.Tests;

public sealed class PayAttentionConnectorPullTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset CreatedAt = new(2025, 3, 10, 9, 15, 0, TimeSpan.FromHours(3));

    [Fact]
    public async Task PullAsync_AllPagesThroughCheckpoints_YieldsEveryMessageOnceInOrder()
    {
        await using var emulator = await PayAttentionEmulator.StartAsync(new PayAttentionEmulatorOptions { TotalMessages = 230, Seed = 7 });
        await using var services = PayAttentionTestHost.Build(emulator);
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
        await using var emulator = await PayAttentionEmulator.StartAsync(new PayAttentionEmulatorOptions { TotalMessages = 30 });
        await using var services = PayAttentionTestHost.Build(emulator);
        var connector = services.Connector();
        var first = await connector.PullAsync(new PullRequest(null, 10), None);

        var again = await connector.PullAsync(new PullRequest(first.NextCheckpoint, 10), None);
        var replay = await connector.PullAsync(new PullRequest(first.NextCheckpoint, 10), None);

        Assert.Equal(again.Items.Select(i => i.ExternalId), replay.Items.Select(i => i.ExternalId));
        Assert.Equal(again.NextCheckpoint, replay.NextCheckpoint);
        Assert.Empty(first.Items.Select(i => i.ExternalId).Intersect(again.Items.Select(i => i.ExternalId)));
    }

    [Fact]
    public async Task PullAsync_MessagesAppearOverTime_PullsEachOnceAsItAppears()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2025, 3, 10, 6, 0, 0, TimeSpan.Zero));
        await using var emulator = await PayAttentionEmulator.StartAsync(new PayAttentionEmulatorOptions
        {
            TotalMessages = 20,
            InitialMessages = 5,
            MessagesPerSecond = 2,
            TimeProvider = time,
        });
        await using var services = PayAttentionTestHost.Build(emulator, extra: new Dictionary<string, string?> { ["PageSize"] = "3" });
        var connector = services.Connector();

        var (first, checkpoint) = await PayAttentionTestHost.PullAllAsync(connector, 100);
        time.Advance(TimeSpan.FromSeconds(3));
        var (second, checkpoint2) = await PayAttentionTestHost.PullAllAsync(connector, 100, checkpoint);
        time.Advance(TimeSpan.FromHours(1));
        var (rest, _) = await PayAttentionTestHost.PullAllAsync(connector, 100, checkpoint2);

        Assert.Equal(5, first.Count);
        Assert.Equal(6, second.Count);
        Assert.Equal(9, rest.Count);
        Assert.Equal(emulator.Messages.Select(m => m.Id), first.Concat(second).Concat(rest).Select(i => i.ExternalId));
        Assert.All(rest, i => Assert.True(i.CreatedAt <= time.GetUtcNow()));
    }

    [Fact]
    public async Task PullAsync_AddedMessage_MapsEveryField()
    {
        await using var emulator = await PayAttentionEmulator.StartAsync(new PayAttentionEmulatorOptions { TotalMessages = 0 });
        var due = new DateTimeOffset(2025, 3, 25, 23, 59, 59, TimeSpan.FromHours(3));
        var photo = new Uri(emulator.BaseAddress, "media/t-1.png").AbsoluteUri;
        emulator.Add(new PayAttentionMessage
        {
            Id = "t-1",
            CreatedAt = CreatedAt,
            Category = "Двор и благоустройство",
            Subcategory = "Детская площадка",
            Text = "Детская площадка во дворе дома 12 в аварийном состоянии.",
            Author = new PayAttentionAuthor("Соколова Анна Викторовна", "+79051234567", "anna@example.org"),
            Address = "г. Новоречинск, ул. Чкалова, д. 12",
            Location = new GeoPoint(57.405113, 45.598407),
            District = "Центральный район",
            Photos = [photo, " "],
            AnswerDue = due,
            Status = PayAttentionStatuses.Review,
        });
        await using var services = PayAttentionTestHost.Build(emulator);

        var item = Assert.Single((await services.Connector().PullAsync(new PullRequest(null, 10), None)).Items);

        Assert.Equal("t-1", item.ExternalId);
        Assert.Equal(MessageKind.Message, item.Kind);
        Assert.Equal("Детская площадка во дворе дома 12 в аварийном состоянии.", item.Text);
        Assert.Equal(CreatedAt, item.CreatedAt);
        Assert.Equal(TimeSpan.FromHours(3), item.CreatedAt.Offset);
        Assert.Equal(new AuthorInfo { Name = "Соколова Анна Викторовна", Phone = "+79051234567", Email = "anna@example.org" }, item.Author);
        Assert.Equal("г. Новоречинск, ул. Чкалова, д. 12", item.Address);
        Assert.Equal(57.405113, item.Latitude);
        Assert.Equal(45.598407, item.Longitude);
        Assert.Equal("Двор и благоустройство", item.SourceCategory);
        Assert.Equal("Детская площадка", item.SourceSubcategory);
        Assert.Equal(due, item.DueAt);
        Assert.Equal([photo], item.Attachments);
        Assert.Equal("Двор и благоустройство", item.Metadata["category"]);
        Assert.Equal("Детская площадка", item.Metadata["subcategory"]);
        Assert.Equal("review", item.Metadata["status"]);
        Assert.Equal("Центральный район", item.Metadata["district"]);
        Assert.Equal(due, DateTimeOffset.Parse(item.Metadata["answer_due"], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task PullAsync_MessageWithoutOptionalFields_MapsThemToNull()
    {
        await using var emulator = await PayAttentionEmulator.StartAsync(new PayAttentionEmulatorOptions { TotalMessages = 0 });
        emulator.Add(new PayAttentionMessage { Id = "bare", CreatedAt = CreatedAt, Text = "Не горят фонари." });
        await using var services = PayAttentionTestHost.Build(emulator);

        var item = Assert.Single((await services.Connector().PullAsync(new PullRequest(null, 10), None)).Items);

        Assert.Null(item.Author);
        Assert.Null(item.Address);
        Assert.Null(item.Latitude);
        Assert.Null(item.Longitude);
        Assert.Null(item.SourceCategory);
        Assert.Null(item.SourceSubcategory);
        Assert.Null(item.DueAt);
        Assert.Empty(item.Attachments);
        Assert.Equal(["status"], item.Metadata.Keys);
    }

    [Fact]
    public async Task PullAsync_CategoryMapConfigured_RenamesCategoryAndSubcategory()
    {
        await using var emulator = await PayAttentionEmulator.StartAsync(new PayAttentionEmulatorOptions { TotalMessages = 0 });
        emulator.Add(new PayAttentionMessage { Id = "a", CreatedAt = CreatedAt, Text = "Яма.", Category = "Дороги и тротуары", Subcategory = "Ямы и выбоины" });
        emulator.Add(new PayAttentionMessage { Id = "b", CreatedAt = CreatedAt, Text = "Холодно.", Category = "ЖКХ", Subcategory = "Отопление" });
        await using var services = PayAttentionTestHost.Build(emulator, extra: new Dictionary<string, string?>
        {
            ["CategoryMap:дороги и тротуары"] = "Дороги",
            ["CategoryMap:Ямы и выбоины"] = "Ремонт дорог",
            ["CategoryMap:ЖКХ/Отопление"] = "Теплоснабжение",
            ["CategoryMap:Отопление"] = "не должно примениться",
        });

        var items = (await services.Connector().PullAsync(new PullRequest(null, 10), None)).Items;

        Assert.Equal(("Дороги", "Ремонт дорог"), (items[0].SourceCategory, items[0].SourceSubcategory));
        Assert.Equal(("ЖКХ", "Теплоснабжение"), (items[1].SourceCategory, items[1].SourceSubcategory));
        Assert.Equal("Дороги и тротуары", items[0].Metadata["category"]);
    }

    [Fact]
    public async Task PullAsync_SyntheticMessages_CarryRealisticRussianData()
    {
        await using var emulator = await PayAttentionEmulator.StartAsync(new PayAttentionEmulatorOptions { TotalMessages = 250, Seed = 42 });
        await using var services = PayAttentionTestHost.Build(emulator);

        var (items, _) = await PayAttentionTestHost.PullAllAsync(services.Connector(), 100);

        Assert.Equal(250, items.Count);
        Assert.All(items, i => Assert.Matches("[А-Яа-яЁё]{3,}", i.Text));
        Assert.All(items, i => Assert.NotNull(i.SourceCategory));
        Assert.All(items, i => Assert.StartsWith("г. Новоречинск, ", i.Address, StringComparison.Ordinal));
        Assert.All(items.SelectMany(i => i.Attachments), a => Assert.StartsWith(emulator.BaseAddress.AbsoluteUri, a, StringComparison.Ordinal));
        Assert.All(items.Where(i => i.Latitude is not null), i => Assert.InRange(i.Latitude!.Value, 57.3, 57.5));
        Assert.All(items.Where(i => i.Author?.Phone is not null), i => Assert.Matches(@"^\+79\d{9}$", i.Author!.Phone!));
        Assert.All(items.Where(i => i.DueAt is not null), i => Assert.True(i.DueAt > i.CreatedAt));
        Assert.Contains(items, i => i.Latitude is null);
        Assert.Contains(items, i => i.DueAt is null);
        Assert.Equal(3, items.Where(i => i.Metadata.ContainsKey("district")).Select(i => i.Metadata["district"]).Distinct().Count());
        Assert.True(items.Select(i => i.Text).Distinct().Count() > 200, "texts should vary");
        Assert.True(items.Select(i => i.SourceSubcategory).Distinct().Count() > 15, "subcategories should vary");
        Assert.Equal(items.OrderBy(i => i.CreatedAt).Select(i => i.ExternalId), items.Select(i => i.ExternalId));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(429)]
    [InlineData(503)]
    public async Task PullAsync_EmulatorFails_ThrowsWithStatusAndThenRecovers(int statusCode)
    {
        await using var emulator = await PayAttentionEmulator.StartAsync(new PayAttentionEmulatorOptions { TotalMessages = 5 });
        await using var services = PayAttentionTestHost.Build(emulator);
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
        await using var emulator = await PayAttentionEmulator.StartAsync(new PayAttentionEmulatorOptions { TotalMessages = 5, Token = "верный-токен" });
        await using var services = PayAttentionTestHost.Build(emulator, token: token);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => services.Connector().PullAsync(new PullRequest(null, 10), None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task PullAsync_RightToken_Succeeds()
    {
        await using var emulator = await PayAttentionEmulator.StartAsync(new PayAttentionEmulatorOptions { TotalMessages = 5, Token = "t0k3n" });
        await using var services = PayAttentionTestHost.Build(emulator, token: "t0k3n");

        var result = await services.Connector().PullAsync(new PullRequest(null, 10), None);

        Assert.Equal(5, result.Items.Count);
    }

    [Theory]
    [InlineData("{\"items\": [{\"id\": \"", "$.items")]
    [InlineData("""{"items":[],"next_cursor":"c"}""", "has_more")]
    [InlineData("""{"items":[],"has_more":false}""", "next_cursor")]
    [InlineData("""{"items":[{"id":"1"}],"next_cursor":"","has_more":false}""", "next_cursor")]
    [InlineData("""{"items":null,"next_cursor":"c","has_more":false}""", "items")]
    public async Task PullAsync_EnvelopeBreaksTheContract_ThrowsNamingTheField(string body, string field)
    {
        await using var emulator = await PayAttentionEmulator.StartAsync(new PayAttentionEmulatorOptions { TotalMessages = 5 });
        await using var services = PayAttentionTestHost.Build(emulator);
        emulator.RespondNextWith(body);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => services.Connector().PullAsync(new PullRequest(null, 10), None));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":"2","text":"Яма"}""", "created_at")]
    [InlineData("""{"id":"2","created_at":"2025-03-01T10:00:00+03:00","text":null}""", "text")]
    [InlineData("""{"id":"2","created_at":"2025-03-01T10:00:00+03:00","text":"Яма","location":{"lat":57}}""", "lon")]
    [InlineData("""{"id":"","created_at":"2025-03-01T10:00:00+03:00","text":"Яма"}""", "items[1].id")]
    [InlineData("""{"id":"2","created_at":"2025-03-01T10:00:00+03:00","text":"Яма","answer_due":"скоро"}""", "items[1].answer_due")]
    public async Task PullAsync_OneItemBreaksTheContract_KeepsTheOthersAndReportsItWithItsRawJson(string garbled, string field)
    {
        await using var emulator = await PayAttentionEmulator.StartAsync(new PayAttentionEmulatorOptions { TotalMessages = 5 });
        await using var services = PayAttentionTestHost.Build(emulator);
        emulator.RespondNextWith($$"""
            {"items":[
              {"id":"1","created_at":"2025-03-01T10:00:00+03:00","text":"Яма у дома 5"},
              {{garbled}},
              {"id":"3","created_at":"2025-03-01T11:00:00+03:00","text":"Не горит фонарь"}
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
        await using var emulator = await PayAttentionEmulator.StartAsync(new PayAttentionEmulatorOptions { TotalMessages = 5 });
        await using var services = PayAttentionTestHost.Build(emulator);
        emulator.RespondNextWith("""{"items":[{"id":"pa-9","created_at":"2025-03-01T10:00:00+03:00","text":"Яма","district":"Заводской","location":{"lat":57.4}}],"next_cursor":"c","has_more":false}""");
        var failure = Assert.Single((await services.Connector().PullAsync(new PullRequest(null, 10), None)).Failures);
        var parser = Assert.IsAssignableFrom<IRawItemParser>(services.Connector());

        var item = parser.Parse(failure.RawPayload.Replace("{\"lat\":57.4}", "{\"lat\":57.4,\"lon\":45.6}", StringComparison.Ordinal));

        Assert.Equal("pa-9", failure.ExternalId);
        Assert.Equal("pa-9", item.ExternalId);
        Assert.Equal((57.4, 45.6), (item.Latitude!.Value, item.Longitude!.Value));
        Assert.Equal("Заводской", item.Metadata["district"]);
    }

    [Theory]
    [InlineData("""{"id":"9","created_at":"вчера","text":"Яма"}""", "created_at")]
    [InlineData("""{"id":"","created_at":"2025-03-01T10:00:00+03:00","text":"Яма"}""", "id")]
    [InlineData("""не JSON""", "not JSON")]
    public async Task Parse_PayloadStillBroken_ThrowsInvalidDataNamingTheField(string raw, string field)
    {
        await using var emulator = await PayAttentionEmulator.StartAsync(new PayAttentionEmulatorOptions { TotalMessages = 0 });
        await using var services = PayAttentionTestHost.Build(emulator);
        var parser = (IRawItemParser)services.Connector();

        var error = Assert.Throws<InvalidDataException>(() => parser.Parse(raw));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }
}

using System.Globalization;
using System.Net;
using MCU.Hub.Channels;
using MCU.Hub.Emulators.Common;
using MCU.Hub.Emulators.Edds;

namespace MCU.Hub.Plugins.Edds.Tests;

public sealed class EddsConnectorPullTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Received = new(2025, 3, 10, 7, 41, 12, TimeSpan.FromHours(3));
    private static readonly string[] ServicesSeen = ["01", "02", "03", "04", "ЖКХ", "ДОРОГИ"];

    private static Task<EddsEmulator> StartAsync(int cards, ManualTimeProvider? time = null, string? token = null, int seed = 1) =>
        EddsEmulator.StartAsync(new EddsEmulatorOptions { TotalCards = cards, Seed = seed, Token = token, TimeProvider = time ?? new ManualTimeProvider(EddsTestHost.Start) });

    private static EddsCard WaterMainBreak(string id = "t-1") => new()
    {
        Id = id,
        ReceivedAt = Received,
        UpdatedAt = Received,
        Source = EddsCallSources.Call112,
        Category = "ЖКХ",
        Type = "Авария на сетях водоснабжения",
        Description = "Порыв водопровода на улице Мира у дома 17, вода заливает проезжую часть",
        Address = "г. Новоречинск, ул. Мира, д. 17",
        Coordinates = new GeoPoint(57.404411, 45.631902),
        Severity = EddsSeverities.High,
        Services = [EddsServices.Utilities],
        Status = EddsCardStatuses.InProgress,
        NeedsMunicipalResponse = true,
        Caller = new EddsCaller("Ирина", "+79201234567"),
    };

    [Fact]
    public async Task PullAsync_AllThroughCheckpoints_YieldsEveryCardVersionOnceInOrder()
    {
        var time = new ManualTimeProvider(EddsTestHost.Start);
        await using var emulator = await StartAsync(230, time, seed: 7);
        time.Advance(TimeSpan.FromDays(2));
        await using var services = EddsTestHost.Build(emulator);

        var (records, items, checkpoint) = await EddsTestHost.PullAllAsync(services.Connector(), 40);

        var versions = emulator.Versions;
        Assert.Equal(versions.Select(v => (v.Id, v.UpdatedAt)), records.Select(r => (r.ExternalId, r.OccurredAt)));
        Assert.All(records, r => Assert.Equal("call", r.Type));
        Assert.Equal(230, records.Select(r => r.ExternalId).Distinct().Count());
        Assert.True(records.Count > 400, $"most cards are registered and closed as separate versions, got {records.Count} versions");
        Assert.Equal(versions.Count, emulator.ServedCount);
        Assert.Equal(
            versions.Where(v => v.NeedsMunicipalResponse && v.NoResponseReason is null).Select(v => v.Id),
            items.Select(i => i.ExternalId));

        var after = await services.Connector().PullAsync(new PullRequest(checkpoint, 40), None);
        Assert.Empty(after.Records);
        Assert.False(after.HasMore);
        Assert.Equal(checkpoint, after.NextCheckpoint);
    }

    [Fact]
    public async Task PullAsync_CardsClosedLater_AreDeliveredAgainWithANewerOccurredAtThatWins()
    {
        var time = new ManualTimeProvider(EddsTestHost.Start);
        await using var emulator = await StartAsync(120, time);
        await using var services = EddsTestHost.Build(emulator);
        var connector = services.Connector();

        var (before, itemsBefore, checkpoint) = await EddsTestHost.PullAllAsync(connector, 50);
        time.Advance(TimeSpan.FromDays(1));
        var (later, itemsLater, _) = await EddsTestHost.PullAllAsync(connector, 50, checkpoint);

        Assert.Contains(before, r => !r.Fields.ContainsKey("closed_at"));
        Assert.NotEmpty(later);
        foreach (var update in later)
        {
            var earlier = before.Where(r => r.ExternalId == update.ExternalId).ToArray();
            Assert.NotEmpty(earlier);
            Assert.True(update.OccurredAt > earlier.Max(r => r.OccurredAt));
        }

        var newest = before.Concat(later).GroupBy(r => r.ExternalId).Select(g => g.MaxBy(r => r.OccurredAt)!).ToDictionary(r => r.ExternalId);
        Assert.All(emulator.Cards, card =>
        {
            Assert.Equal("closed", newest[card.Id].Fields["status"]);
            Assert.Equal(card.ClosedAt, DateTimeOffset.Parse(newest[card.Id].Fields["closed_at"], CultureInfo.InvariantCulture));
        });
        Assert.All(itemsLater, i => Assert.Contains(itemsBefore, b => b.ExternalId == i.ExternalId));
    }

    [Fact]
    public async Task PullAsync_AddedCardThenClosed_MapsEveryFieldAndRedeliversTheSameItem()
    {
        await using var emulator = await StartAsync(0);
        emulator.Add(WaterMainBreak());
        await using var services = EddsTestHost.Build(emulator);
        var connector = services.Connector();

        var first = await connector.PullAsync(new PullRequest(null, 10), None);
        var closedAt = Received.AddHours(7).AddMinutes(21);
        emulator.Update(WaterMainBreak() with { UpdatedAt = closedAt, Status = EddsCardStatuses.Closed, ClosedAt = closedAt });
        var second = await connector.PullAsync(new PullRequest(first.NextCheckpoint, 10), None);

        var record = Assert.Single(first.Records);
        Assert.Equal(("call", "t-1", Received), (record.Type, record.ExternalId, record.OccurredAt));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["received_at"] = "2025-03-10T07:41:12.0000000+03:00",
                ["type"] = "Авария на сетях водоснабжения",
                ["address"] = "г. Новоречинск, ул. Мира, д. 17",
                ["severity"] = "high",
                ["service"] = "ЖКХ",
                ["needs_municipal_response"] = "true",
                ["category"] = "ЖКХ",
                ["status"] = "in_progress",
                ["source"] = "112",
            },
            record.Fields);

        var item = Assert.Single(first.Items);
        Assert.Equal("t-1", item.ExternalId);
        Assert.Equal(MessageKind.EmergencyCall, item.Kind);
        Assert.Equal(
            "Карточка ЕДДС № t-1 от 10.03.2025 07:41: Авария на сетях водоснабжения. Порыв водопровода на улице Мира у дома 17, вода заливает проезжую часть. Адрес: г. Новоречинск, ул. Мира, д. 17. Передано: ЖКХ. Критичность: высокая.",
            item.Text);
        Assert.Equal(Received, item.CreatedAt);
        Assert.Equal(new AuthorInfo { Name = "Ирина", Phone = "+79201234567" }, item.Author);
        Assert.Equal("г. Новоречинск, ул. Мира, д. 17", item.Address);
        Assert.Equal((57.404411, 45.631902), (item.Latitude!.Value, item.Longitude!.Value));
        Assert.Equal(("ЖКХ", "Авария на сетях водоснабжения"), (item.SourceCategory, item.SourceSubcategory));
        Assert.Null(item.DueAt);
        Assert.Equal("t-1", item.Metadata["card_id"]);
        Assert.Equal("high", item.Metadata["severity"]);
        Assert.Equal("ЖКХ", item.Metadata["service"]);

        var closed = Assert.Single(second.Records);
        Assert.Equal(("t-1", closedAt), (closed.ExternalId, closed.OccurredAt));
        Assert.Equal("closed", closed.Fields["status"]);
        Assert.Equal(closedAt, DateTimeOffset.Parse(closed.Fields["closed_at"], CultureInfo.InvariantCulture));
        Assert.Equal("t-1", Assert.Single(second.Items).ExternalId);
    }

    [Theory]
    [InlineData(EddsNoResponseReasons.Reference)]
    [InlineData(EddsNoResponseReasons.FalseCall)]
    [InlineData(EddsNoResponseReasons.Prank)]
    public async Task PullAsync_CallNeedingNoResponse_IsARecordOnly(string reason)
    {
        await using var emulator = await StartAsync(0);
        emulator.Add(WaterMainBreak() with { Status = EddsCardStatuses.Closed, ClosedAt = Received.AddMinutes(3), NoResponseReason = reason, Services = [] });
        await using var services = EddsTestHost.Build(emulator);

        var result = await services.Connector().PullAsync(new PullRequest(null, 10), None);

        Assert.Empty(result.Items);
        var record = Assert.Single(result.Records);
        Assert.Equal(reason, record.Fields["no_response_reason"]);
        Assert.False(record.Fields.ContainsKey("service"));
    }

    [Fact]
    public async Task PullAsync_BareCard_LeavesOptionalFieldsOut()
    {
        await using var emulator = await StartAsync(0);
        emulator.Add(new EddsCard { Id = "bare", ReceivedAt = Received, UpdatedAt = Received, Category = "Медицинская помощь", Type = "Вызов скорой медицинской помощи" });
        await using var services = EddsTestHost.Build(emulator);

        var result = await services.Connector().PullAsync(new PullRequest(null, 10), None);

        Assert.Empty(result.Items);
        Assert.Equal(["received_at", "type", "needs_municipal_response", "severity", "category", "status", "source"], Assert.Single(result.Records).Fields.Keys);
    }

    [Fact]
    public async Task PullAsync_MapsConfigured_RenameAndWidenTheMunicipalTypes()
    {
        await using var emulator = await StartAsync(0);
        emulator.Add(new EddsCard
        {
            Id = "tree",
            ReceivedAt = Received,
            UpdatedAt = Received,
            Category = "Природные явления",
            Type = "Падение дерева",
            Services = [EddsServices.Administration, EddsServices.Power],
            NeedsMunicipalResponse = false,
        });
        emulator.Add(WaterMainBreak("water") with { NeedsMunicipalResponse = false });
        emulator.Add(WaterMainBreak("ambulance") with { Category = "Медицинская помощь", Type = "Вызов скорой медицинской помощи", NeedsMunicipalResponse = false, Services = [EddsServices.Ambulance] });
        await using var services = EddsTestHost.Build(emulator, extra: new Dictionary<string, string?>
        {
            ["MunicipalTypes:0"] = "падение дерева",
            ["MunicipalTypes:1"] = "жкх",
            ["ServiceMap:АДМ"] = "Дежурный администрации",
            ["CategoryMap:Природные явления/Падение дерева"] = "Благоустройство",
            ["CategoryMap:ЖКХ"] = "Жилищно-коммунальное хозяйство",
        });

        var result = await services.Connector().PullAsync(new PullRequest(null, 10), None);

        Assert.Equal(["tree", "water"], result.Items.Select(i => i.ExternalId));
        Assert.Equal(("Природные явления", "Благоустройство"), (result.Items[0].SourceCategory, result.Items[0].SourceSubcategory));
        Assert.Equal(("Жилищно-коммунальное хозяйство", "Авария на сетях водоснабжения"), (result.Items[1].SourceCategory, result.Items[1].SourceSubcategory));
        Assert.Contains("Передано: Дежурный администрации, ЭНЕРГО.", result.Items[0].Text, StringComparison.Ordinal);
        Assert.Equal("Дежурный администрации,ЭНЕРГО", result.Records[0].Fields["service"]);
        Assert.Equal("false", result.Records[0].Fields["needs_municipal_response"]);
    }

    [Fact]
    public async Task PullAsync_SyntheticFlow_LooksLikeAnEddsOfASmallTown()
    {
        var time = new ManualTimeProvider(EddsTestHost.Start);
        await using var emulator = await StartAsync(800, time, seed: 42);
        time.Advance(TimeSpan.FromDays(2));
        await using var services = EddsTestHost.Build(emulator);

        var (records, items, _) = await EddsTestHost.PullAllAsync(services.Connector(), 500);

        var cards = records.GroupBy(r => r.ExternalId).Select(g => g.MaxBy(r => r.OccurredAt)!).ToArray();
        Assert.Equal(800, cards.Length);
        var noResponse = cards.Where(c => c.Fields.ContainsKey("no_response_reason")).ToArray();
        Assert.InRange(noResponse.Length / 800.0, 0.22, 0.42);
        Assert.Equal(["false_call", "prank", "reference"], noResponse.Select(c => c.Fields["no_response_reason"]).Distinct().Order(StringComparer.Ordinal));
        var municipal = items.Select(i => i.ExternalId).Distinct().Count();
        Assert.InRange(municipal / 800.0, 0.08, 0.3);
        Assert.All(ServicesSeen, s => Assert.Contains(cards, c => c.Fields.TryGetValue("service", out var v) && v.Split(',').Contains(s)));
        Assert.Contains(cards, c => c.Fields.GetValueOrDefault("source") == "era_glonass");
        Assert.Contains(cards, c => c.Fields.GetValueOrDefault("source") == "sms");
        Assert.All(cards, c => Assert.Equal("closed", c.Fields["status"]));
        Assert.Contains(items, i => i.SourceSubcategory == "ДТП с повреждением дорожной инфраструктуры");
        Assert.Contains(items, i => i.SourceCategory == "ЖКХ");
        Assert.All(items, i => Assert.StartsWith("Карточка ЕДДС № ", i.Text, StringComparison.Ordinal));
        Assert.All(items, i => Assert.Equal(MessageKind.EmergencyCall, i.Kind));
        Assert.All(items.Where(i => i.Latitude is not null), i => Assert.InRange(i.Latitude!.Value, 57.3, 57.5));
        Assert.All(cards, c => Assert.True(DateTimeOffset.Parse(c.Fields["closed_at"], CultureInfo.InvariantCulture) >= DateTimeOffset.Parse(c.Fields["received_at"], CultureInfo.InvariantCulture)));
        Assert.True(items.Select(i => i.Text).Distinct().Count() > municipal / 2, "texts should vary");
    }

    [Theory]
    [InlineData(500)]
    [InlineData(429)]
    [InlineData(503)]
    public async Task PullAsync_EmulatorFails_ThrowsWithStatusAndThenRecovers(int statusCode)
    {
        await using var emulator = await StartAsync(5);
        await using var services = EddsTestHost.Build(emulator);
        var connector = services.Connector();
        emulator.FailNext(1, statusCode);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connector.PullAsync(new PullRequest(null, 100), None));
        var result = await connector.PullAsync(new PullRequest(null, 100), None);

        Assert.Equal((HttpStatusCode)statusCode, error.StatusCode);
        Assert.Equal(emulator.Versions.Count, result.Records.Count);
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData(null)]
    public async Task PullAsync_BadToken_ThrowsUnauthorized(string? token)
    {
        await using var emulator = await StartAsync(5, token: "верный-токен");
        await using var services = EddsTestHost.Build(emulator, token: token);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => services.Connector().PullAsync(new PullRequest(null, 10), None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task PullAsync_RightToken_Succeeds()
    {
        await using var emulator = await StartAsync(5, token: "t0k3n");
        await using var services = EddsTestHost.Build(emulator, token: "t0k3n");

        var result = await services.Connector().PullAsync(new PullRequest(null, 100), None);

        Assert.Equal(emulator.Versions.Count, result.Records.Count);
    }

    [Theory]
    [InlineData("{\"items\": [{\"id\": \"", "$.items")]
    [InlineData("""{"items":[],"next_cursor":"c"}""", "has_more")]
    [InlineData("""{"items":[],"has_more":false}""", "next_cursor")]
    [InlineData("""{"items":[{"id":"1"}],"next_cursor":"","has_more":false}""", "next_cursor")]
    [InlineData("""{"items":{},"next_cursor":"c","has_more":false}""", "$.items")]
    public async Task PullAsync_EnvelopeBreaksTheContract_ThrowsNamingTheField(string body, string field)
    {
        await using var emulator = await StartAsync(5);
        await using var services = EddsTestHost.Build(emulator);
        emulator.RespondNextWith(body);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => services.Connector().PullAsync(new PullRequest(null, 10), None));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":"2","received_at":"2025-03-01T10:00:00+03:00","type":"Пожар"}""", "updated_at")]
    [InlineData("""{"id":"2","received_at":"2025-03-01T10:00:00+03:00","updated_at":"2025-03-01T10:00:00+03:00","type":""}""", "items[1].type")]
    [InlineData("""{"id":" ","received_at":"2025-03-01T10:00:00+03:00","updated_at":"2025-03-01T10:00:00+03:00","type":"Пожар"}""", "items[1].id")]
    [InlineData("""{"id":"2","received_at":"2025-03-01T10:00:00+03:00","updated_at":"2025-03-01T10:00:00+03:00","type":"Пожар","services":"01"}""", "items[1].services")]
    [InlineData("""{"id":"2","received_at":"утром","updated_at":"2025-03-01T10:00:00+03:00","type":"Пожар"}""", "items[1].received_at")]
    public async Task PullAsync_OneCardBreaksTheContract_KeepsTheOthersAndReportsItWithItsRawJson(string garbled, string field)
    {
        await using var emulator = await StartAsync(5);
        await using var services = EddsTestHost.Build(emulator);
        emulator.RespondNextWith($$"""
            {"items":[
              {"id":"1","received_at":"2025-03-01T10:00:00+03:00","updated_at":"2025-03-01T10:00:00+03:00","type":"Порыв водопровода","needs_municipal_response":true},
              {{garbled}},
              {"id":"3","received_at":"2025-03-01T11:00:00+03:00","updated_at":"2025-03-01T11:00:00+03:00","type":"Ложный вызов","no_response_reason":"false_call"}
            ],"next_cursor":"c3","has_more":false}
            """);

        var result = await services.Connector().PullAsync(new PullRequest(null, 10), None);

        Assert.Equal(["1", "3"], result.Records.Select(r => r.ExternalId));
        Assert.Equal(["1"], result.Items.Select(i => i.ExternalId));
        var failure = Assert.Single(result.Failures);
        Assert.Equal(garbled, failure.RawPayload);
        Assert.Contains(field, failure.Reason, StringComparison.Ordinal);
        Assert.Equal("c3", result.NextCheckpoint);
    }

    [Fact]
    public async Task Parse_QuarantinedCardAfterTheFix_ReturnsItsItemWithTheSameMapping()
    {
        await using var emulator = await StartAsync(5);
        await using var services = EddsTestHost.Build(emulator, extra: new Dictionary<string, string?> { ["ServiceMap:04"] = "Газовая служба" });
        emulator.RespondNextWith("""{"items":[{"id":"8009","received_at":"2025-03-01T10:00:00+03:00","updated_at":"01.03.2025 10:05","type":"Запах газа","services":["04"],"needs_municipal_response":true}],"next_cursor":"c","has_more":false}""");
        var failure = Assert.Single((await services.Connector().PullAsync(new PullRequest(null, 10), None)).Failures);
        var parser = Assert.IsAssignableFrom<IRawItemParser>(services.Connector());

        var item = parser.Parse(failure.RawPayload.Replace("\"01.03.2025 10:05\"", "\"2025-03-01T10:05:00+03:00\"", StringComparison.Ordinal));

        Assert.Equal("8009", failure.ExternalId);
        Assert.Equal("8009", item.ExternalId);
        Assert.Equal(MessageKind.EmergencyCall, item.Kind);
        Assert.Equal("Газовая служба", item.Metadata["service"]);
        Assert.Contains("Запах газа", item.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":"9","received_at":"2025-03-01T10:00:00+03:00","type":"Пожар"}""", "updated_at")]
    [InlineData("""{"id":"9","received_at":"2025-03-01T10:00:00+03:00","updated_at":"2025-03-01T10:00:00+03:00","type":"Ложный вызов","no_response_reason":"false_call"}""", "call record only")]
    public async Task Parse_CardStillBrokenOrWithoutItem_ThrowsInvalidData(string raw, string expected)
    {
        await using var emulator = await StartAsync(0);
        await using var services = EddsTestHost.Build(emulator);
        var parser = (IRawItemParser)services.Connector();

        var error = Assert.Throws<InvalidDataException>(() => parser.Parse(raw));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendReplyAsync_Always_ThrowsNotSupported()
    {
        await using var emulator = await StartAsync(1);
        await using var services = EddsTestHost.Build(emulator);
        var reply = new ChannelReply { ExternalId = "800001", MessageId = "m", IdempotencyKey = "k", Status = "answered", ChangedAt = Received };

        await Assert.ThrowsAsync<NotSupportedException>(() => services.Connector().SendReplyAsync(reply, None));
        Assert.Equal(0, emulator.RequestCount);
    }
}

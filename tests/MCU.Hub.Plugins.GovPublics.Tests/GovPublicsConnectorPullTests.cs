using System.Globalization;
using System.Net;
using MCU.Hub.Channels;
using MCU.Hub.Emulators.GovPublics;

namespace MCU.Hub.Plugins.GovPublics.Tests;

public sealed class GovPublicsConnectorPullTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset At = new(2025, 3, 11, 12, 20, 0, TimeSpan.FromHours(3));
    private static readonly string[] ReferenceTypes = ["decision", "poll", "vote", "discussion"];

    private static Task<GovPublicsEmulator> StartAsync(int pages = 12, int weeks = 4, ManualTimeProvider? time = null, string? token = null, int seed = 1) =>
        GovPublicsEmulator.StartAsync(new GovPublicsEmulatorOptions
        {
            PageCount = pages,
            HistoryWeeks = weeks,
            Seed = seed,
            Token = token,
            TimeProvider = time ?? new ManualTimeProvider(GovPublicsTestHost.Start),
        });

    private static GovPublicsPage Page(string id, bool verified, DateTimeOffset updatedAt) => new()
    {
        Id = id,
        Owner = new GovPublicsOwner("5299000029", "Управление дорожного хозяйства и транспорта"),
        Network = "telegram",
        Url = "https://t.example/dorogi_nrk",
        Name = "Дороги и транспорт Новоречинска",
        Verified = verified,
        Followers = 2480,
        CreatedAt = new DateTimeOffset(2023, 1, 9, 10, 0, 0, TimeSpan.FromHours(3)),
        UpdatedAt = updatedAt,
    };

    [Fact]
    public async Task PullAsync_AllThroughCheckpoints_YieldsEveryPageVersionAndPublicationOnceInOrder()
    {
        await using var emulator = await StartAsync(pages: 20, weeks: 4);
        await using var services = GovPublicsTestHost.Build(emulator);

        var (records, checkpoint, pulls) = await GovPublicsTestHost.PullAllAsync(services.Connector(), 50);

        var pages = records.Where(r => r.Type == "page").Select(r => r.ExternalId).ToArray();
        var publications = records.Where(r => r.Type == "publication").Select(r => r.ExternalId).ToArray();
        Assert.Equal(emulator.PageVersions.Select(p => p.Id), pages);
        Assert.Equal(emulator.Publications.Select(p => p.Id), publications);
        Assert.Equal(publications.Length, publications.Distinct().Count());
        Assert.True(publications.Length > 300, $"four and a half weeks of 20 pages should bring hundreds of publications, not {publications.Length}");
        Assert.Equal(records.Count, emulator.ServedCount);
        Assert.Equal((int)Math.Ceiling(records.Count / 50.0), pulls);
        Assert.Equal(Enumerable.Repeat("page", pages.Length), records.Take(pages.Length).Select(r => r.Type));

        var after = await services.Connector().PullAsync(new PullRequest(checkpoint, 50), None);
        Assert.Empty(after.Records);
        Assert.False(after.HasMore);
        Assert.Equal(checkpoint, after.NextCheckpoint);
    }

    [Fact]
    public async Task PullAsync_SameCheckpointTwice_ReturnsTheSameRecords()
    {
        await using var emulator = await StartAsync();
        await using var services = GovPublicsTestHost.Build(emulator);
        var connector = services.Connector();
        var first = await connector.PullAsync(new PullRequest(null, 30), None);

        var again = await connector.PullAsync(new PullRequest(first.NextCheckpoint, 30), None);
        var replay = await connector.PullAsync(new PullRequest(first.NextCheckpoint, 30), None);

        Assert.Equal(again.Records.Select(r => r.ExternalId), replay.Records.Select(r => r.ExternalId));
        Assert.Equal(again.NextCheckpoint, replay.NextCheckpoint);
        Assert.Empty(first.Records.Select(r => r.ExternalId).Intersect(again.Records.Select(r => r.ExternalId)));
    }

    [Fact]
    public async Task PullAsync_TimePasses_BringsNewPublicationsAndNewerPageVersionsThatWin()
    {
        var time = new ManualTimeProvider(GovPublicsTestHost.Start);
        await using var emulator = await StartAsync(pages: 40, weeks: 1, time: time);
        await using var services = GovPublicsTestHost.Build(emulator);
        var connector = services.Connector();

        var (before, checkpoint, _) = await GovPublicsTestHost.PullAllAsync(connector, 100);
        time.Advance(TimeSpan.FromDays(15));
        var (later, _, _) = await GovPublicsTestHost.PullAllAsync(connector, 100, checkpoint);

        var laterPublications = later.Where(r => r.Type == "publication").ToArray();
        Assert.NotEmpty(laterPublications);
        Assert.All(laterPublications, r => Assert.InRange(r.OccurredAt, GovPublicsTestHost.Start, time.GetUtcNow()));
        Assert.Empty(before.Select(r => r.ExternalId + r.Type + r.OccurredAt.UtcTicks).Intersect(later.Select(r => r.ExternalId + r.Type + r.OccurredAt.UtcTicks)));

        var reverified = later.Where(r => r.Type == "page").ToArray();
        Assert.NotEmpty(reverified);
        foreach (var version in reverified)
        {
            var earlier = Assert.Single(before, r => r.Type == "page" && r.ExternalId == version.ExternalId);
            Assert.Equal("false", earlier.Fields["verified"]);
            Assert.Equal("true", version.Fields["verified"]);
            Assert.True(version.OccurredAt > earlier.OccurredAt, "the newer version must win by OccurredAt");
        }

        var newest = before.Concat(later).Where(r => r.Type == "page").GroupBy(r => r.ExternalId).Select(g => g.MaxBy(r => r.OccurredAt)!);
        Assert.Equal(
            emulator.Pages.OrderBy(p => p.Id, StringComparer.Ordinal).Select(p => (p.Id, p.Verified ? "true" : "false")),
            newest.OrderBy(r => r.ExternalId, StringComparer.Ordinal).Select(r => (r.ExternalId, r.Fields["verified"])));
    }

    [Fact]
    public async Task PullAsync_AddedPageAndPublication_MapEveryField()
    {
        await using var emulator = await StartAsync(pages: 0);
        var updatedAt = new DateTimeOffset(2023, 2, 1, 15, 0, 0, TimeSpan.FromHours(3));
        emulator.AddOrUpdatePage(Page("t-page", verified: true, updatedAt));
        emulator.AddPublication(new GovPublicsPublication
        {
            Id = "t-pub",
            PageId = "t-page",
            OwnerId = "5299000029",
            Network = "telegram",
            PublishedAt = At,
            UpdatedAt = At.AddMinutes(15),
            Text = "По итогам голосования жителей утверждено новое расписание автобуса № 7.",
            Url = "https://t.example/dorogi_nrk/812",
            ReportsOn = new GovPublicsReference(GovPublicsReferenceTypes.Vote, "441007"),
        });
        await using var services = GovPublicsTestHost.Build(emulator, extra: new Dictionary<string, string?>
        {
            ["OwnerMap:5299000029"] = "roads-dept",
            ["NetworkMap:TELEGRAM"] = "tg",
        });

        var result = await services.Connector().PullAsync(new PullRequest(null, 10), None);

        Assert.Empty(result.Items);
        Assert.False(result.HasMore);
        Assert.Equal(2, result.Records.Count);
        var page = result.Records[0];
        Assert.Equal(("page", "t-page", updatedAt), (page.Type, page.ExternalId, page.OccurredAt));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["owner"] = "roads-dept",
                ["owner_id"] = "5299000029",
                ["owner_name"] = "Управление дорожного хозяйства и транспорта",
                ["network"] = "tg",
                ["url"] = "https://t.example/dorogi_nrk",
                ["verified"] = "true",
                ["name"] = "Дороги и транспорт Новоречинска",
                ["followers"] = "2480",
                ["created_at"] = "2023-01-09T10:00:00.0000000+03:00",
            },
            page.Fields);

        var publication = result.Records[1];
        Assert.Equal(("publication", "t-pub", At.AddMinutes(15)), (publication.Type, publication.ExternalId, publication.OccurredAt));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["page_id"] = "t-page",
                ["owner"] = "roads-dept",
                ["owner_id"] = "5299000029",
                ["network"] = "tg",
                ["url"] = "https://t.example/dorogi_nrk/812",
                ["text"] = "По итогам голосования жителей утверждено новое расписание автобуса № 7.",
                ["published_at"] = "2025-03-11T12:20:00.0000000+03:00",
                ["reports_on"] = "441007",
                ["reports_on_type"] = "vote",
            },
            publication.Fields);
    }

    [Fact]
    public async Task PullAsync_PublicationWithoutReportOrEdit_LeavesTheFieldsOutAndUsesPublicationTime()
    {
        await using var emulator = await StartAsync(pages: 0);
        emulator.AddOrUpdatePage(Page("t-page", verified: false, At.AddDays(-30)));
        emulator.AddPublication(new GovPublicsPublication { Id = "t-pub", PageId = "t-page", OwnerId = "5299000029", Network = "telegram", PublishedAt = At, Text = "Ремонт светофора.", Url = "https://t.example/1" });
        await using var services = GovPublicsTestHost.Build(emulator);

        var records = (await services.Connector().PullAsync(new PullRequest(null, 10), None)).Records;

        Assert.Equal("5299000029", records[0].Fields["owner"]);
        Assert.Equal("false", records[0].Fields["verified"]);
        Assert.Equal(At, records[1].OccurredAt);
        Assert.False(records[1].Fields.ContainsKey("reports_on"));
        Assert.False(records[1].Fields.ContainsKey("reports_on_type"));
    }

    [Fact]
    public async Task PullAsync_SyntheticWeeks_GiveRealisticWeeklyCountsWithSomePagesBelowFive()
    {
        await using var emulator = await StartAsync(pages: 24, weeks: 6);
        await using var services = GovPublicsTestHost.Build(emulator);

        var (records, _, _) = await GovPublicsTestHost.PullAllAsync(services.Connector(), 500);

        var pages = records.Where(r => r.Type == "page").ToArray();
        var publications = records.Where(r => r.Type == "publication").ToArray();
        var monday = new DateTimeOffset(2025, 3, 10, 0, 0, 0, TimeSpan.FromHours(3));
        var weeks = Enumerable.Range(1, 6).Select(w => monday.AddDays(-7 * w)).ToArray();
        var perPageWeek = pages.Select(p => p.ExternalId).Distinct().ToDictionary(
            id => id,
            id => weeks.Select(start => publications.Count(r => r.Fields["page_id"] == id
                && DateTimeOffset.Parse(r.Fields["published_at"], CultureInfo.InvariantCulture) >= start
                && DateTimeOffset.Parse(r.Fields["published_at"], CultureInfo.InvariantCulture) < start.AddDays(7))).ToArray(),
            StringComparer.Ordinal);
        var averages = perPageWeek.ToDictionary(p => p.Key, p => p.Value.Average(), StringComparer.Ordinal);

        Assert.Equal(24, perPageWeek.Count);
        Assert.InRange(averages["p0001"], 12, 28);
        Assert.True(averages.Count(a => a.Value < 5) >= 6, "schools, kindergartens and small departments post fewer than five a week");
        Assert.True(averages.Count(a => a.Value >= 5) >= 6, "the administration and most departments keep the norm");
        Assert.Contains(perPageWeek, p => p.Value.Distinct().Count() > 1);
        Assert.All(publications, r => Assert.InRange(DateTimeOffset.Parse(r.Fields["published_at"], CultureInfo.InvariantCulture).Hour, 8, 20));
        Assert.Contains(publications, r => r.Fields.ContainsKey("reports_on"));
        Assert.All(publications.Where(r => r.Fields.ContainsKey("reports_on")), r => Assert.Contains(r.Fields["reports_on_type"], ReferenceTypes));
        Assert.Equal(["ok", "telegram", "vk"], pages.Select(p => p.Fields["network"]).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(pages, p => p.Fields["verified"] == "false");
        Assert.True(pages.Count(p => p.Fields["verified"] == "true") > pages.Length / 2);
        Assert.All(publications, r => Assert.Matches("[А-Яа-яЁё]{3,}", r.Fields["text"]));
        Assert.True(publications.Select(r => r.Fields["text"]).Distinct().Count() > 60, "texts should vary");
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task PullAsync_EmulatorFails_ThrowsWithStatusAndThenRecovers(int statusCode)
    {
        await using var emulator = await StartAsync(pages: 3, weeks: 0);
        await using var services = GovPublicsTestHost.Build(emulator);
        var connector = services.Connector();
        emulator.FailNext(1, statusCode);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connector.PullAsync(new PullRequest(null, 100), None));
        var result = await connector.PullAsync(new PullRequest(null, 100), None);

        Assert.Equal((HttpStatusCode)statusCode, error.StatusCode);
        Assert.Equal(emulator.PageVersions.Count + emulator.Publications.Count, result.Records.Count);
    }

    [Fact]
    public async Task PullAsync_PublicationsFailAfterPages_ThrowsAndTheSameCheckpointReadsThePagesAgain()
    {
        await using var emulator = await StartAsync(pages: 5, weeks: 1);
        await using var services = GovPublicsTestHost.Build(emulator);
        var connector = services.Connector();
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        var pagesBody = await http.GetStringAsync(new Uri("api/v1/pages?limit=100", UriKind.Relative));
        emulator.RespondNextWith(pagesBody);
        emulator.RespondNextWith("""{"error":"internal","message":"сбой"}""", 500);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connector.PullAsync(new PullRequest(null, 100), None));
        var retry = await connector.PullAsync(new PullRequest(null, 100), None);

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal(emulator.PageVersions.Select(p => p.Id), retry.Records.Where(r => r.Type == "page").Select(r => r.ExternalId));
        Assert.Equal(emulator.Publications.Select(p => p.Id), retry.Records.Where(r => r.Type == "publication").Select(r => r.ExternalId));
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData(null)]
    public async Task PullAsync_BadToken_ThrowsUnauthorized(string? token)
    {
        await using var emulator = await StartAsync(pages: 2, token: "верный-токен");
        await using var services = GovPublicsTestHost.Build(emulator, token: token);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => services.Connector().PullAsync(new PullRequest(null, 10), None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task PullAsync_RightToken_Succeeds()
    {
        await using var emulator = await StartAsync(pages: 2, token: "t0k3n");
        await using var services = GovPublicsTestHost.Build(emulator, token: "t0k3n");

        var result = await services.Connector().PullAsync(new PullRequest(null, 10), None);

        Assert.Equal(10, result.Records.Count);
    }

    [Theory]
    [InlineData("{\"items\": [{\"id\": \"", "$.items")]
    [InlineData("""{"items":[],"next_cursor":"c"}""", "has_more")]
    [InlineData("""{"items":[],"has_more":false}""", "next_cursor")]
    [InlineData("""{"items":[{"id":"x"}],"next_cursor":"","has_more":false}""", "next_cursor")]
    public async Task PullAsync_PagesEnvelopeBreaksTheContract_ThrowsNamingTheField(string body, string field)
    {
        await using var emulator = await StartAsync(pages: 2);
        await using var services = GovPublicsTestHost.Build(emulator);
        emulator.RespondNextWith(body);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => services.Connector().PullAsync(new PullRequest(null, 10), None));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":"x","owner":{"id":"1"},"network":"vk","url":"u","name":"Стр.","updated_at":"2025-03-01T10:00:00+03:00"}""", "verified")]
    [InlineData("""{"id":"x","owner":{"id":""},"network":"vk","url":"u","name":"Стр.","verified":true,"updated_at":"2025-03-01T10:00:00+03:00"}""", "items[1].owner.id")]
    [InlineData("""{"id":"x","owner":{"id":"1"},"network":"vk","url":"u","name":"Стр.","verified":true}""", "updated_at")]
    [InlineData("""{"id":"x","owner":{"id":"1"},"network":"vk","url":"u","name":"Стр.","verified":true,"followers":"много","updated_at":"2025-03-01T10:00:00+03:00"}""", "items[1].followers")]
    public async Task PullAsync_OnePageVersionBreaksTheContract_KeepsTheOthersAndReportsItWithItsRawJson(string garbled, string field)
    {
        await using var emulator = await StartAsync(pages: 0);
        await using var services = GovPublicsTestHost.Build(emulator);
        emulator.RespondNextWith($$"""
            {"items":[
              {"id":"p1","owner":{"id":"adm"},"network":"vk","url":"https://vk.com/adm","name":"Администрация","verified":true,"updated_at":"2025-03-01T10:00:00+03:00"},
              {{garbled}},
              {"id":"p3","owner":{"id":"school-1"},"network":"ok","url":"https://ok.ru/school1","name":"Школа № 1","verified":false,"updated_at":"2025-03-01T11:00:00+03:00"}
            ],"next_cursor":"pc3","has_more":false}
            """);
        emulator.RespondNextWith("""{"items":[],"next_cursor":"","has_more":false}""");

        var result = await services.Connector().PullAsync(new PullRequest(null, 10), None);

        Assert.Equal(["p1", "p3"], result.Records.Select(r => r.ExternalId));
        var failure = Assert.Single(result.Failures);
        Assert.Equal(garbled, failure.RawPayload);
        Assert.Equal("x", failure.ExternalId);
        Assert.Contains(field, failure.Reason, StringComparison.Ordinal);
        Assert.Contains("pages", failure.Reason, StringComparison.Ordinal);
        Assert.Empty(result.Items);
    }

    [Theory]
    [InlineData("""{"id":"x","owner_id":"1","network":"vk","published_at":"2025-03-01T10:00:00+03:00","text":"Т","url":"u"}""", "page_id")]
    [InlineData("""{"id":"x","page_id":"p","owner_id":"1","network":"vk","published_at":"2025-03-01T10:00:00+03:00","text":"Т","url":"u","reports_on":{"type":"poll","id":""}}""", "items[0].reports_on.id")]
    public async Task PullAsync_OnePublicationBreaksTheContract_KeepsTheOthersAndReportsIt(string garbled, string field)
    {
        await using var emulator = await StartAsync(pages: 0);
        await using var services = GovPublicsTestHost.Build(emulator);
        emulator.RespondNextWith("""{"items":[],"next_cursor":"c","has_more":false}""");
        emulator.RespondNextWith($$"""
            {"items":[
              {{garbled}},
              {"id":"pub-2","page_id":"p1","owner_id":"adm","network":"vk","published_at":"2025-03-01T12:00:00+03:00","text":"Отремонтировали дорогу","url":"https://vk.com/wall-1_2"}
            ],"next_cursor":"uc2","has_more":false}
            """);

        var result = await services.Connector().PullAsync(new PullRequest(null, 10), None);

        Assert.Equal(["pub-2"], result.Records.Select(r => r.ExternalId));
        var failure = Assert.Single(result.Failures);
        Assert.Equal(garbled, failure.RawPayload);
        Assert.Contains(field, failure.Reason, StringComparison.Ordinal);
        Assert.Contains("publications", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("publications=uc2", result.NextCheckpoint, StringComparison.Ordinal);
    }

    [Fact]
    public void Connector_RecordsOnlyChannel_HasNoRawItemParser() =>
        Assert.False(typeof(IRawItemParser).IsAssignableFrom(typeof(GovPublicsConnector)));

    [Theory]
    [InlineData("aW0taW5jaWRlbnRzOjE")]
    [InlineData("pages=a&pages=b")]
    [InlineData("cursor=1")]
    public async Task PullAsync_ForeignCheckpoint_ThrowsArgumentException(string checkpoint)
    {
        await using var emulator = await StartAsync(pages: 1);
        await using var services = GovPublicsTestHost.Build(emulator);

        await Assert.ThrowsAsync<ArgumentException>(() => services.Connector().PullAsync(new PullRequest(checkpoint, 10), None));
    }

    [Fact]
    public async Task SendReplyAsync_Always_ThrowsNotSupported()
    {
        await using var emulator = await StartAsync(pages: 1);
        await using var services = GovPublicsTestHost.Build(emulator);
        var reply = new ChannelReply { ExternalId = "p0001", MessageId = "m", IdempotencyKey = "k", Status = "answered", ChangedAt = At };

        await Assert.ThrowsAsync<NotSupportedException>(() => services.Connector().SendReplyAsync(reply, None));
        Assert.Equal(0, emulator.RequestCount);
    }
}

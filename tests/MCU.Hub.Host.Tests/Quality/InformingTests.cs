using Grpc.Core;
using MCU.Hub.Grpc.V1;
using MCU.Hub.Records;
using MCU.Hub.Storage;

namespace MCU.Hub.Host.Tests.Quality;

/// <summary>Issue 9: publications linked to ПОС decisions move target indicator 4; the weekly view lists pages below 5 publications.</summary>
public sealed class InformingTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(TestHost.NewDatabasePath());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>Stores channel records as the connectors' intake does (the «Госпаблики» and ПОС channels deliver them).</summary>
    private Task<IReadOnlyList<IntakeOutcome>> SeedAsync(params StoredRecord[] records) =>
        _host.Store.CommitIntakeAsync(new IntakeBatch([], new Dictionary<string, string?>()) { Records = records }, CancellationToken.None);

    private static StoredRecord Record(string channel, string type, string id, DateTimeOffset at, params (string Key, string Value)[] fields) => new()
    {
        Id = StoredRecord.KeyOf(channel, type, id), Channel = channel, Type = type, ExternalId = id, OccurredAt = at, StoredAt = at,
        Fields = fields.ToDictionary(f => f.Key, f => f.Value),
    };

    private async Task<KpiValue> Kpi4Async()
    {
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var request = new GetKpisRequest { Period = new Period { From = today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), To = today.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) } };
        request.IndicatorIds.Add("pos-decisions-reported-share");
        return (await new AnalyticsService.AnalyticsServiceClient(_host.Channel).GetKpisAsync(request)).Values.Single();
    }

    [Fact]
    public async Task LinkingAPublicationToAPosVote_MovesKpi4_AndUnlinkingMovesItBack()
    {
        var now = TimeProvider.System.GetUtcNow();
        await SeedAsync(
            Record("pos", "vote", "vote-77", now.AddHours(-2), ("title", "Благоустройство сквера")),
            Record("gov-publics", "publication", "pub-77", now.AddHours(-1), ("page_id", "page-a"), ("text", "Сквер благоустроен"), ("published_at", now.AddHours(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture))));
        var informing = new InformingService.InformingServiceClient(_host.Channel);

        var before = await Kpi4Async();
        var link = await informing.LinkPublicationAsync(new LinkPublicationRequest { PublicationId = "pub-77", Target = PublicationLinkTarget.PosDecision, TargetId = "vote-77" });
        var again = await informing.LinkPublicationAsync(new LinkPublicationRequest { PublicationId = "pub-77", Target = PublicationLinkTarget.PosDecision, TargetId = "vote-77" });
        var linked = await Kpi4Async();
        var listed = await informing.ListPublicationLinksAsync(new ListPublicationLinksRequest { PublicationId = "pub-77" });
        var removed = await informing.UnlinkPublicationAsync(new UnlinkPublicationRequest { PublicationId = "pub-77", Target = PublicationLinkTarget.PosDecision, TargetId = "vote-77" });
        var after = await Kpi4Async();

        Assert.Equal((0, 1), (before.Numerator, before.Denominator));
        Assert.Equal(0, before.Fact);
        Assert.Equal(link.Id, again.Id);
        Assert.Equal("page-a", link.PageId);
        Assert.Equal((1, 1), (linked.Numerator, linked.Denominator));
        Assert.Equal(100, linked.Fact);
        Assert.Equal(link.Id, Assert.Single(listed.Links).Id);
        Assert.True(removed.Removed);
        Assert.Equal(0, after.Numerator);
    }

    [Fact]
    public async Task LinkPublication_RefusesUnknownOrUnfitTargets_NamingTheField()
    {
        var now = TimeProvider.System.GetUtcNow();
        await SeedAsync(Record("gov-publics", "publication", "pub-88", now, ("page_id", "page-a")));
        var id = (await new MessageService.MessageServiceClient(_host.Channel).SubmitMessageAsync(new SubmitMessageRequest { Channel = "api", ExternalId = "inf-1", Text = "Яма на дороге" })).Id;
        var informing = new InformingService.InformingServiceClient(_host.Channel);

        var noPublication = await Assert.ThrowsAsync<RpcException>(() => informing.LinkPublicationAsync(new LinkPublicationRequest { PublicationId = "nope", Target = PublicationLinkTarget.PosDecision, TargetId = "vote-1" }).ResponseAsync);
        var noDecision = await Assert.ThrowsAsync<RpcException>(() => informing.LinkPublicationAsync(new LinkPublicationRequest { PublicationId = "pub-88", Target = PublicationLinkTarget.PosDecision, TargetId = "vote-404" }).ResponseAsync);
        var noTarget = await Assert.ThrowsAsync<RpcException>(() => informing.LinkPublicationAsync(new LinkPublicationRequest { PublicationId = "pub-88", TargetId = "x" }).ResponseAsync);
        var unsolved = await Assert.ThrowsAsync<RpcException>(() => informing.LinkPublicationAsync(new LinkPublicationRequest { PublicationId = "pub-88", Target = PublicationLinkTarget.Message, TargetId = id }).ResponseAsync);
        var roadmap = await informing.LinkPublicationAsync(new LinkPublicationRequest { PublicationId = "pub-88", Target = PublicationLinkTarget.Roadmap, TargetId = "roadmap-2026-01" });

        Assert.All([noPublication, noDecision, noTarget, unsolved], e => Assert.Equal(StatusCode.InvalidArgument, e.StatusCode));
        Assert.StartsWith("publication_id", noPublication.Status.Detail);
        Assert.StartsWith("target_id", noDecision.Status.Detail);
        Assert.StartsWith("target", noTarget.Status.Detail);
        Assert.Contains("ещё не решена", unsolved.Status.Detail);
        Assert.Equal(PublicationLinkTarget.Roadmap, roadmap.Target);
    }

    [Fact]
    public async Task WeeklyPages_ListsAPageWithFourPublications_NotOneWithFive()
    {
        var monday = new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.FromHours(3));
        var records = new List<StoredRecord>
        {
            Record("gov-publics", "page", "page-4", monday.AddDays(-30), ("name", "Управление благоустройства"), ("verified", "true")),
            Record("gov-publics", "page", "page-5", monday.AddDays(-30), ("name", "Администрация города"), ("verified", "true")),
        };
        for (var i = 0; i < 4; i++)
            records.Add(Record("gov-publics", "publication", $"p4-{i}", monday.AddDays(i), ("page_id", "page-4"), ("published_at", monday.AddDays(i).ToString("O", System.Globalization.CultureInfo.InvariantCulture))));
        for (var i = 0; i < 5; i++)
            records.Add(Record("gov-publics", "publication", $"p5-{i}", monday.AddDays(i), ("page_id", "page-5"), ("published_at", monday.AddDays(i).ToString("O", System.Globalization.CultureInfo.InvariantCulture))));
        // The next Monday belongs to the next week, not to this one.
        records.Add(Record("gov-publics", "publication", "p4-next", monday.AddDays(7), ("page_id", "page-4"), ("published_at", monday.AddDays(7).ToString("O", System.Globalization.CultureInfo.InvariantCulture))));
        await SeedAsync([.. records]);

        var report = await new InformingService.InformingServiceClient(_host.Channel).GetWeeklyPagesAsync(new GetWeeklyPagesRequest { Period = new Period { From = "2026-11-04", To = "2026-11-08" } });

        Assert.Equal(5, report.Norm);
        Assert.Equal("2026-W45", Assert.Single(report.Weeks).Label);
        Assert.Equal("2026-11-02", report.Weeks[0].Monday);
        Assert.Equal([4], report.Pages.Single(p => p.PageId == "page-4").Counts);
        Assert.Equal([5], report.Pages.Single(p => p.PageId == "page-5").Counts);
        var below = Assert.Single(report.BelowNorm);
        Assert.Contains("page-4", below.PageIds);
        Assert.DoesNotContain("page-5", below.PageIds);
    }
}

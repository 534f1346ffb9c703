using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MCU.Hub.Grpc.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using CoreRoadmaps = MCU.Hub.Roadmaps;

namespace MCU.Hub.Host.Tests.WorkingCycle;

/// <summary>Roadmaps through the public API: creation, measures, KPI 5, escalation of overdue measures, tenants.</summary>
public sealed class RoadmapTests
{
    private static readonly Period November = new() { From = "2026-11-01", To = "2026-11-30" };

    private static async Task<List<string>> SubmitAsync(TestHost host, int count, string prefix, string text = "Яма на дороге у дома", DateTimeOffset? createdAt = null, string? apiKey = null)
    {
        var channel = apiKey is null ? host.Channel : host.ChannelFor(apiKey);
        var messages = new MessageService.MessageServiceClient(channel);
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var request = new SubmitMessageRequest { Channel = "api", ExternalId = $"{prefix}-{i}", Text = text };
            if (createdAt is { } at)
                request.CreatedAt = Timestamp.FromDateTimeOffset(at.AddMinutes(i));
            ids.Add((await messages.SubmitMessageAsync(request)).Id);
        }

        return ids;
    }

    private static async Task<KpiValue> RoadmapShareAsync(TestHost host) =>
        (await new AnalyticsService.AnalyticsServiceClient(host.Channel).GetKpisAsync(new GetKpisRequest { Period = November, IndicatorIds = { "roadmap-share" } }))
            .Values.Single();

    private static async Task<Message> MessageAsync(TestHost host, string id) =>
        (await new MessageService.MessageServiceClient(host.Channel).GetMessageAsync(new GetMessageRequest { Id = id })).Message;

    [Fact]
    public async Task CompletingMeasures_MovesKpi5_ReopeningTakesItBack_LaterLinksCountToo()
    {
        var clock = new FakeTimeProvider(FastTrackTests.Start);
        await using var host = await FastTrackTests.StartAsync(clock);
        var ids = await SubmitAsync(host, 4, "rm");
        var roadmaps = new RoadmapService.RoadmapServiceClient(host.Channel);

        var roadmap = await roadmaps.CreateRoadmapAsync(new CreateRoadmapRequest
        {
            Title = "Ямочный ремонт ул. Интернациональной", RootCause = "Разрушение покрытия после зимы", MessageIds = { ids[0], ids[1] },
        });
        Assert.Equal(RoadmapState.Open, roadmap.State);
        Assert.Equal(ids[0], (await MessageAsync(host, ids[0])).RoadmapId == roadmap.Id ? ids[0] : "");
        roadmap = await roadmaps.AddMeasureAsync(new AddMeasureRequest { RoadmapId = roadmap.Id, Title = "Обследовать участок", Owner = "roads-dept", DueDate = "2026-11-10" });
        roadmap = await roadmaps.AddMeasureAsync(new AddMeasureRequest { RoadmapId = roadmap.Id, Title = "Выполнить ямочный ремонт", Owner = "roads-dept", DueDate = "2026-11-20" });
        Assert.Equal(["m1", "m2"], roadmap.Measures.Select(m => m.Id));

        var before = await RoadmapShareAsync(host);
        Assert.Equal(0, before.Numerator);
        Assert.Equal(4, before.Denominator);

        clock.Advance(TimeSpan.FromHours(1));
        await roadmaps.UpdateMeasureAsync(new UpdateMeasureRequest { RoadmapId = roadmap.Id, MeasureId = "m1", State = MeasureState.Done });
        Assert.Equal(0, (await RoadmapShareAsync(host)).Numerator);
        roadmap = await roadmaps.UpdateMeasureAsync(new UpdateMeasureRequest { RoadmapId = roadmap.Id, MeasureId = "m2", State = MeasureState.Done, Comment = "Акт приёмки" });
        Assert.Equal(RoadmapState.Implemented, roadmap.State);
        Assert.Equal(clock.GetUtcNow(), roadmap.ImplementedAt.ToDateTimeOffset());

        var after = await RoadmapShareAsync(host);
        Assert.Equal(2, after.Numerator);
        Assert.Equal(4, after.Denominator);
        var linked = await MessageAsync(host, ids[0]);
        Assert.Equal(roadmap.Id, linked.RoadmapId);
        Assert.Equal(roadmap.ImplementedAt, linked.RoadmapImplementedAt);
        var history = (await new MessageService.MessageServiceClient(host.Channel).GetMessageHistoryAsync(new GetMessageHistoryRequest { Id = ids[0] })).Entries;
        Assert.Equal(2, history.Count(h => h.Action == "roadmap"));

        // A message linked later to the implemented roadmap counts too.
        roadmap = await roadmaps.LinkMessagesAsync(new LinkMessagesRequest { RoadmapId = roadmap.Id, MessageIds = { ids[2] } });
        Assert.Equal(3, (await RoadmapShareAsync(host)).Numerator);

        // Reopening a measure takes the messages out again; done again, they are back.
        roadmap = await roadmaps.UpdateMeasureAsync(new UpdateMeasureRequest { RoadmapId = roadmap.Id, MeasureId = "m2", State = MeasureState.InProgress, Comment = "Дефекты после приёмки" });
        Assert.Equal(RoadmapState.Open, roadmap.State);
        Assert.Equal(0, (await RoadmapShareAsync(host)).Numerator);
        Assert.Null((await MessageAsync(host, ids[2])).RoadmapImplementedAt);
        await roadmaps.UpdateMeasureAsync(new UpdateMeasureRequest { RoadmapId = roadmap.Id, MeasureId = "m2", State = MeasureState.Done });
        Assert.Equal(3, (await RoadmapShareAsync(host)).Numerator);

        // Unlinked, a message no longer counts.
        roadmap = await roadmaps.UnlinkMessagesAsync(new UnlinkMessagesRequest { RoadmapId = roadmap.Id, MessageIds = { ids[2] } });
        Assert.Equal(2, (await RoadmapShareAsync(host)).Numerator);
        Assert.Equal("", (await MessageAsync(host, ids[2])).RoadmapId);
        Assert.Equal(["created", "measure_added", "measure_added", "measure_changed", "measure_changed", "implemented", "linked", "measure_changed", "reopened", "measure_changed", "implemented", "unlinked"],
            roadmap.History.Select(h => h.Action));
    }

    [Fact]
    public async Task BadInput_IsInvalidArgument_NamingTheField()
    {
        var clock = new FakeTimeProvider(FastTrackTests.Start);
        await using var host = await FastTrackTests.StartAsync(clock);
        var ids = await SubmitAsync(host, 2, "bad");
        var roadmaps = new RoadmapService.RoadmapServiceClient(host.Channel);

        async Task<string> Detail<T>(Func<AsyncUnaryCall<T>> call)
        {
            var e = await Assert.ThrowsAsync<RpcException>(() => call().ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
            return e.Status.Detail;
        }

        Assert.StartsWith("title:", await Detail(() => roadmaps.CreateRoadmapAsync(new CreateRoadmapRequest { RootCause = "x", MessageIds = { ids[0] } })), StringComparison.Ordinal);
        Assert.StartsWith("message_ids:", await Detail(() => roadmaps.CreateRoadmapAsync(new CreateRoadmapRequest { Title = "x", RootCause = "x" })), StringComparison.Ordinal);
        var roadmap = await roadmaps.CreateRoadmapAsync(new CreateRoadmapRequest { Title = "Т", RootCause = "П", MessageIds = { ids[0] } });
        Assert.StartsWith("message_ids:", await Detail(() => roadmaps.CreateRoadmapAsync(new CreateRoadmapRequest { Title = "Т2", RootCause = "П", MessageIds = { ids[0] } })), StringComparison.Ordinal);
        Assert.StartsWith("owner:", await Detail(() => roadmaps.AddMeasureAsync(new AddMeasureRequest { RoadmapId = roadmap.Id, Title = "М", Owner = "nobody", DueDate = "2026-11-10" })), StringComparison.Ordinal);
        Assert.StartsWith("due_date:", await Detail(() => roadmaps.AddMeasureAsync(new AddMeasureRequest { RoadmapId = roadmap.Id, Title = "М", Owner = "roads-dept", DueDate = "10.11.2026" })), StringComparison.Ordinal);
        Assert.StartsWith("due_date:", await Detail(() => roadmaps.AddMeasureAsync(new AddMeasureRequest { RoadmapId = roadmap.Id, Title = "М", Owner = "roads-dept", DueDate = "2026-11-02" })), StringComparison.Ordinal);
        Assert.StartsWith("measure_id:", await Detail(() => roadmaps.UpdateMeasureAsync(new UpdateMeasureRequest { RoadmapId = roadmap.Id, MeasureId = "m9", State = MeasureState.Done })), StringComparison.Ordinal);
        Assert.StartsWith("dimension:", await Detail(() => roadmaps.CreateRoadmapFromGrowthAlertAsync(new CreateRoadmapFromGrowthAlertRequest { Period = November, Dimension = "planet", Key = "x", RootCause = "x" })), StringComparison.Ordinal);

        var unknownMessage = await Assert.ThrowsAsync<RpcException>(() => roadmaps.LinkMessagesAsync(new LinkMessagesRequest { RoadmapId = roadmap.Id, MessageIds = { "no-such-message" } }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknownMessage.StatusCode);
        var unknownRoadmap = await Assert.ThrowsAsync<RpcException>(() => roadmaps.GetRoadmapAsync(new GetRoadmapRequest { Id = "no-such-roadmap" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknownRoadmap.StatusCode);
    }

    [Fact]
    public async Task FromGrowthAlert_TakesItsDimensionKeyWindow_AndLinksItsMessages()
    {
        var clock = new FakeTimeProvider(FastTrackTests.Start);
        await using var host = await FastTrackTests.StartAsync(clock);
        // Twelve road complaints in the week of 26 October, none before: abnormal growth of the topic.
        var ids = await SubmitAsync(host, 12, "gr", createdAt: new DateTimeOffset(2026, 10, 27, 9, 0, 0, TimeSpan.FromHours(3)));
        var week = new Period { From = "2026-10-26", To = "2026-11-01" };
        var alerts = await new AnalyticsService.AnalyticsServiceClient(host.Channel).GetGrowthAlertsAsync(new GetGrowthAlertsRequest { Period = week });
        var alert = alerts.Alerts.First(a => a.Dimension == "category");

        var roadmaps = new RoadmapService.RoadmapServiceClient(host.Channel);
        var roadmap = await roadmaps.CreateRoadmapFromGrowthAlertAsync(new CreateRoadmapFromGrowthAlertRequest
        {
            Period = week, Dimension = alert.Dimension, Key = alert.Key, RootCause = "Оттепель и повреждения покрытия",
        });

        Assert.Equal("category", roadmap.Growth.Dimension);
        Assert.Equal(alert.Key, roadmap.Growth.Key);
        Assert.Equal("2026-10-26", roadmap.Growth.Period.From);
        Assert.Equal(alert.Observed, roadmap.Growth.Observed);
        Assert.Equal(alert.MessageIds.Order(), roadmap.MessageIds.Order());
        Assert.Equal(ids.Order(), roadmap.MessageIds.Order());
        Assert.NotEmpty(roadmap.Title);
        Assert.Equal(roadmap.Id, (await MessageAsync(host, ids[5])).RoadmapId);

        var none = await Assert.ThrowsAsync<RpcException>(() => roadmaps.CreateRoadmapFromGrowthAlertAsync(new CreateRoadmapFromGrowthAlertRequest
        {
            Period = week, Dimension = "category", Key = "no-such-topic", RootCause = "x",
        }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, none.StatusCode);
        Assert.StartsWith("key:", none.Status.Detail, StringComparison.Ordinal);
        var listed = await roadmaps.ListRoadmapsAsync(new ListRoadmapsRequest { State = RoadmapState.Open });
        Assert.Single(listed.Roadmaps);
    }

    [Fact]
    public async Task OverdueMeasure_EscalatesExactlyOnce_ToTheOwnersSuperior()
    {
        var clock = new FakeTimeProvider(FastTrackTests.Start);
        await using var host = await FastTrackTests.StartAsync(clock, new Dictionary<string, string?> { ["McuHub:Roadmaps:ScanInterval"] = "00:00:05" });
        var ids = await SubmitAsync(host, 1, "esc");
        var roadmaps = new RoadmapService.RoadmapServiceClient(host.Channel);
        var roadmap = await roadmaps.CreateRoadmapAsync(new CreateRoadmapRequest { Title = "Люки", RootCause = "Кражи крышек", MessageIds = { ids[0] } });
        await roadmaps.AddMeasureAsync(new AddMeasureRequest { RoadmapId = roadmap.Id, Title = "Заменить крышки", Owner = "vodokanal", DueDate = "2026-11-03" });
        await roadmaps.AddMeasureAsync(new AddMeasureRequest { RoadmapId = roadmap.Id, Title = "Установить запорные устройства", Owner = "vodokanal", DueDate = "2026-11-30" });

        // Still the due day: nothing to escalate.
        clock.Advance(TimeSpan.FromHours(13));
        var service = host.App.Services.GetRequiredService<CoreRoadmaps.RoadmapService>();
        Assert.Equal(0, await service.EscalateOverdueAsync(clock.GetUtcNow(), CancellationToken.None));

        // Past local midnight after the due day: the host's scan escalates the first measure.
        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(6));
        Measure first;
        var deadline = Environment.TickCount64 + 10_000;
        do
        {
            await Task.Delay(50);
            first = (await roadmaps.GetRoadmapAsync(new GetRoadmapRequest { Id = roadmap.Id })).Measures[0];
        }
        while (first.Escalation is null && Environment.TickCount64 < deadline);

        Assert.NotNull(first.Escalation);
        Assert.Equal("roadmap-overdue", first.Escalation.Level);
        Assert.Equal("block-head", first.Escalation.Target);
        Assert.Equal("housing", first.Escalation.Block);

        // Later scans, the host's and a direct one, raise nothing more.
        clock.Advance(TimeSpan.FromSeconds(6));
        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(0, await service.EscalateOverdueAsync(clock.GetUtcNow(), CancellationToken.None));
        await Task.Delay(200);
        var read = await roadmaps.GetRoadmapAsync(new GetRoadmapRequest { Id = roadmap.Id });
        Assert.Single(read.History, h => h.Action == "escalated");
        Assert.Null(read.Measures[1].Escalation);
        var events = await host.Store.ReadEventsAsync(0, 10_000, CancellationToken.None);
        Assert.Single(events, e => e.Type == "roadmap.measure_escalated");

        // A new due date allows one new escalation.
        await roadmaps.UpdateMeasureAsync(new UpdateMeasureRequest { RoadmapId = roadmap.Id, MeasureId = "m1", DueDate = "2026-11-06" });
        clock.Advance(TimeSpan.FromDays(2));
        // The host's scan may come first; either way the measure is escalated once more, and only once.
        await service.EscalateOverdueAsync(clock.GetUtcNow(), CancellationToken.None);
        Assert.Equal(0, await service.EscalateOverdueAsync(clock.GetUtcNow(), CancellationToken.None));
        read = await roadmaps.GetRoadmapAsync(new GetRoadmapRequest { Id = roadmap.Id });
        Assert.Equal(2, read.History.Count(h => h.Action == "escalated"));
        Assert.NotNull(read.Measures[0].Escalation);
    }

    [Fact]
    public async Task AnotherMunicipalitysRoadmapsMessagesAndCatalogue_AreNotFound()
    {
        const string nyagan = "71879000", uray = "71878000";
        var settings = new Dictionary<string, string?>
        {
            ["McuHub:Oktmo"] = nyagan,
            ["McuHub:Tenants:0:Oktmo"] = nyagan,
            ["McuHub:Tenants:1:Oktmo"] = uray,
            ["McuHub:Tenants:1:Channels:0"] = "api-uray",
            ["McuHub:ApiChannels:1"] = "api-uray",
        };
        foreach (var (key, value) in TestHost.Credential(1, "uray-admin", "key-uray", uray, "admin"))
            settings[key] = value;
        var clock = new FakeTimeProvider(FastTrackTests.Start);
        await using var host = await FastTrackTests.StartAsync(clock, settings);
        var nyaganIds = await SubmitAsync(host, 1, "ny");
        var roadmaps = new RoadmapService.RoadmapServiceClient(host.Channel);
        var roadmap = await roadmaps.CreateRoadmapAsync(new CreateRoadmapRequest { Title = "Нягань", RootCause = "П", MessageIds = { nyaganIds[0] } });
        await new FastTrackService.FastTrackServiceClient(host.Channel).CreateFastTrackEntryAsync(new CreateFastTrackEntryRequest { Entry = FastTrackTests.Hatch() });

        using var urayChannel = host.ChannelFor("key-uray");
        var urayRoadmaps = new RoadmapService.RoadmapServiceClient(urayChannel);
        var get = await Assert.ThrowsAsync<RpcException>(() => urayRoadmaps.GetRoadmapAsync(new GetRoadmapRequest { Id = roadmap.Id }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, get.StatusCode);
        var measure = await Assert.ThrowsAsync<RpcException>(() => urayRoadmaps.AddMeasureAsync(new AddMeasureRequest { RoadmapId = roadmap.Id, Title = "М", Owner = "roads-dept", DueDate = "2026-11-10" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, measure.StatusCode);
        var steal = await Assert.ThrowsAsync<RpcException>(() => urayRoadmaps.CreateRoadmapAsync(new CreateRoadmapRequest { Title = "Урай", RootCause = "П", MessageIds = { nyaganIds[0] } }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, steal.StatusCode);
        Assert.Empty((await urayRoadmaps.ListRoadmapsAsync(new ListRoadmapsRequest())).Roadmaps);

        var urayCatalogue = new FastTrackService.FastTrackServiceClient(urayChannel);
        Assert.Empty((await urayCatalogue.ListFastTrackEntriesAsync(new ListFastTrackEntriesRequest())).Entries);
        // Nyagan's entry is not Uray's: a Uray rule naming it is refused.
        var rule = await Assert.ThrowsAsync<RpcException>(() => new RuleService.RuleServiceClient(urayChannel).SaveRuleSetAsync(new SaveRuleSetRequest { Json = FastTrackTests.HatchRule }).ResponseAsync);
        Assert.Contains("FastTrackEntry", rule.Status.Detail, StringComparison.Ordinal);
        Assert.Single((await roadmaps.ListRoadmapsAsync(new ListRoadmapsRequest())).Roadmaps);
    }

    [Fact]
    public async Task ReadOnlyCredential_CannotEditRoadmaps()
    {
        var settings = new Dictionary<string, string?>();
        foreach (var (key, value) in TestHost.Credential(1, "reader", "key-reader", "", "read"))
            settings[key] = value;
        var clock = new FakeTimeProvider(FastTrackTests.Start);
        await using var host = await FastTrackTests.StartAsync(clock, settings);
        var ids = await SubmitAsync(host, 1, "ro");
        using var reader = host.ChannelFor("key-reader");
        var denied = await Assert.ThrowsAsync<RpcException>(() => new RoadmapService.RoadmapServiceClient(reader).CreateRoadmapAsync(new CreateRoadmapRequest { Title = "Т", RootCause = "П", MessageIds = { ids[0] } }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Empty((await new RoadmapService.RoadmapServiceClient(reader).ListRoadmapsAsync(new ListRoadmapsRequest())).Roadmaps);
    }
}

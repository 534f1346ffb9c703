using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MCU.Hub.Grpc.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MCU.Hub.Host.Tests.WorkingCycle;

/// <summary>The fast-track catalogue through the public API: a rule action puts a message on an entry at intake.</summary>
public sealed class FastTrackTests
{
    // Tuesday 3 November 2026, 10:00 in Moscow: the day before the National Unity Day holiday (Wednesday 4 November).
    internal static readonly DateTimeOffset Start = new(2026, 11, 3, 10, 0, 0, TimeSpan.FromHours(3));

    internal static Dictionary<string, string?> Settings() => new()
    {
        ["McuHub:Recipients:1:Code"] = "vodokanal",
        ["McuHub:Recipients:1:Name"] = "МУП «Водоканал»",
        ["McuHub:Recipients:1:Blocks:0"] = "housing",
    };

    internal static Task<TestHost> StartAsync(FakeTimeProvider clock, IDictionary<string, string?>? extra = null)
    {
        var settings = Settings();
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            settings[key] = value;
        return TestHost.StartAsync(TestHost.NewDatabasePath(), settings, b => b.Services.AddSingleton<TimeProvider>(clock));
    }

    internal static FastTrackEntry Hatch(FastTrackUnit unit = FastTrackUnit.WorkingDays, double amount = 2) => new()
    {
        Code = "open-hatch",
        Title = "Открытый канализационный люк",
        Executor = "vodokanal",
        Unit = unit,
        Amount = amount,
    };

    internal const string HatchRule = """
        [
          { "name": "Люки", "order": 0, "anyWords": [ "люк" ], "fastTrackEntry": "open-hatch" },
          { "name": "Дороги", "order": 10, "categories": [ "roads" ], "recipients": [ "roads-dept" ] }
        ]
        """;

    [Fact]
    public async Task RuleAction_PutsMessageOnEntry_ExecutorAndWorkingCalendarDeadline_NoManualStep()
    {
        var clock = new FakeTimeProvider(Start);
        await using var host = await StartAsync(clock);
        var catalogue = new FastTrackService.FastTrackServiceClient(host.Channel);
        var created = await catalogue.CreateFastTrackEntryAsync(new CreateFastTrackEntryRequest { Entry = Hatch() });
        Assert.Equal(1, created.Version);
        await new RuleService.RuleServiceClient(host.Channel).SaveRuleSetAsync(new SaveRuleSetRequest { Json = HatchRule, Comment = "фаст-трек" });

        var messages = new MessageService.MessageServiceClient(host.Channel);
        var submitted = await messages.SubmitMessageAsync(new SubmitMessageRequest { Channel = "api", ExternalId = "ft-1", Text = "Во дворе открытый люк, дети рядом" });
        var message = (await messages.GetMessageAsync(new GetMessageRequest { Id = submitted.Id })).Message;

        Assert.Equal(["vodokanal"], message.Recipients);
        Assert.True(message.FastTrack);
        Assert.True(message.AutomatedDelivery);
        Assert.Equal(MessageStatus.Routed, message.Status);
        Assert.Equal("open-hatch", message.FastTrackEntry);
        Assert.StartsWith("fast-track:", message.DeadlinePolicy, StringComparison.Ordinal);
        // Two working days after Tuesday 3 November: Wednesday 4 is a holiday, so Thursday 5 and Friday 6; the period
        // ends at local midnight after Friday. Without the holiday it would end a day earlier.
        Assert.Equal(new DateTimeOffset(2026, 11, 7, 0, 0, 0, TimeSpan.FromHours(3)), message.DueAt.ToDateTimeOffset());

        // An ordinary message still goes by the ordinary rule.
        var road = await messages.SubmitMessageAsync(new SubmitMessageRequest { Channel = "api", ExternalId = "ft-2", Text = "Яма на дороге у дома" });
        var roadMessage = (await messages.GetMessageAsync(new GetMessageRequest { Id = road.Id })).Message;
        Assert.False(roadMessage.FastTrack);
        Assert.Equal(["roads-dept"], roadMessage.Recipients);

        // Indicators 1 and 2 count the fast-track message.
        var kpis = await new AnalyticsService.AnalyticsServiceClient(host.Channel).GetKpisAsync(new GetKpisRequest
        {
            Period = new Period { From = "2026-11-01", To = "2026-11-30" },
            IndicatorIds = { "fast-track-share", "automated-delivery-share" },
        });
        var fastTrack = kpis.Values.Single(v => v.Indicator.Id == "fast-track-share");
        Assert.Equal(1, fastTrack.Numerator);
        Assert.Equal(2, fastTrack.Denominator);
        Assert.Equal(2, kpis.Values.Single(v => v.Indicator.Id == "automated-delivery-share").Numerator);
    }

    [Fact]
    public async Task Entry_InWorkingHours_EndsOnTheNextWorkingDayAfterTheHoliday()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 3, 16, 0, 0, TimeSpan.FromHours(3)));
        await using var host = await StartAsync(clock);
        await new FastTrackService.FastTrackServiceClient(host.Channel).CreateFastTrackEntryAsync(new CreateFastTrackEntryRequest { Entry = Hatch(FastTrackUnit.WorkingHours, 4) });
        await new RuleService.RuleServiceClient(host.Channel).SaveRuleSetAsync(new SaveRuleSetRequest { Json = HatchRule });
        var messages = new MessageService.MessageServiceClient(host.Channel);
        var submitted = await messages.SubmitMessageAsync(new SubmitMessageRequest { Channel = "api", ExternalId = "ft-h", Text = "Открыт люк на тротуаре" });
        var message = (await messages.GetMessageAsync(new GetMessageRequest { Id = submitted.Id })).Message;

        // 3 November is a short pre-holiday day (09:00–17:00): one hour from 16:00; 4 November is a holiday; on Thursday
        // 5 November three more hours from 09:00 end at 12:00.
        Assert.Equal(new DateTimeOffset(2026, 11, 5, 12, 0, 0, TimeSpan.FromHours(3)), message.DueAt.ToDateTimeOffset());
    }

    [Fact]
    public async Task Rule_NamingAnUnknownEntry_IsRejected_NamingTheField()
    {
        var clock = new FakeTimeProvider(Start);
        await using var host = await StartAsync(clock);
        var rules = new RuleService.RuleServiceClient(host.Channel);
        var error = await Assert.ThrowsAsync<RpcException>(() => rules.SaveRuleSetAsync(new SaveRuleSetRequest { Json = HatchRule }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("FastTrackEntry", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("open-hatch", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1, (await rules.GetRuleSetAsync(new GetRuleSetRequest())).Version);
    }

    [Fact]
    public async Task Catalogue_ValidatesFields_AndKeepsEntriesRulesName()
    {
        var clock = new FakeTimeProvider(Start);
        await using var host = await StartAsync(clock);
        var catalogue = new FastTrackService.FastTrackServiceClient(host.Channel);

        async Task<RpcException> Bad(FastTrackEntry entry) =>
            await Assert.ThrowsAsync<RpcException>(() => catalogue.CreateFastTrackEntryAsync(new CreateFastTrackEntryRequest { Entry = entry }).ResponseAsync);

        var badExecutor = Hatch();
        badExecutor.Executor = "nobody";
        Assert.StartsWith("executor:", (await Bad(badExecutor)).Status.Detail, StringComparison.Ordinal);
        var badUnit = Hatch();
        badUnit.Unit = FastTrackUnit.Unspecified;
        Assert.StartsWith("entry.unit:", (await Bad(badUnit)).Status.Detail, StringComparison.Ordinal);
        Assert.StartsWith("amount:", (await Bad(Hatch(amount: 0))).Status.Detail, StringComparison.Ordinal);
        var badCode = Hatch();
        badCode.Code = "Люк";
        Assert.StartsWith("code:", (await Bad(badCode)).Status.Detail, StringComparison.Ordinal);

        await catalogue.CreateFastTrackEntryAsync(new CreateFastTrackEntryRequest { Entry = Hatch() });
        Assert.StartsWith("code:", (await Bad(Hatch())).Status.Detail, StringComparison.Ordinal);
        await new RuleService.RuleServiceClient(host.Channel).SaveRuleSetAsync(new SaveRuleSetRequest { Json = HatchRule });

        var kept = await Assert.ThrowsAsync<RpcException>(() => catalogue.DeleteFastTrackEntryAsync(new DeleteFastTrackEntryRequest { Code = "open-hatch" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, kept.StatusCode);
        Assert.Contains("Люки", kept.Status.Detail, StringComparison.Ordinal);

        var changed = Hatch(amount: 1);
        var updated = await catalogue.UpdateFastTrackEntryAsync(new UpdateFastTrackEntryRequest { Entry = changed, ExpectedVersion = 1 });
        Assert.Equal(2, updated.Version);
        var stale = await Assert.ThrowsAsync<RpcException>(() => catalogue.UpdateFastTrackEntryAsync(new UpdateFastTrackEntryRequest { Entry = changed, ExpectedVersion = 1 }).ResponseAsync);
        Assert.StartsWith("expected_version:", stale.Status.Detail, StringComparison.Ordinal);

        // The change is in force for the next message: one working day now.
        var messages = new MessageService.MessageServiceClient(host.Channel);
        var submitted = await messages.SubmitMessageAsync(new SubmitMessageRequest { Channel = "api", ExternalId = "ft-u", Text = "Открытый люк" });
        var message = (await messages.GetMessageAsync(new GetMessageRequest { Id = submitted.Id })).Message;
        Assert.Equal(new DateTimeOffset(2026, 11, 6, 0, 0, 0, TimeSpan.FromHours(3)), message.DueAt.ToDateTimeOffset());

        var missing = await Assert.ThrowsAsync<RpcException>(() => catalogue.GetFastTrackEntryAsync(new GetFastTrackEntryRequest { Code = "nothing" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Single((await catalogue.ListFastTrackEntriesAsync(new ListFastTrackEntriesRequest())).Entries);
    }

    [Fact]
    public async Task JsonRoute_CreatesAndListsEntries()
    {
        var clock = new FakeTimeProvider(Start);
        await using var host = await StartAsync(clock);
        var created = await host.Http.PostAsync("/v1/fast-track/entries", TestHost.Json("""
            { "code": "dead-light", "title": "Не горит фонарь", "executor": "roads-dept", "unit": "FAST_TRACK_UNIT_WORKING_DAYS", "amount": 3 }
            """));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var listed = await host.Http.GetStringAsync("/v1/fast-track/entries");
        Assert.Contains("dead-light", listed, StringComparison.Ordinal);
    }
}

using MCU.Hub.Kpi;
using MCU.Hub.Messages;
using MCU.Hub.Storage;

namespace MCU.Hub.Core.Tests.Kpi;

public sealed class KpiServiceTests
{
    private static readonly DateTimeOffset November = new(2026, 11, 2, 10, 0, 0, KpiSeed.Moscow);
    private static readonly KpiPeriod NovemberDays = KpiPeriod.Month(2026, 11);

    [Fact]
    public async Task Target_shares_count_messages_that_reached_recipients_and_leave_out_rejected_and_untriaged_ones()
    {
        await using var hub = new TestHub();
        var messages = new List<HubMessage>();
        for (var i = 0; i < 10; i++)
        {
            var n = i;
            messages.Add(KpiSeed.Message(November.AddDays(i), configure: m =>
            {
                m.FastTrack = n < 4;
                m.AutomatedDelivery = n < 3;
                m.AutomatedControl = n < 2;
                m.RoadmapId = n < 2 ? "rm-1" : null;
                m.RoadmapImplementedAt = n == 0 ? new DateTimeOffset(2026, 11, 20, 12, 0, 0, KpiSeed.Moscow) : n == 1 ? new DateTimeOffset(2026, 12, 3, 12, 0, 0, KpiSeed.Moscow) : null;
            }));
        }

        messages.Add(KpiSeed.Message(November, configure: m => { m.Status = MessageStatus.Rejected; m.FastTrack = true; }));
        messages.Add(KpiSeed.Message(November, recipient: "", configure: m => m.FastTrack = true));
        messages.Add(KpiSeed.Message(November.AddMonths(-1), configure: m => m.FastTrack = true));
        await KpiSeed.StoreAsync(hub.Get<IHubStore>(), messages);

        var values = await hub.Get<KpiService>().ComputeAsync(NovemberDays, KpiSlice.All, [], CancellationToken.None);
        KpiResult Fact(string id) => values.Single(v => v.Indicator.Id == id).Fact;

        Assert.Equal(new KpiResult(40, 4, 10), Fact(TargetIndicators.FastTrack));
        Assert.Equal(new KpiResult(30, 3, 10), Fact(TargetIndicators.AutomatedDelivery));
        Assert.Equal(new KpiResult(20, 2, 10), Fact(TargetIndicators.AutomatedControl));
        // The roadmap of message 1 was implemented after the period ended: only message 0 counts.
        Assert.Equal(new KpiResult(10, 1, 10), Fact(TargetIndicators.Roadmaps));
        Assert.Equal(12, Fact(OperationalIndicators.Inflow).Value);
        Assert.Equal(KpiGroups.Target, values[0].Indicator.Group);
        Assert.Equal(6, values.Count(v => v.Indicator.Group == KpiGroups.Target));
    }

    [Fact]
    public async Task A_share_with_nothing_to_count_has_no_value_rather_than_zero()
    {
        await using var hub = new TestHub();
        var values = await hub.Get<KpiService>().ComputeAsync(NovemberDays, KpiSlice.All, [TargetIndicators.FastTrack, TargetIndicators.PosDecisionsReported], CancellationToken.None);
        Assert.All(values, v => Assert.Null(v.Fact.Value));
        Assert.All(values, v => Assert.NotNull(v.Fact.Note));
    }

    [Fact]
    public async Task Plans_come_from_the_Nyagan_table_by_default_and_from_configuration_for_later_years()
    {
        await using var hub = new TestHub(o => o.Kpi.Plans[TargetIndicators.FastTrack] = new() { [2026] = 95 });
        var service = hub.Get<KpiService>();
        await KpiSeed.StoreAsync(hub.Get<IHubStore>(), [KpiSeed.Message(new DateTimeOffset(2024, 5, 6, 10, 0, 0, KpiSeed.Moscow), configure: m => m.FastTrack = true)]);

        var in2024 = await service.ComputeAsync(KpiPeriod.Year(2024), KpiSlice.All, [TargetIndicators.AutomatedDelivery, TargetIndicators.FastTrack], CancellationToken.None);
        Assert.Equal(70, in2024[0].Plan);
        // A configured indicator replaces the defaults of every year: 2024 has no plan for it now.
        Assert.Null(in2024[1].Plan);
        var in2026 = await service.ComputeAsync(KpiPeriod.Year(2026), KpiSlice.All, [TargetIndicators.FastTrack, TargetIndicators.AutomatedDelivery], CancellationToken.None);
        Assert.Equal(95, in2026[0].Plan);
        Assert.Null(in2026[1].Plan);

        var fact2024 = (await service.ComputeAsync(KpiPeriod.Year(2024), KpiSlice.All, [TargetIndicators.AutomatedDelivery], CancellationToken.None))[0];
        Assert.Equal(0, fact2024.Fact.Value);
        Assert.Equal(0, fact2024.Achievement);
        Assert.False(fact2024.PlanMet);
    }

    [Fact]
    public async Task The_projection_follows_answers_and_status_changes_made_after_it_was_built()
    {
        await using var hub = new TestHub();
        var store = hub.Get<IHubStore>();
        var late = KpiSeed.Message(November, configure: m => m.DueAt = November.AddDays(1));
        var early = KpiSeed.Message(November);
        await KpiSeed.StoreAsync(store, [late, early]);
        var service = hub.Get<KpiService>();

        hub.Time.SetUtcNow(November.AddDays(3));
        var before = await service.ComputeAsync(NovemberDays, KpiSlice.All, [OperationalIndicators.AnsweredOnTime, OperationalIndicators.OverdueNow], CancellationToken.None);
        // The late one is past its deadline with no answer: counted, not on time. The other is neither answered nor due.
        Assert.Equal(new KpiResult(0, 0, 1), before[0].Fact);
        Assert.Equal(1, before[1].Fact.Value);

        var operations = hub.Get<MessageOperations>();
        await operations.AnswerAsync(early.Id, "Яма заделана", "roads-dept", [], "test", CancellationToken.None);
        await operations.AnswerAsync(late.Id, "Яма заделана", "roads-dept", [], "test", CancellationToken.None);
        await operations.ChangeStatusAsync(late.Id, MessageStatus.Reopened, "жалоба", "test", CancellationToken.None);

        var after = await service.ComputeAsync(NovemberDays, KpiSlice.All, [OperationalIndicators.AnsweredOnTime, OperationalIndicators.OverdueNow, OperationalIndicators.ReopenedOrReturned], CancellationToken.None);
        Assert.Equal(new KpiResult(50, 1, 2), after[0].Fact);
        Assert.Equal(1, after[1].Fact.Value);
        Assert.Equal(new KpiResult(50, 1, 2), after[2].Fact);
    }

    [Fact]
    public async Task Response_time_is_counted_in_working_hours_on_the_production_calendar()
    {
        await using var hub = new TestHub();
        // Friday 06.11.2026 17:00 → Monday 09.11.2026 11:00: one hour on Friday, two on Monday (9:00–18:00, lunch 13–14).
        var friday = new DateTimeOffset(2026, 11, 6, 17, 0, 0, KpiSeed.Moscow);
        var messages = new List<HubMessage>
        {
            KpiSeed.Message(friday, configure: m => m.FirstAnsweredAt = new DateTimeOffset(2026, 11, 9, 11, 0, 0, KpiSeed.Moscow)),
        };
        for (var i = 1; i <= 9; i++)
        {
            var hours = i;
            var monday = new DateTimeOffset(2026, 11, 16, 9, 0, 0, KpiSeed.Moscow);
            messages.Add(KpiSeed.Message(monday, configure: m => m.FirstAnsweredAt = monday.AddHours(hours > 4 ? hours + 1 : hours)));
        }

        await KpiSeed.StoreAsync(hub.Get<IHubStore>(), messages);
        var values = await hub.Get<KpiService>().ComputeAsync(NovemberDays, KpiSlice.All, [OperationalIndicators.ResponseHoursAverage, OperationalIndicators.ResponseHoursP90], CancellationToken.None);

        // Working hours: 3 (the weekend one), then 1…8 on Monday with the lunch hour left out after the fourth; the
        // last answer at 19:00 is past the working day's end, so it also counts 8.
        Assert.Equal((3.0 + 36 + 8) / 10, values[0].Fact.Value!.Value, 6);
        // Nearest rank: the 9th of 10 sorted values (1,2,3,3,4,5,6,7,8,8).
        Assert.Equal(8, values[1].Fact.Value!.Value, 6);
    }

    [Fact]
    public async Task Breakdown_by_channel_and_slices_narrow_the_flow()
    {
        await using var hub = new TestHub();
        await KpiSeed.StoreAsync(hub.Get<IHubStore>(),
        [
            KpiSeed.Message(November, channel: "pos"),
            KpiSeed.Message(November, channel: "pos", recipient: "utilities"),
            KpiSeed.Message(November, channel: "incident-management"),
        ]);
        var service = hub.Get<KpiService>();

        var rows = await service.BreakdownAsync(OperationalIndicators.Inflow, NovemberDays, KpiSlice.All, KpiDimension.Channel, CancellationToken.None);
        Assert.Equal(["incident-management", "pos"], rows.Select(r => r.Key));
        Assert.Equal([1.0, 2.0], rows.Select(r => r.Value.Fact.Value!.Value));

        var byRecipient = await service.BreakdownAsync(OperationalIndicators.Inflow, NovemberDays, new KpiSlice { Channel = "pos" }, KpiDimension.Recipient, CancellationToken.None);
        Assert.Equal([("roads-dept", 1.0), ("utilities", 1.0)], byRecipient.Select(r => (r.Key, r.Value.Fact.Value!.Value)));
        Assert.Equal("Управление дорожного хозяйства", byRecipient[0].Name);

        var ex = await Assert.ThrowsAsync<MCU.Hub.Intake.HubValidationException>(() => service.ComputeAsync(NovemberDays, KpiSlice.All, ["no-such"], CancellationToken.None));
        Assert.Equal("indicators", ex.Field);
    }

    [Fact]
    public async Task Recipients_informing_counts_verified_pages_with_publications_in_the_period()
    {
        await using var hub = new TestHub();
        var inPeriod = new DateTimeOffset(2026, 11, 10, 12, 0, 0, KpiSeed.Moscow);
        await KpiSeed.StoreAsync(hub.Get<IHubStore>(), [],
        [
            KpiSeed.Record("page", "p-roads", inPeriod.AddYears(-1), ("owner", "roads-dept"), ("verified", "true")),
            KpiSeed.Record("page", "p-util", inPeriod.AddYears(-1), ("owner", "utilities"), ("verified", "false")),
            KpiSeed.Record("publication", "pub-1", inPeriod, ("owner", "roads-dept"), ("page_id", "p-roads"), ("reports_on", "vote-1")),
            KpiSeed.Record("publication", "pub-2", inPeriod, ("owner", "utilities"), ("page_id", "p-util")),
            KpiSeed.Record("vote", "vote-1", inPeriod.AddDays(-3)),
            KpiSeed.Record("poll", "poll-1", inPeriod.AddDays(-2)),
        ]);

        var values = await hub.Get<KpiService>().ComputeAsync(NovemberDays, KpiSlice.All, [TargetIndicators.RecipientsInforming, TargetIndicators.PosDecisionsReported, OperationalIndicators.PublicationsPerPageWeek], CancellationToken.None);
        // Two recipients in the directory; only the roads department publishes on a verified page.
        Assert.Equal(new KpiResult(50, 1, 2), values[0].Fact);
        Assert.Equal(new KpiResult(50, 1, 2), values[1].Fact);
        // Two publications over two pages in 30/7 weeks.
        Assert.Equal(2 / (2 * (30 / 7.0)), values[2].Fact.Value!.Value, 6);
    }

    [Fact]
    public void Report_periods_are_iso_weeks_months_quarters_and_years()
    {
        Assert.Equal(KpiPeriod.Of(new(2026, 11, 16), new(2026, 11, 22)), MCU.Hub.Reports.ReportPeriod.Parse(MCU.Hub.Reports.ReportKind.Weekly, "2026-W47").Days);
        Assert.Equal(KpiPeriod.Of(new(2026, 10, 1), new(2026, 12, 31)), MCU.Hub.Reports.ReportPeriod.Parse(MCU.Hub.Reports.ReportKind.Quarterly, "2026-Q4").Days);
        Assert.Equal(new DateOnly(2026, 2, 28), MCU.Hub.Reports.ReportPeriod.Parse(MCU.Hub.Reports.ReportKind.Monthly, "2026-02").Days.To);
        var ex = Assert.Throws<MCU.Hub.Intake.HubValidationException>(() => MCU.Hub.Reports.ReportPeriod.Parse(MCU.Hub.Reports.ReportKind.Weekly, "2026-W54"));
        Assert.Equal("period", ex.Field);
        Assert.Throws<MCU.Hub.Intake.HubValidationException>(() => KpiPeriod.Of(new(2026, 2, 1), new(2026, 1, 1)));
    }
}

using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MCU.Hub.Events;
using MCU.Hub.Kpi;
using MCU.Hub.Messages;
using MCU.Hub.Ratings;
using MCU.Hub.Reports;
using MCU.Hub.Storage;

namespace MCU.Hub.Core.Tests.Kpi;

public sealed class RatingBacklogReportTests
{
    private static readonly DateTimeOffset November = new(2026, 11, 2, 10, 0, 0, KpiSeed.Moscow);

    [Fact]
    public async Task One_fast_answer_does_not_top_the_rating_below_the_minimum_volume()
    {
        await using var hub = new TestHub();
        var messages = new List<HubMessage>();
        for (var i = 0; i < 12; i++)
        {
            var n = i;
            // Roads: 12 messages, 9 answered on time, 3 late; one of the on-time ones reopened.
            messages.Add(KpiSeed.Message(November.AddHours(i), configure: m =>
            {
                m.FirstAnsweredAt = n < 9 ? m.RegisteredAt.AddDays(1) : m.RegisteredAt.AddDays(20);
                m.Status = MessageStatus.Answered;
                m.ReopenCount = n == 0 ? 1 : 0;
            }));
        }

        messages.Add(KpiSeed.Message(November, recipient: "utilities", configure: m => { m.FirstAnsweredAt = m.RegisteredAt.AddMinutes(5); m.Status = MessageStatus.Answered; m.Satisfaction = 5; }));
        await KpiSeed.StoreAsync(hub.Get<IHubStore>(), messages);
        hub.Time.SetUtcNow(November.AddMonths(1));

        var rating = await hub.Get<RecipientRatingService>().RateAsync(KpiPeriod.Month(2026, 11), KpiSlice.All, CancellationToken.None);

        var roads = rating[0];
        Assert.Equal(("roads-dept", 1), (roads.Recipient, roads.Rank!.Value));
        Assert.Equal((12, 12, 9, 11), (roads.Received, roads.Answered, roads.AnsweredOnTime, roads.Substantive));
        // No ratings from citizens: satisfaction is left out and the other weights (25, 35, 25) carry the score.
        var expected = 100 * ((25 * 1.0) + (35 * 9 / 12.0) + (25 * 11 / 12.0)) / 85;
        Assert.Equal(expected, roads.Score!.Value, 6);
        Assert.Null(roads.Components.Single(c => c.Id == "satisfaction").Value);

        var utilities = rating[1];
        Assert.Equal("utilities", utilities.Recipient);
        Assert.False(utilities.Ranked);
        Assert.Null(utilities.Rank);
        Assert.Equal(100, utilities.Score!.Value, 6);
        Assert.Contains("не ранжируется", utilities.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backlog_of_a_past_day_is_answered_from_the_snapshot_or_reconstructed()
    {
        await using var hub = new TestHub();
        var answered = KpiSeed.Message(November, configure: m => { m.FirstAnsweredAt = new DateTimeOffset(2026, 11, 5, 12, 0, 0, KpiSeed.Moscow); m.Status = MessageStatus.Answered; m.DueAt = November.AddDays(1); });
        var open = KpiSeed.Message(November.AddDays(1), recipient: "utilities", configure: m => m.DueAt = November.AddDays(5));
        await KpiSeed.StoreAsync(hub.Get<IHubStore>(), [answered, open]);
        hub.Time.SetUtcNow(new DateTimeOffset(2026, 11, 10, 0, 10, 0, KpiSeed.Moscow));
        var backlog = hub.Get<BacklogService>();

        var nov4 = await backlog.GetAsync(new DateOnly(2026, 11, 4), CancellationToken.None);
        Assert.True(nov4.Reconstructed);
        // End of 4 November: both open; the first one past its deadline (3 November).
        Assert.Equal((2, 1), (nov4.Open, nov4.Overdue));
        Assert.Equal(1, nov4.Rows.Single(r => r.Dimension == KpiDimension.Recipient && r.Key == "utilities").Open);

        var nov8 = await backlog.GetAsync(new DateOnly(2026, 11, 8), CancellationToken.None);
        Assert.Equal((1, 1), (nov8.Open, nov8.Overdue));

        var taken = await backlog.TakeMissingAsync(CancellationToken.None);
        Assert.Equal(new DateOnly(2026, 11, 2), taken[0]);
        Assert.Equal(new DateOnly(2026, 11, 9), taken[^1]);
        // The day that has just ended (ten minutes ago) is a live snapshot; the rest are reconstructions.
        var stored = await hub.Get<IBacklogSnapshotStore>().GetAsync(new DateOnly(2026, 11, 9), CancellationToken.None);
        Assert.False(stored!.Reconstructed);
        Assert.Empty(await backlog.TakeMissingAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData(ReportKind.Weekly, "2026-W47", "2026-11-27T13:00:00+03:00")]
    // 1 May 2026 is a Friday and a holiday: due on Thursday 30 April.
    [InlineData(ReportKind.Weekly, "2026-W17", "2026-04-30T13:00:00+03:00")]
    // 5 December 2026 is a Saturday: due on Friday the 4th.
    [InlineData(ReportKind.Monthly, "2026-11", "2026-12-04T09:00:00+03:00")]
    // January 2027: 1–8 are holidays, 9–10 a weekend; the third working day is the 13th.
    [InlineData(ReportKind.Annual, "2026", "2027-01-13T09:00:00+03:00")]
    [InlineData(ReportKind.Quarterly, "2026-Q3", "2026-10-07T09:00:00+03:00")]
    public async Task Reports_fall_due_on_the_production_calendar(ReportKind kind, string period, string due)
    {
        await using var hub = new TestHub();
        var schedule = hub.Get<ReportSchedule>();
        var p = ReportPeriod.Parse(kind, period);
        Assert.Equal(DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture), schedule.DueAt(p));
        Assert.True(schedule.GenerateAt(p) < schedule.DueAt(p));
        Assert.True(schedule.GenerateAt(p) >= new DateTimeOffset(p.Days.To.ToDateTime(TimeOnly.MinValue), KpiSeed.Moscow).AddDays(1));
    }

    [Fact]
    public async Task A_generated_weekly_report_is_a_workbook_whose_numbers_equal_the_indicators_and_is_stored_with_its_parameters()
    {
        await using var hub = new TestHub();
        var monday = new DateTimeOffset(2026, 11, 16, 10, 0, 0, KpiSeed.Moscow);
        await KpiSeed.StoreAsync(hub.Get<IHubStore>(),
        [
            KpiSeed.Message(monday, channel: "pos", configure: m => m.FastTrack = true),
            KpiSeed.Message(monday.AddDays(1), channel: "pos"),
            KpiSeed.Message(monday.AddDays(2), channel: "incident-management", recipient: "utilities"),
        ]);
        hub.Time.SetUtcNow(new DateTimeOffset(2026, 11, 27, 9, 0, 0, KpiSeed.Moscow));
        var reports = hub.Get<ReportService>();

        var stored = await reports.GenerateAsync(ReportPeriod.Parse(ReportKind.Weekly, "2026-W47"), [], "api", "test", CancellationToken.None);

        Assert.Equal(("2026-W47", "2026-11-16", "2026-11-22", "api"), (stored.Period, stored.From, stored.To, stored.Trigger));
        Assert.Equal(["xlsx", "html"], stored.Files.Select(f => f.Format));
        Assert.Equal("receipt", stored.Parameters["basis"]);
        var listed = await reports.ListAsync(ReportKind.Weekly, "2026-W47", 10, CancellationToken.None);
        Assert.Equal(stored.Id, Assert.Single(listed).Id);

        var xlsx = await reports.GetContentAsync(stored.Id, "xlsx", CancellationToken.None);
        Assert.Equal(stored.Files[0].Length, xlsx!.LongLength);
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();
        Assert.Contains("По каналам", sheets);
        Assert.Contains("Рейтинг получателей", sheets);
        Assert.Contains("Рост обращений", sheets);
        Assert.Contains("Тепловая карта", sheets);

        // The «По каналам» sheet: the pos row's inflow is the number 2, as the indicator service says.
        var channelSheet = (WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().First(s => s.Name == "По каналам").Id!);
        var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        string Text(Cell c) => c.DataType?.Value == CellValues.SharedString ? strings[int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)] : c.InnerText;
        var posRow = channelSheet.Worksheet.Descendants<Row>().First(r => r.Elements<Cell>().Any(c => Text(c) == "pos"));
        var inflow = posRow.Elements<Cell>().ElementAt(1);
        Assert.Null(inflow.DataType);
        var expected = (await hub.Get<KpiService>().BreakdownAsync(OperationalIndicators.Inflow, ReportPeriod.Parse(ReportKind.Weekly, "2026-W47").Days, KpiSlice.All, KpiDimension.Channel, CancellationToken.None)).Single(r => r.Key == "pos");
        Assert.Equal(expected.Value.Fact.Value, double.Parse(inflow.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture));

        var html = System.Text.Encoding.UTF8.GetString((await reports.GetContentAsync(stored.Id, "html", CancellationToken.None))!);
        Assert.Contains("Еженедельный аналитический отчёт", html, StringComparison.Ordinal);

        var events = await hub.Get<IHubStore>().ReadEventsAsync(0, 100, CancellationToken.None);
        Assert.Contains(events, e => e.Type == HubEventTypes.ReportReady);
    }

    [Theory]
    [InlineData(ReportKind.Monthly, "2026-11")]
    [InlineData(ReportKind.Quarterly, "2026-Q4")]
    [InlineData(ReportKind.Annual, "2026")]
    public async Task Every_report_kind_renders_in_both_formats(ReportKind kind, string period)
    {
        await using var hub = new TestHub();
        await KpiSeed.StoreAsync(hub.Get<IHubStore>(), [KpiSeed.Message(November), KpiSeed.Message(November.AddDays(3), recipient: "utilities")]);
        hub.Time.SetUtcNow(new DateTimeOffset(2027, 1, 12, 9, 0, 0, KpiSeed.Moscow));
        var stored = await hub.Get<ReportService>().GenerateAsync(ReportPeriod.Parse(kind, period), ["xlsx", "html"], "cli", "test", CancellationToken.None);
        Assert.All(stored.Files, f => Assert.True(f.Length > 0));
        var xlsx = await hub.Get<ReportService>().GetContentAsync(stored.Id, "xlsx", CancellationToken.None);
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx!), false);
        Assert.True(document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Count() >= 3);
        var bad = await Assert.ThrowsAsync<MCU.Hub.Intake.HubValidationException>(() => hub.Get<ReportService>().GenerateAsync(ReportPeriod.Parse(kind, period), ["pdf"], "cli", "test", CancellationToken.None));
        Assert.Equal("format", bad.Field);
    }
}

using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MCU.Hub.Grpc.V1;

namespace MCU.Hub.Host.Tests.Grpc;

public sealed class AnalyticsAndReportServiceTests : IAsyncLifetime
{
    private static readonly Period November = new() { From = "2026-11-01", To = "2026-11-30" };
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync(TestHost.NewDatabasePath());
        var messages = new MessageService.MessageServiceClient(_host.Channel);
        for (var i = 0; i < 3; i++)
        {
            await messages.SubmitMessageAsync(new SubmitMessageRequest
            {
                Channel = "api",
                ExternalId = $"kpi-{i}",
                Kind = MCU.Hub.Grpc.V1.MessageKind.Message,
                Text = "Большая яма на дороге возле школы №3",
                CreatedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 16 + i, 9, 15, 0, TimeSpan.FromHours(3))),
                Address = "ул. Мира, 12",
            });
        }
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task GetKpis_over_grpc_counts_what_was_submitted_and_carries_the_plans()
    {
        var client = new AnalyticsService.AnalyticsServiceClient(_host.Channel);
        var indicators = await client.ListIndicatorsAsync(new ListIndicatorsRequest());
        Assert.Equal("fast-track-share", indicators.Indicators[0].Id);

        var response = await client.GetKpisAsync(new GetKpisRequest { Period = November, IndicatorIds = { "inflow", "automated-delivery-share" } });
        Assert.Equal(3, response.Values[0].Fact);
        // All three were routed by the «Дороги» rule with no manual step: delivered automatically.
        Assert.Equal(100, response.Values[1].Fact);
        Assert.Equal(3, response.Values[1].Denominator);
        Assert.Equal("receipt", response.Basis);

        var byRecipient = await client.GetKpiBreakdownAsync(new GetKpiBreakdownRequest { IndicatorId = "inflow", Period = November, Dimension = Dimension.Recipient });
        Assert.Equal(3, byRecipient.Rows.Single(r => r.Key == "roads-dept").Value.Fact);

        var ratings = await client.GetRatingsAsync(new GetRatingsRequest { Period = November });
        Assert.Equal(0, Assert.Single(ratings.Ratings).Rank);

        // The backlog counts from registration in the hub (today), not from the citizen's creation time.
        var today = TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow")).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var backlog = await client.GetBacklogAsync(new GetBacklogRequest { Date = today });
        Assert.Equal(3, backlog.Open);
    }

    [Fact]
    public async Task Bad_periods_and_unknown_indicators_are_invalid_arguments_naming_the_field()
    {
        var client = new AnalyticsService.AnalyticsServiceClient(_host.Channel);
        var noPeriod = await Assert.ThrowsAsync<RpcException>(() => client.GetKpisAsync(new GetKpisRequest()).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, noPeriod.StatusCode);
        Assert.StartsWith("period", noPeriod.Status.Detail, StringComparison.Ordinal);
        var badDate = await Assert.ThrowsAsync<RpcException>(() => client.GetKpisAsync(new GetKpisRequest { Period = new Period { From = "01.11.2026", To = "2026-11-30" } }).ResponseAsync);
        Assert.StartsWith("period.from", badDate.Status.Detail, StringComparison.Ordinal);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => client.GetKpisAsync(new GetKpisRequest { Period = November, IndicatorIds = { "nope" } }).ResponseAsync);
        Assert.StartsWith("indicators", unknown.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_generated_over_grpc_is_listed_and_downloads_in_chunks_equal_to_its_checksum()
    {
        var client = new MCU.Hub.Grpc.V1.ReportService.ReportServiceClient(_host.Channel);
        var report = await client.GenerateReportAsync(new GenerateReportRequest { Kind = MCU.Hub.Grpc.V1.ReportKind.Weekly, Period = "2026-W47" });
        Assert.Equal(("2026-11-16", "2026-11-22", "api"), (report.From, report.To, report.Trigger));
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero), report.DueAt.ToDateTimeOffset());

        var listed = await client.ListReportsAsync(new ListReportsRequest { Kind = MCU.Hub.Grpc.V1.ReportKind.Weekly });
        Assert.Equal(report.Id, Assert.Single(listed.Reports).Id);

        using var call = client.DownloadReport(new DownloadReportRequest { Id = report.Id, Format = "xlsx" });
        var bytes = new MemoryStream();
        ReportFile? file = null;
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
        {
            file ??= chunk.File;
            chunk.Data.WriteTo(bytes);
        }

        Assert.Equal(file!.Length, bytes.Length);
        Assert.Equal(file.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes.ToArray())));
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString(bytes.ToArray(), 0, 2));

        var bad = await Assert.ThrowsAsync<RpcException>(() => client.GenerateReportAsync(new GenerateReportRequest { Kind = MCU.Hub.Grpc.V1.ReportKind.Weekly, Period = "2026-11" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.StartsWith("period", bad.Status.Detail, StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var none = client.DownloadReport(new DownloadReportRequest { Id = "nope", Format = "xlsx" });
            await none.ResponseStream.MoveNext();
        });
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }
}

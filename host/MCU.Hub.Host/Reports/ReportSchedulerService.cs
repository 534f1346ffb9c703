using MCU.Hub.Kpi;
using MCU.Hub.Reports;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Host.Reports;

/// <summary>
/// Takes the daily backlog snapshot when a day ends and generates each report of the latest ended period once its
/// generation time (before the due time, on the production calendar) has come, if it was not generated yet — one
/// report per municipality the hub serves. With several instances on one database, a pass runs on the instance that
/// holds the <c>reports</c> lease at the time.
/// </summary>
internal sealed partial class ReportSchedulerService(
    ReportService reports,
    BacklogService backlog,
    Tenants.TenantDirectory tenants,
    MCU.Hub.Channels.IChannelLease lease,
    IOptions<McuHubOptions> options,
    TimeProvider time,
    ILogger<ReportSchedulerService> logger) : BackgroundService
{
    /// <summary>How often the schedule is checked.</summary>
    internal static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (await HoldsScheduleAsync(stoppingToken).ConfigureAwait(false))
                    await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> HoldsScheduleAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await lease.TryAcquireAsync("reports", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSnapshotFailed(logger, ex);
            return false;
        }
    }

    /// <summary>One pass: snapshots of ended days, then the reports whose time has come.</summary>
    internal async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var taken = await backlog.TakeMissingAsync(cancellationToken).ConfigureAwait(false);
            if (taken.Count > 0)
                LogSnapshots(logger, taken.Count, taken[^1]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSnapshotFailed(logger, ex);
        }

        if (!options.Value.Reports.Schedule)
            return;

        var now = time.GetUtcNow();
        foreach (var (tenant, kind) in tenants.Codes.SelectMany(t => Enum.GetValues<ReportKind>().Select(k => (t, k))))
        {
            var period = reports.Schedule.LatestEnded(kind, now);
            if (now < reports.Schedule.GenerateAt(period))
                continue;
            try
            {
                if ((await reports.ListAsync([tenant], kind, period.Key, 1, cancellationToken).ConfigureAwait(false)).Count > 0)
                    continue;
                var stored = await reports.GenerateAsync(tenant, period, [], "schedule", "system", cancellationToken).ConfigureAwait(false);
                var due = reports.Schedule.DueAt(period);
                if (now > due)
                    LogLate(logger, kind, period.Key, due);
                LogGenerated(logger, kind, period.Key, stored.Id, due);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex, kind, period.Key);
            }
        }
    }

    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Report {Kind} {Period} generated on schedule as {Id}, due {Due}")]
    private static partial void LogGenerated(ILogger logger, ReportKind kind, string period, string id, DateTimeOffset due);

    [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "Report {Kind} {Period} is generated after its due time {Due} (the host was not running then)")]
    private static partial void LogLate(ILogger logger, ReportKind kind, string period, DateTimeOffset due);

    [LoggerMessage(EventId = 702, Level = LogLevel.Error, Message = "Report {Kind} {Period} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, ReportKind kind, string period);

    [LoggerMessage(EventId = 703, Level = LogLevel.Information, Message = "Backlog snapshots stored for {Count} days, up to {Last}")]
    private static partial void LogSnapshots(ILogger logger, int count, DateOnly last);

    [LoggerMessage(EventId = 704, Level = LogLevel.Error, Message = "Backlog snapshot failed")]
    private static partial void LogSnapshotFailed(ILogger logger, Exception exception);
}

using MCU.Hub.Channels;
using MCU.Hub.Deadlines;
using MCU.Hub.Escalation;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Host.Channels;

/// <summary>
/// Keeps deadlines current: recomputes open deadlines once at start when the calendar or policies changed, then
/// raises escalation levels on schedule.
/// </summary>
/// <remarks>
/// With several instances on one database only the holder of the <c>escalation</c> lease scans, so that a level is
/// not raised by two instances at once; the scanner's watermark lives in the store, so a standby that takes the lease
/// over carries on where the holder stopped.
/// </remarks>
internal sealed partial class DeadlineService(
    DeadlineMaintenance maintenance,
    EscalationScanner scanner,
    IChannelLease lease,
    IOptions<McuHubOptions> options,
    TimeProvider time,
    ILogger<DeadlineService> logger) : BackgroundService
{
    private const string EscalationLease = "escalation";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var moved = await maintenance.RecomputeIfSettingsChangedAsync(stoppingToken).ConfigureAwait(false);
            if (moved > 0)
                LogRecomputed(logger, moved);

            var interval = options.Value.Escalation.ScanInterval;
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (await lease.TryAcquireAsync(EscalationLease, stoppingToken).ConfigureAwait(false))
                    {
                        var raised = await scanner.ScanAsync(time.GetUtcNow(), stoppingToken).ConfigureAwait(false);
                        if (raised > 0)
                            LogEscalated(logger, raised);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogScanFailed(logger, ex);
                }

                await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Deadline settings changed: {Count} open deadlines recomputed")]
    private static partial void LogRecomputed(ILogger logger, int count);

    [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "{Count} escalations raised")]
    private static partial void LogEscalated(ILogger logger, int count);

    [LoggerMessage(EventId = 502, Level = LogLevel.Error, Message = "Escalation scan failed")]
    private static partial void LogScanFailed(ILogger logger, Exception exception);
}

using MCU.Hub.FastTrack;
using MCU.Hub.Roadmaps;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Host.Roadmaps;

/// <summary>
/// Escalates overdue roadmap measures on schedule (once per measure and due date) and reloads the fast-track catalogue,
/// so that the changes another instance of the hub made come into force here too.
/// </summary>
internal sealed partial class RoadmapEscalationService(
    RoadmapService roadmaps,
    FastTrackCatalog catalogue,
    IOptions<RoadmapOptions> options,
    TimeProvider time,
    ILogger<RoadmapEscalationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await catalogue.ReloadAsync(stoppingToken).ConfigureAwait(false);
                    var raised = await roadmaps.EscalateOverdueAsync(time.GetUtcNow(), stoppingToken).ConfigureAwait(false);
                    if (raised > 0)
                        LogEscalated(logger, raised);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogScanFailed(logger, ex);
                }

                await Task.Delay(options.Value.ScanInterval, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 520, Level = LogLevel.Information, Message = "{Count} overdue roadmap measures escalated")]
    private static partial void LogEscalated(ILogger logger, int count);

    [LoggerMessage(EventId = 521, Level = LogLevel.Error, Message = "Roadmap escalation scan failed")]
    private static partial void LogScanFailed(ILogger logger, Exception exception);
}

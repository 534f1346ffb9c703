using MCU.Hub.Satisfaction;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Host.Satisfaction;

/// <summary>Sends satisfaction surveys every <see cref="SatisfactionOptions.ScanInterval"/> while surveys are enabled.</summary>
internal sealed partial class SatisfactionSurveyService(SatisfactionService surveys, IOptions<SatisfactionOptions> options, TimeProvider time, ILogger<SatisfactionSurveyService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
            return;
        using var timer = new PeriodicTimer(options.Value.ScanInterval, time);
        do
        {
            try
            {
                var sent = await surveys.ScanAsync(stoppingToken);
                if (sent > 0)
                    LogSent(logger, sent);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed scan is retried at the next tick; nothing half-written stays (the survey and its delivery are separate writes, each atomic).
                LogFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 710, Level = LogLevel.Information, Message = "{Count} satisfaction survey(s) created")]
    private static partial void LogSent(ILogger logger, int count);

    [LoggerMessage(EventId = 711, Level = LogLevel.Error, Message = "Satisfaction survey scan failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MCU.Hub.Host.Channels;

/// <summary>Healthy while every running channel answers; degraded when one keeps failing.</summary>
internal sealed class ChannelsHealthCheck(ChannelStatusRegistry statuses) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failing = statuses.All.Where(s => s.ConsecutiveFailures >= 3).ToArray();
        return Task.FromResult(failing.Length == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded("Каналы с ошибками: " + string.Join(", ", failing.Select(f => $"{f.DisplayName} ({f.LastError})"))));
    }
}

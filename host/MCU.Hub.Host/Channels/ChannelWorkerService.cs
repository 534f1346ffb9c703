using MCU.Hub.Channels;
using MCU.Hub.Host.Plugins;
using MCU.Hub.Intake;
using MCU.Hub.Storage;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Host.Channels;

/// <summary>
/// Runs one polling loop per loaded channel: pull from the checkpoint, register the items and the new checkpoint in
/// one transaction, repeat. A failing channel backs off on its own; the others go on.
/// </summary>
/// <remarks>
/// A channel's loop pulls only while this instance holds the channel's <see cref="IChannelLease"/>: with several
/// instances on one database one of them runs each connector, and another takes the channel over (from the stored
/// checkpoint) once the holder stops renewing. With the embedded store the lease is always held.
/// </remarks>
internal sealed partial class ChannelWorkerService : BackgroundService
{
    private readonly IServiceProvider _services;
    private readonly PluginCatalog _catalog;
    private readonly IMessageIntake _intake;
    private readonly IHubStore _store;
    private readonly IChannelLease _lease;
    private readonly ChannelStatusRegistry _statuses;
    private readonly IOptionsMonitor<ChannelOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ChannelWorkerService> _logger;

    public ChannelWorkerService(
        IServiceProvider services,
        PluginCatalog catalog,
        IMessageIntake intake,
        IHubStore store,
        IChannelLease lease,
        ChannelStatusRegistry statuses,
        IOptionsMonitor<ChannelOptions> options,
        TimeProvider time,
        ILogger<ChannelWorkerService> logger)
    {
        _services = services;
        _catalog = catalog;
        _intake = intake;
        _store = store;
        _lease = lease;
        _statuses = statuses;
        _options = options;
        _time = time;
        _logger = logger;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = _catalog.Loaded
            .Where(p => p.Descriptor!.Capabilities.HasFlag(ChannelCapabilities.Poll) && _options.Get(p.Descriptor.Code).Poll)
            .Select(p => Task.Run(() => RunChannelAsync(p.Descriptor!, stoppingToken), CancellationToken.None))
            .ToArray();
        return Task.WhenAll(loops);
    }

    private async Task RunChannelAsync(ChannelDescriptor channel, CancellationToken stoppingToken)
    {
        var status = _statuses.GetOrAdd(channel.Code, channel.DisplayName);
        IChannelConnector connector;
        try
        {
            connector = _services.GetRequiredKeyedService<IChannelConnector>(channel.Code);
        }
        catch (Exception ex)
        {
            status.RecordFailure(ex.Message);
            LogConnectorFailed(_logger, channel.Code, ex.Message, ex);
            return;
        }

        var actor = "channel:" + channel.Code;
        var held = false;
        string? checkpoint = null;
        long renewedAt = 0;
        Task<PullResult>? ahead = null;
        string? aheadFrom = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var options = _options.Get(channel.Code);
                TimeSpan pause;
                try
                {
                    if (!held || _time.GetElapsedTime(renewedAt) >= _lease.RenewInterval)
                    {
                        var holds = await _lease.TryAcquireAsync(channel.Code, stoppingToken).ConfigureAwait(false);
                        renewedAt = _time.GetTimestamp();
                        if (!holds)
                        {
                            if (held)
                                LogLeaseLost(_logger, channel.Code);
                            held = false;
                            Forget(ref ahead);
                            status.Running = false;
                            await Task.Delay(_lease.RenewInterval, _time, stoppingToken).ConfigureAwait(false);
                            continue;
                        }

                        if (!held)
                        {
                            // Taken (over): another instance may have moved the checkpoint on since this one last looked.
                            held = true;
                            status.Running = true;
                            checkpoint = await _store.GetCheckpointAsync(channel.Code, stoppingToken).ConfigureAwait(false);
                            LogChannelStarted(_logger, channel.Code, checkpoint ?? "(начало)");
                        }
                    }

                    PullResult result;
                    if (ahead is not null && aheadFrom == checkpoint)
                    {
                        var pulled = ahead;
                        ahead = null;
                        result = await pulled.ConfigureAwait(false);
                    }
                    else
                    {
                        Forget(ref ahead);
                        result = await connector.PullAsync(new PullRequest(checkpoint, options.BatchSize), stoppingToken).ConfigureAwait(false);
                    }

                    // While a full page is committed the next one is pulled: the pull waits on the other system and the
                    // network, the commit on the disk. Pulls stay one at a time; a page pulled from a checkpoint that the
                    // commit then did not store (it failed) is dropped and pulled again.
                    if (result.HasMore && result.NextCheckpoint is { } next)
                    {
                        aheadFrom = next;
                        ahead = connector.PullAsync(new PullRequest(next, options.BatchSize), stoppingToken);
                    }


                    // Once pulled, the batch is registered even if the host is stopping, so in-flight work finishes.
                    var outcome = await _intake.SubmitPullAsync(channel.Code, result, actor, CancellationToken.None).ConfigureAwait(false);
                    var outcomes = outcome.Items;
                    checkpoint = result.NextCheckpoint ?? checkpoint;
                    var rejected = 0;
                    for (var i = 0; i < outcomes.Count; i++)
                    {
                        if (outcomes[i].Error is { } error)
                        {
                            rejected++;
                            LogItemRejected(_logger, channel.Code, result.Items[i].ExternalId, error.Message);
                        }
                    }

                    foreach (var error in outcome.RecordErrors)
                        LogItemRejected(_logger, channel.Code, "(запись)", error.Message);
                    if (outcome.Quarantined > 0)
                        LogQuarantined(_logger, channel.Code, outcome.Quarantined);

                    var duplicates = outcomes.Count(o => o.Duplicate);
                    status.RecordSuccess(_time.GetUtcNow(), outcomes.Count - duplicates - rejected, duplicates, rejected, outcome.RecordsAccepted);
                    if (result.Items.Count > 0)
                        LogPulled(_logger, channel.Code, outcomes.Count - duplicates - rejected, duplicates, rejected);
                    pause = result.HasMore ? TimeSpan.Zero : options.PollInterval;
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    var failures = status.RecordFailure(ex.Message);
                    pause = Backoff(options, failures);
                    LogPullFailed(_logger, channel.Code, failures, pause, ex.Message);
                }

                if (pause > TimeSpan.Zero)
                    await Task.Delay(pause, _time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            Forget(ref ahead);
            status.Running = false;
            if (held)
            {
                // Let a standby instance take the channel at once rather than after the lease expires.
                try
                {
                    await _lease.ReleaseAsync(channel.Code, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    LogLeaseReleaseFailed(_logger, channel.Code, ex.Message);
                }
            }

            LogChannelStopped(_logger, channel.Code);
        }
    }

    private static TimeSpan Backoff(ChannelOptions options, int failures)
    {
        var factor = Math.Pow(2, Math.Min(failures - 1, 16));
        var delay = TimeSpan.FromTicks((long)Math.Min(options.PollInterval.Ticks * factor, options.MaxBackoff.Ticks));
        return delay > TimeSpan.Zero ? delay : TimeSpan.FromSeconds(1);
    }

    /// <summary>Drops a page pulled ahead that will not be used, observing its failure so it is not reported as unobserved.</summary>
    private static void Forget(ref Task<PullResult>? ahead)
    {
        ahead?.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        ahead = null;
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Channel {Channel} started from checkpoint {Checkpoint}")]
    private static partial void LogChannelStarted(ILogger logger, string channel, string checkpoint);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Channel {Channel} stopped")]
    private static partial void LogChannelStopped(ILogger logger, string channel);

    [LoggerMessage(EventId = 202, Level = LogLevel.Debug, Message = "Channel {Channel}: {Stored} stored, {Duplicates} duplicates, {Rejected} rejected")]
    private static partial void LogPulled(ILogger logger, string channel, int stored, int duplicates, int rejected);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Channel {Channel} failed ({Failures} in a row), next try in {Pause}: {Error}")]
    private static partial void LogPullFailed(ILogger logger, string channel, int failures, TimeSpan pause, string error);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Channel {Channel}: item {ExternalId} refused: {Error}")]
    private static partial void LogItemRejected(ILogger logger, string channel, string externalId, string error);

    [LoggerMessage(EventId = 206, Level = LogLevel.Warning, Message = "Channel {Channel}: {Count} items held in quarantine")]
    private static partial void LogQuarantined(ILogger logger, string channel, int count);

    [LoggerMessage(EventId = 207, Level = LogLevel.Warning, Message = "Channel {Channel}: its lease passed to another instance; this one stands by")]
    private static partial void LogLeaseLost(ILogger logger, string channel);

    [LoggerMessage(EventId = 208, Level = LogLevel.Warning, Message = "Channel {Channel}: its lease could not be released: {Error}")]
    private static partial void LogLeaseReleaseFailed(ILogger logger, string channel, string error);

    [LoggerMessage(EventId = 205, Level = LogLevel.Error, Message = "Channel {Channel} connector could not be created: {Error}")]
    private static partial void LogConnectorFailed(ILogger logger, string channel, string error, Exception exception);
}

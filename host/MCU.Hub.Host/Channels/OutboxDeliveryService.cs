using MCU.Hub.Channels;
using MCU.Hub.Host.Plugins;
using MCU.Hub.Outbox;
using MCU.Hub.Storage;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Host.Channels;

/// <summary>
/// Delivers answers and status changes from the outbox to the channels' connectors. A delivery is marked
/// <see cref="DeliveryState.Sent"/> before each attempt; a crash mid-attempt makes it retried with the same
/// idempotency key, so the channel publishes it once. Each channel is served on its own, by the one instance that holds
/// the channel's outbox lease (<c>outbox:{code}</c>) when several share a database.
/// </summary>
internal sealed partial class OutboxDeliveryService(
    IServiceProvider services,
    PluginCatalog catalog,
    IHubStore store,
    IChannelLease lease,
    IOptions<McuHubHostOptions> options,
    TimeProvider time,
    ILogger<OutboxDeliveryService> logger) : BackgroundService
{
    private const int BatchSize = 50;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = catalog.Loaded
            .Where(p => (p.Descriptor!.Capabilities & (ChannelCapabilities.Reply | ChannelCapabilities.StatusUpdates)) != 0)
            .Select(p => Task.Run(() => RunChannelAsync(p.Descriptor!.Code, stoppingToken), CancellationToken.None))
            .ToArray();
        return Task.WhenAll(loops);
    }

    private async Task RunChannelAsync(string channel, CancellationToken stoppingToken)
    {
        var settings = options.Value.Outbox;
        IChannelConnector connector;
        try
        {
            connector = services.GetRequiredKeyedService<IChannelConnector>(channel);
        }
        catch (Exception ex)
        {
            LogConnectorFailed(logger, channel, ex.Message);
            return;
        }

        var key = "outbox:" + channel;
        var held = false;
        long renewedAt = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (!held || time.GetElapsedTime(renewedAt) >= lease.RenewInterval)
                {
                    try
                    {
                        held = await lease.TryAcquireAsync(key, stoppingToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        held = false;
                        LogLeaseFailed(logger, channel, ex.Message);
                    }

                    renewedAt = time.GetTimestamp();
                    if (!held)
                    {
                        await Task.Delay(lease.RenewInterval, time, stoppingToken).ConfigureAwait(false);
                        continue;
                    }
                }

                var due = await store.GetDueDeliveriesAsync(channel, time.GetUtcNow(), BatchSize, stoppingToken).ConfigureAwait(false);
                foreach (var delivery in due)
                    await DeliverAsync(connector, delivery, settings, stoppingToken).ConfigureAwait(false);
                if (due.Count < BatchSize)
                    await Task.Delay(settings.PollInterval, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (held)
            {
                try
                {
                    await lease.ReleaseAsync(key, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    LogLeaseFailed(logger, channel, ex.Message);
                }
            }
        }
    }

    private async Task DeliverAsync(IChannelConnector connector, OutboxDelivery delivery, OutboxOptions settings, CancellationToken stoppingToken)
    {
        delivery.State = DeliveryState.Sent;
        delivery.Attempts++;
        delivery.SentAt = time.GetUtcNow();
        await store.SaveDeliveryAsync(delivery, CancellationToken.None).ConfigureAwait(false);

        try
        {
            var receipt = await connector.SendReplyAsync(new ChannelReply
            {
                ExternalId = delivery.ExternalId,
                MessageId = delivery.MessageId,
                IdempotencyKey = delivery.Id,
                Text = delivery.Text,
                Status = delivery.Status,
                ChangedAt = delivery.ChangedAt,
                Attachments = delivery.Attachments,
                IsInterim = delivery.Kind == "interim",
                ExpectedBy = delivery.ExpectedBy,
            }, stoppingToken).ConfigureAwait(false);

            delivery.State = DeliveryState.Acknowledged;
            delivery.AcknowledgedAt = time.GetUtcNow();
            delivery.ExternalReplyId = receipt.ExternalReplyId;
            delivery.LastError = null;
            LogDelivered(logger, delivery.Channel, delivery.MessageId, delivery.Kind);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Left as Sent: the next start retries it with the same idempotency key.
            return;
        }
        catch (Exception ex)
        {
            delivery.LastError = ex.Message;
            if (delivery.Attempts >= settings.MaxAttempts)
            {
                delivery.State = DeliveryState.Failed;
                LogStuck(logger, delivery.Channel, delivery.MessageId, delivery.Attempts, ex.Message);
            }
            else
            {
                delivery.State = DeliveryState.Pending;
                var wait = TimeSpan.FromTicks(Math.Min(settings.RetryDelay.Ticks * (1L << Math.Min(delivery.Attempts - 1, 20)), settings.MaxRetryDelay.Ticks));
                delivery.NextAttemptAt = time.GetUtcNow() + wait;
                LogRetry(logger, delivery.Channel, delivery.MessageId, delivery.Attempts, wait, ex.Message);
            }
        }

        await store.SaveDeliveryAsync(delivery, CancellationToken.None).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Channel {Channel}: {Kind} of message {MessageId} delivered")]
    private static partial void LogDelivered(ILogger logger, string channel, string messageId, string kind);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Channel {Channel}: delivery for message {MessageId} failed (attempt {Attempt}), next in {Wait}: {Error}")]
    private static partial void LogRetry(ILogger logger, string channel, string messageId, int attempt, TimeSpan wait, string error);

    [LoggerMessage(EventId = 402, Level = LogLevel.Error, Message = "Channel {Channel}: delivery for message {MessageId} is stuck after {Attempts} attempts: {Error}")]
    private static partial void LogStuck(ILogger logger, string channel, string messageId, int attempts, string error);

    [LoggerMessage(EventId = 404, Level = LogLevel.Warning, Message = "Channel {Channel}: outbox lease failed: {Error}")]
    private static partial void LogLeaseFailed(ILogger logger, string channel, string error);

    [LoggerMessage(EventId = 403, Level = LogLevel.Error, Message = "Channel {Channel}: outbox cannot start, connector unavailable: {Error}")]
    private static partial void LogConnectorFailed(ILogger logger, string channel, string error);
}

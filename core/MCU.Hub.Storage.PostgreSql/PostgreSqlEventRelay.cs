using MCU.Hub.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MCU.Hub.Storage.PostgreSql;

/// <summary>
/// Tells this instance's event subscribers about events other instances stored: listens to
/// <c>NOTIFY mcuhub_events</c> and, as a fallback, reads the last sequence number every
/// <see cref="PostgreSqlStoreOptions.EventPollInterval"/>, publishing it to the in-process <see cref="HubEventFeed"/>.
/// </summary>
public sealed partial class PostgreSqlEventRelay : BackgroundService
{
    private readonly PostgreSqlHubStore _store;
    private readonly HubEventFeed _feed;
    private readonly PostgreSqlStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<PostgreSqlEventRelay> _logger;

    /// <summary>Creates the relay.</summary>
    /// <param name="store">The store.</param>
    /// <param name="feed">The in-process feed.</param>
    /// <param name="options">The options.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public PostgreSqlEventRelay(PostgreSqlHubStore store, HubEventFeed feed, IOptions<PostgreSqlStoreOptions> options, TimeProvider time, ILogger<PostgreSqlEventRelay> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _feed = feed;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _store.DataSource.OpenConnectionAsync(stoppingToken).ConfigureAwait(false);
                connection.Notification += (_, e) =>
                {
                    if (long.TryParse(e.Payload, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var sequence))
                        _feed.Publish(sequence);
                };
                await using (var listen = new NpgsqlCommand("LISTEN " + PostgreSqlHubStore.EventsChannel, connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                while (!stoppingToken.IsCancellationRequested)
                {
                    _feed.Publish(await _store.GetLastEventSequenceAsync(stoppingToken).ConfigureAwait(false));
                    await connection.WaitAsync(_options.EventPollInterval, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                LogRelayFailed(_logger, ex.Message);
                await Task.Delay(_options.EventPollInterval, _time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(EventId = 800, Level = LogLevel.Warning, Message = "Event relay lost its PostgreSQL connection, reconnecting: {Error}")]
    private static partial void LogRelayFailed(ILogger logger, string error);
}

using MCU.Hub.Channels;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MCU.Hub.Storage.PostgreSql;

/// <summary>
/// Channel leases in the <c>channel_leases</c> table: the holder renews its lease; once it expires (by the database's
/// clock, so instances' clocks need not agree) any instance may take it.
/// </summary>
public sealed class PostgreSqlChannelLease : IChannelLease
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgreSqlStoreOptions _options;

    /// <summary>Creates the lease manager.</summary>
    /// <param name="store">The store whose database holds the leases.</param>
    /// <param name="options">The options: instance id and lease duration.</param>
    public PostgreSqlChannelLease(PostgreSqlHubStore store, IOptions<PostgreSqlStoreOptions> options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _dataSource = store.DataSource;
        _options = options.Value;
    }

    /// <summary>Gets this instance's name in the leases.</summary>
    public string InstanceId => _options.InstanceId;

    /// <inheritdoc />
    public TimeSpan RenewInterval => _options.LeaseRenewInterval;

    /// <inheritdoc />
    public async Task<bool> TryAcquireAsync(string channel, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO channel_leases AS l (channel, owner, acquired_at, expires_at) VALUES (@channel, @owner, now(), now() + @duration)
            ON CONFLICT (channel) DO UPDATE
               SET owner = excluded.owner,
                   acquired_at = CASE WHEN l.owner = excluded.owner THEN l.acquired_at ELSE now() END,
                   expires_at = excluded.expires_at
             WHERE l.owner = excluded.owner OR l.expires_at < now()
            RETURNING owner
            """);
        command.Parameters.AddWithValue("channel", channel);
        command.Parameters.AddWithValue("owner", _options.InstanceId);
        command.Parameters.AddWithValue("duration", _options.LeaseDuration);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string;
    }

    /// <inheritdoc />
    public async Task ReleaseAsync(string channel, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("DELETE FROM channel_leases WHERE channel = @channel AND owner = @owner");
        command.Parameters.AddWithValue("channel", channel);
        command.Parameters.AddWithValue("owner", _options.InstanceId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets who holds a channel's lease now, if anyone.</summary>
    /// <param name="channel">The channel code.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The holder's instance id, or <see langword="null"/> when the lease is free or expired.</returns>
    public async Task<string?> GetHolderAsync(string channel, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT owner FROM channel_leases WHERE channel = @channel AND expires_at >= now()");
        command.Parameters.AddWithValue("channel", channel);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }
}

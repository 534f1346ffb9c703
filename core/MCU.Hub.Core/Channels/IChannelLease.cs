namespace MCU.Hub.Channels;

/// <summary>
/// Decides which hub instance runs a channel's connector. With several instances on one database exactly one holds
/// a channel's lease at a time; another takes it over when the holder stops renewing it (it stopped or died).
/// </summary>
/// <remarks>
/// The embedded LiteDB store serves one instance only, so its lease is always held (<see cref="SingleInstanceChannelLease"/>).
/// A lease is only a scheduling device: the store's dedup by (tenant, channel, external id) is what guarantees that an
/// item is stored once, also when two instances briefly overlap.
/// </remarks>
public interface IChannelLease
{
    /// <summary>Gets how often the holder renews its leases (and how often a standby instance tries to take one).</summary>
    TimeSpan RenewInterval { get; }

    /// <summary>Takes the lease of a channel, or renews it when this instance holds it already.</summary>
    /// <param name="channel">The channel code.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns><see langword="true"/> while this instance holds the lease.</returns>
    Task<bool> TryAcquireAsync(string channel, CancellationToken cancellationToken);

    /// <summary>Gives up the lease of a channel, so another instance can take it at once.</summary>
    /// <param name="channel">The channel code.</param>
    /// <param name="cancellationToken">Cancels the release.</param>
    /// <returns>A task that completes when the lease is released.</returns>
    Task ReleaseAsync(string channel, CancellationToken cancellationToken);
}

/// <summary>The lease of a hub that runs as one instance: always held.</summary>
public sealed class SingleInstanceChannelLease : IChannelLease
{
    /// <inheritdoc />
    public TimeSpan RenewInterval => TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public Task<bool> TryAcquireAsync(string channel, CancellationToken cancellationToken) => Task.FromResult(true);

    /// <inheritdoc />
    public Task ReleaseAsync(string channel, CancellationToken cancellationToken) => Task.CompletedTask;
}

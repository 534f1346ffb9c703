using System.Collections.Concurrent;

namespace MCU.Hub.Host.Channels;

/// <summary>The <see cref="ChannelStatus"/> of every running channel.</summary>
public sealed class ChannelStatusRegistry
{
    private readonly ConcurrentDictionary<string, ChannelStatus> _channels = new(StringComparer.Ordinal);

    /// <summary>Gets every channel's status.</summary>
    public IReadOnlyCollection<ChannelStatus> All => [.. _channels.Values.OrderBy(c => c.Code, StringComparer.Ordinal)];

    /// <summary>Gets or creates a channel's status.</summary>
    /// <param name="code">The channel code.</param>
    /// <param name="displayName">The channel's Russian name.</param>
    /// <returns>The status.</returns>
    public ChannelStatus GetOrAdd(string code, string displayName) => _channels.GetOrAdd(code, c => new ChannelStatus(c, displayName));

    /// <summary>Finds a channel's status.</summary>
    /// <param name="code">The channel code.</param>
    /// <returns>The status, or <see langword="null"/>.</returns>
    public ChannelStatus? Find(string code) => _channels.GetValueOrDefault(code);
}

using System.Collections.Concurrent;
using MCU.Hub.Channels;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Channels;

/// <summary>The channels the hub accepts messages from: the loaded channel plugins and the configured API channels.</summary>
public sealed class ChannelRegistry
{
    private readonly ConcurrentDictionary<string, ChannelDescriptor> _channels = new(StringComparer.Ordinal);

    /// <summary>Creates the registry with the API channels of <paramref name="options"/>.</summary>
    /// <param name="options">The engine options.</param>
    public ChannelRegistry(IOptions<McuHubOptions> options)
    {
        foreach (var code in options.Value.ApiChannels)
            _channels.TryAdd(code, new ChannelDescriptor(code, code == "api" ? "API внешних систем" : code, ChannelCapabilities.Push));
    }

    /// <summary>Gets every known channel.</summary>
    public IReadOnlyCollection<ChannelDescriptor> All => [.. _channels.Values.OrderBy(c => c.Code, StringComparer.Ordinal)];

    /// <summary>Adds a channel, replacing an API channel of the same code.</summary>
    /// <param name="descriptor">The channel.</param>
    public void Register(ChannelDescriptor descriptor) => _channels[descriptor.Code] = descriptor;

    /// <summary>Tells whether a channel is known.</summary>
    /// <param name="code">The channel code.</param>
    /// <returns><see langword="true"/> when messages are accepted from it.</returns>
    public bool Contains(string code) => _channels.ContainsKey(code);

    /// <summary>Finds a channel.</summary>
    /// <param name="code">The channel code.</param>
    /// <returns>The descriptor, or <see langword="null"/>.</returns>
    public ChannelDescriptor? Find(string code) => _channels.GetValueOrDefault(code);
}

using MCU.Hub.Channels;

namespace MCU.Hub.Host.Plugins;

/// <summary>What the host did with one plugin folder.</summary>
/// <param name="Folder">The plugin's folder.</param>
/// <param name="State">The outcome.</param>
/// <param name="Descriptor">The channel the plugin connects, when it could be read.</param>
/// <param name="Reason">Why it is not loaded, or <see langword="null"/>.</param>
public sealed record PluginLoadResult(string Folder, PluginState State, ChannelDescriptor? Descriptor, string? Reason)
{
    /// <summary>Gets the plugin instance, when loaded.</summary>
    public IChannelPlugin? Plugin { get; init; }
}

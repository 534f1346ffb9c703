namespace MCU.Hub.Channels;

/// <summary>
/// Describes a channel: its stable code, its Russian name and what its connector can do.
/// </summary>
/// <param name="Code">
/// The stable code of the channel, lower-case Latin letters, digits and dashes (for example <c>pos</c>).
/// It identifies the channel in configuration, storage and the API and must never change.
/// </param>
/// <param name="DisplayName">The name shown to people, as the regulations name the channel (for example «ПОС»).</param>
/// <param name="Capabilities">What the connector supports.</param>
public sealed record ChannelDescriptor(string Code, string DisplayName, ChannelCapabilities Capabilities)
{
    /// <summary>Gets the type of the connector's options, if it has any, for documentation and validation.</summary>
    public Type? OptionsType { get; init; }
}

namespace MCU.Hub;

/// <summary>
/// The version of the plugin contract that this assembly defines.
/// </summary>
/// <remarks>
/// A plugin records the version it was built against with <see cref="ChannelPluginContractAttribute"/>.
/// The host refuses a plugin built for another major version, or for a newer minor version than its own,
/// and says which versions it found.
/// <para>
/// 1.3 added interim answers: <see cref="Channels.ChannelCapabilities.InterimAnswers"/>,
/// <see cref="Channels.ChannelReply.IsInterim"/> and <see cref="Channels.ChannelReply.ExpectedBy"/>.
/// 1.2 added the municipality (tenant) of indicator slices and message facts.
/// </para>
/// </remarks>
public static class ContractVersion
{
    /// <summary>The major version: changes only when the contract breaks existing plugins.</summary>
    public const int Major = 1;

    /// <summary>The minor version: grows when members are added in a compatible way.</summary>
    public const int Minor = 3;
}

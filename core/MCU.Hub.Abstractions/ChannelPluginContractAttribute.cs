namespace MCU.Hub;

/// <summary>
/// Declares which version of the plugin contract a plugin assembly was built against.
/// </summary>
/// <remarks>
/// Put it once in the plugin assembly, with the constants of the contract it compiles against:
/// <c>[assembly: ChannelPluginContract(ContractVersion.Major, ContractVersion.Minor)]</c>.
/// Because the constants are copied into the plugin at compile time, the attribute keeps the version
/// the plugin was built for even when the host carries a newer contract.
/// </remarks>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class ChannelPluginContractAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="major">The contract major version the plugin was built against.</param>
    /// <param name="minor">The contract minor version the plugin was built against.</param>
    public ChannelPluginContractAttribute(int major, int minor)
    {
        Major = major;
        Minor = minor;
    }

    /// <summary>Gets the contract major version the plugin was built against.</summary>
    public int Major { get; }

    /// <summary>Gets the contract minor version the plugin was built against.</summary>
    public int Minor { get; }
}

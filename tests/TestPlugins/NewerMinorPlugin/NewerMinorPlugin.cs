using MCU.Hub;
using MCU.Hub.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

[assembly: ChannelPluginContract(ContractVersion.Major, ContractVersion.Minor + 1)]

namespace NewerMinorPlugin;

/// <summary>A plugin that claims a contract version the host does not support.</summary>
public sealed class NewerMinorPluginEntry : IChannelPlugin
{
    /// <inheritdoc />
    public ChannelDescriptor Descriptor { get; } = new("newer-minor", "newer-minor", ChannelCapabilities.Poll);

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration) =>
        throw new InvalidOperationException("must never be called");
}

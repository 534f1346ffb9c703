using MCU.Hub;
using MCU.Hub.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

[assembly: ChannelPluginContract(ContractVersion.Major + 1, 0)]

namespace OtherMajorPlugin;

/// <summary>A plugin that claims a contract version the host does not support.</summary>
public sealed class OtherMajorPluginEntry : IChannelPlugin
{
    /// <inheritdoc />
    public ChannelDescriptor Descriptor { get; } = new("other-major", "other-major", ChannelCapabilities.Poll);

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration) =>
        throw new InvalidOperationException("must never be called");
}

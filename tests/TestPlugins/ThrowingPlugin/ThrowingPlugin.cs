using MCU.Hub;
using MCU.Hub.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

[assembly: ChannelPluginContract(ContractVersion.Major, ContractVersion.Minor)]

namespace ThrowingPlugin;

/// <summary>A plugin that registers something and then fails while configuring.</summary>
public sealed class ThrowingPluginEntry : IChannelPlugin
{
    /// <inheritdoc />
    public ChannelDescriptor Descriptor { get; } = new("throwing", "Сломанный канал", ChannelCapabilities.Poll);

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IDisposable>(new MemoryStream());
        throw new InvalidOperationException("настройки канала повреждены");
    }
}

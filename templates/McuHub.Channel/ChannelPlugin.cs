using MCU.Hub;
using MCU.Hub.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

[assembly: ChannelPluginContract(ContractVersion.Major, ContractVersion.Minor)]

namespace MyChannel;

/// <summary>The entry point the host looks for: describes the channel and registers its connector.</summary>
public sealed class ChannelPlugin : IChannelPlugin
{
    /// <summary>The channel code: configuration lives under <c>McuHub:Channels:my-channel</c>.</summary>
    public const string Code = "my-channel";

    /// <inheritdoc />
    public ChannelDescriptor Descriptor { get; } = new(Code, "Мой канал", ChannelCapabilities.Poll | ChannelCapabilities.Reply);

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        // Check settings here and throw with the full key: the host then disables this plugin only.
        var baseAddress = configuration["BaseAddress"];
        if (!Uri.TryCreate(baseAddress, UriKind.Absolute, out var uri))
            throw new InvalidOperationException($"McuHub:Channels:{Code}:Settings:BaseAddress: нужен абсолютный адрес, указано «{baseAddress}»");

        // The host attaches retries, timeouts and a circuit breaker to the client named after the channel.
        services.AddHttpClient(Code, client => client.BaseAddress = uri);
        services.AddKeyedSingleton<IChannelConnector, ChannelConnector>(Code);
    }
}

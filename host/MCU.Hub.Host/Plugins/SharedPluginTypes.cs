using MCU.Hub.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Host.Plugins;

/// <summary>The types whose assemblies a plugin shares with the host instead of loading its own copies.</summary>
internal static class SharedPluginTypes
{
    // Each entry shares its whole assembly and, transitively, that assembly's references.
    public static readonly Type[] All =
    [
        typeof(IChannelPlugin),      // MCU.Hub.Abstractions: the contract
        typeof(IServiceCollection),  // Microsoft.Extensions.DependencyInjection.Abstractions
        typeof(ServiceCollectionServiceExtensions),
        typeof(OptionsServiceCollectionExtensions), // Microsoft.Extensions.Options
        typeof(ILogger),             // Microsoft.Extensions.Logging.Abstractions
        typeof(IConfiguration),      // Microsoft.Extensions.Configuration.Abstractions
        typeof(ConfigurationBinder), // Microsoft.Extensions.Configuration.Binder
        typeof(IOptions<>),          // Microsoft.Extensions.Options
        typeof(OptionsBuilderConfigurationExtensions), // Microsoft.Extensions.Options.ConfigurationExtensions
        typeof(IHttpClientFactory),  // Microsoft.Extensions.Http
        typeof(HttpClientFactoryServiceCollectionExtensions),
    ];
}

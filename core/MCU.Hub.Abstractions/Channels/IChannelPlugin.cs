using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MCU.Hub.Channels;

/// <summary>
/// The entry point of a channel plugin: the one public type the host looks for in a plugin assembly.
/// </summary>
/// <remarks>
/// The implementation must be public and have a public parameterless constructor. The host creates it once,
/// reads <see cref="Descriptor"/> and calls <see cref="ConfigureServices"/> before the host starts.
/// An exception thrown here disables this plugin only; the host goes on without it.
/// </remarks>
public interface IChannelPlugin
{
    /// <summary>Gets the description of the channel this plugin connects.</summary>
    ChannelDescriptor Descriptor { get; }

    /// <summary>
    /// Registers the plugin's services. The plugin must register its connector as a keyed singleton under
    /// <see cref="ChannelDescriptor.Code"/>:
    /// <c>services.AddKeyedSingleton&lt;IChannelConnector, MyConnector&gt;(Descriptor.Code)</c>.
    /// </summary>
    /// <param name="services">The host's service collection.</param>
    /// <param name="configuration">
    /// The channel's own configuration section (<c>McuHub:Channels:{code}:Settings</c>); empty when none is set.
    /// </param>
    /// <remarks>
    /// The host names an <see cref="System.Net.Http.HttpClient"/> after <see cref="ChannelDescriptor.Code"/> and
    /// attaches its resilience pipeline (timeouts, retries, circuit breaker) to it: a connector obtains it from
    /// <c>IHttpClientFactory</c> and needs no resilience code of its own.
    /// </remarks>
    void ConfigureServices(IServiceCollection services, IConfiguration configuration);
}

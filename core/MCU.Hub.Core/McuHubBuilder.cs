using Microsoft.Extensions.DependencyInjection;

namespace MCU.Hub;

/// <summary>Configures the MCU.Hub engine after <see cref="McuHubServiceCollectionExtensions.AddMcuHub(IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration)"/>.</summary>
public sealed class McuHubBuilder
{
    internal McuHubBuilder(IServiceCollection services) => Services = services;

    /// <summary>Gets the service collection.</summary>
    public IServiceCollection Services { get; }
}

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The HTTP client builders of the MCU.Hub clients that <c>AddMcuHubClient</c> registered.</summary>
public sealed class McuHubClientBuilder
{
    internal McuHubClientBuilder(IServiceCollection services, IReadOnlyList<IHttpClientBuilder> clients)
    {
        Services = services;
        Clients = clients;
    }

    /// <summary>Gets the services the clients were added to.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Gets one builder per typed client, in registration order.</summary>
    public IReadOnlyList<IHttpClientBuilder> Clients { get; }

    /// <summary>Applies <paramref name="configure"/> to every client's builder (a proxy, a handler, a channel setting).</summary>
    /// <param name="configure">The change.</param>
    /// <returns>This builder.</returns>
    public McuHubClientBuilder ConfigureEach(Action<IHttpClientBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        foreach (var client in Clients)
            configure(client);
        return this;
    }
}

using MCU.Hub.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MCU.Hub.Testing;

/// <summary>
/// Wires a channel plugin the way the host does — logging, a clock, the named <see cref="HttpClient"/> of the channel,
/// the channel's own configuration section — and hands out its connector. No resilience pipeline is attached, so a
/// connector's failures reach the test as they would reach the host's retry logic.
/// </summary>
public static class PluginTestHost
{
    /// <summary>Builds the services of <paramref name="plugin"/> with <paramref name="settings"/> as its configuration section.</summary>
    /// <param name="plugin">The plugin.</param>
    /// <param name="settings">The keys of <c>McuHub:Channels:{code}:Settings</c>, without that prefix.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <returns>The service provider; dispose it after the test.</returns>
    public static ServiceProvider Build(IChannelPlugin plugin, IReadOnlyDictionary<string, string?> settings, TimeProvider? timeProvider = null)
    {
        var section = $"McuHub:Channels:{plugin.Descriptor.Code}:Settings";
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(section + ":" + s.Key, s.Value)))
            .Build()
            .GetSection(section);

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(timeProvider ?? TimeProvider.System);
        services.AddHttpClient(plugin.Descriptor.Code);
        plugin.ConfigureServices(services, configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Gets the connector a plugin registered.</summary>
    /// <param name="services">The services from <see cref="Build"/>.</param>
    /// <param name="plugin">The plugin.</param>
    /// <returns>The connector.</returns>
    public static IChannelConnector Connector(this IServiceProvider services, IChannelPlugin plugin) =>
        services.GetRequiredKeyedService<IChannelConnector>(plugin.Descriptor.Code);

    /// <summary>Pulls until the connector says there is no more, from <paramref name="checkpoint"/>.</summary>
    /// <param name="connector">The connector.</param>
    /// <param name="maxItems">The page size asked for.</param>
    /// <param name="checkpoint">Where to start.</param>
    /// <returns>Everything pulled and the last checkpoint.</returns>
    public static async Task<PullPass> PullAllAsync(this IChannelConnector connector, int maxItems, string? checkpoint = null)
    {
        var items = new List<InboundItem>();
        var records = new List<ChannelRecord>();
        PullResult result;
        var pages = 0;
        do
        {
            result = await connector.PullAsync(new PullRequest(checkpoint, maxItems), CancellationToken.None).ConfigureAwait(false);
            items.AddRange(result.Items);
            records.AddRange(result.Records);
            checkpoint = result.NextCheckpoint ?? checkpoint;
            if (++pages > 100_000)
                throw new InvalidOperationException("The connector keeps saying HasMore; it never reaches the end.");
        }
        while (result.HasMore);

        return new PullPass(items, records, checkpoint, pages);
    }
}

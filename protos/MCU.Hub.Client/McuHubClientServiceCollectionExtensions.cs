using Grpc.Net.ClientFactory;
using MCU.Hub.Client;
using MCU.Hub.Client.Internal;
using MCU.Hub.Grpc.V1;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the MCU.Hub gRPC clients.</summary>
public static class McuHubClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers a typed client of every <c>mcu.hub.v1</c> service (<see cref="MessageService.MessageServiceClient"/>,
    /// <see cref="EventService.EventServiceClient"/>, <see cref="RuleService.RuleServiceClient"/>,
    /// <see cref="DirectoryService.DirectoryServiceClient"/> and the others) through <c>IHttpClientFactory</c>, each call
    /// carrying the configured credential and deadline.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options; they are validated when the first client is created.</param>
    /// <returns>A builder per client, to add handlers or interceptors of the caller's own.</returns>
    public static McuHubClientBuilder AddMcuHubClient(this IServiceCollection services, Action<McuHubClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<McuHubClientOptions>().Configure(configure);
        return AddClients(services);
    }

    /// <summary>Registers the clients as <see cref="AddMcuHubClient(IServiceCollection, Action{McuHubClientOptions})"/> does, with options bound from configuration.</summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The section to bind (usually <c>configuration.GetSection(McuHubClientOptions.SectionName)</c>): <c>Address</c>, <c>ApiKey</c> or <c>BearerToken</c>, <c>Deadline</c>.</param>
    /// <returns>A builder per client, to add handlers or interceptors of the caller's own.</returns>
    public static McuHubClientBuilder AddMcuHubClient(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<McuHubClientOptions>().Bind(section);
        return AddClients(services);
    }

    private static McuHubClientBuilder AddClients(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<McuHubClientOptions>, McuHubClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        return new McuHubClientBuilder(services,
        [
            Add<MessageService.MessageServiceClient>(services),
            Add<EventService.EventServiceClient>(services),
            Add<RuleService.RuleServiceClient>(services),
            Add<DirectoryService.DirectoryServiceClient>(services),
            Add<QuarantineService.QuarantineServiceClient>(services),
            Add<ImportService.ImportServiceClient>(services),
            Add<DeliveryService.DeliveryServiceClient>(services),
            Add<AnalyticsService.AnalyticsServiceClient>(services),
            Add<ReportService.ReportServiceClient>(services),
            Add<AuditService.AuditServiceClient>(services),
            Add<SessionService.SessionServiceClient>(services),
            Add<AnswerService.AnswerServiceClient>(services),
            Add<QualityService.QualityServiceClient>(services),
            Add<InformingService.InformingServiceClient>(services),
            Add<SatisfactionService.SatisfactionServiceClient>(services),
        ]);
    }

    private static IHttpClientBuilder Add<TClient>(IServiceCollection services)
        where TClient : class =>
        services
            .AddGrpcClient<TClient>((provider, o) => o.Address = provider.GetRequiredService<IOptions<McuHubClientOptions>>().Value.Address)
            .AddInterceptor(InterceptorScope.Channel, provider => new McuHubCallInterceptor(
                provider.GetRequiredService<IOptions<McuHubClientOptions>>().Value, provider.GetRequiredService<TimeProvider>()));
}

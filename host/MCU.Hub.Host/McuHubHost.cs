using MCU.Hub.Channels;
using MCU.Hub.Host.Channels;
using MCU.Hub.Host.Dashboard;
using MCU.Hub.Host.Grpc;
using MCU.Hub.Host.Plugins;
using MCU.Hub.Host.Security;
using Microsoft.Extensions.Http.Resilience;
using System.Threading.RateLimiting;
using Polly;

namespace MCU.Hub.Host;

/// <summary>Builds the MCU.Hub host: the engine, the channel plugins and their workers, the gRPC API and its JSON routes.</summary>
public static partial class McuHubHost
{
    /// <summary>Creates a builder configured from appsettings, environment variables (<c>McuHub__...</c>) and <paramref name="args"/>.</summary>
    /// <param name="args">Command-line arguments (<c>--McuHub:DatabasePath=...</c>).</param>
    /// <param name="configure">Changes the configuration before services are added (tests, the sandbox); may be <see langword="null"/>.</param>
    /// <returns>The builder, with every service registered.</returns>
    public static WebApplicationBuilder CreateBuilder(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(builder);
        builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        if (builder.Configuration.GetValue<bool>("McuHub:Host:JsonLogs"))
            builder.Logging.AddJsonConsole();

        var services = builder.Services;
        // McuHub:Storage:Provider picks the store: the embedded LiteDB file (default) or PostgreSQL for several instances.
        services.AddMcuHub(builder.Configuration.GetSection(McuHubOptions.SectionName)).UseConfiguredStorage(builder.Configuration.GetSection(McuHubOptions.SectionName));
        services.AddOptions<McuHubHostOptions>().BindConfiguration(McuHubHostOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        var hostOptions = builder.Configuration.GetSection(McuHubHostOptions.SectionName).Get<McuHubHostOptions>() ?? new();
        var pluginsPath = Path.GetFullPath(hostOptions.PluginsPath, AppContext.BaseDirectory);
        var channelsSection = builder.Configuration.GetSection(ChannelOptions.SectionName);
        var catalog = PluginCatalog.Load(pluginsPath, services, channelsSection);
        services.AddSingleton(catalog);
        services.AddSingleton<ChannelStatusRegistry>();
        foreach (var plugin in catalog.Loaded)
            AddChannel(services, plugin.Descriptor!, channelsSection.GetSection(plugin.Descriptor!.Code));

        services.AddHostedService<ChannelWorkerService>();
        services.AddHostedService<OutboxDeliveryService>();
        services.AddHostedService<DeadlineService>();
        services.AddHostedService<Reports.ReportSchedulerService>();
        services.AddHostedService<Roadmaps.RoadmapEscalationService>();
        services.AddHostedService<Satisfaction.SatisfactionSurveyService>();
        services.AddMcuHubSecurity(builder.Configuration);
        services.AddSingleton<TenantAccess>();
        services.AddMcuHubDashboard();

        // gRPC needs HTTP/2, which cleartext Kestrel speaks only on an Http2-only endpoint (no ALPN to choose); the JSON
        // routes of the same services (google.api.http) are served on a second, Http1 endpoint (Kestrel:Endpoints:Http).
        services.AddGrpc(o =>
        {
            o.Interceptors.Add<ErrorInterceptor>();
            // Inside the error mapping: the audit records the engine's own error, which that mapping then turns into a status.
            o.Interceptors.Add<AuditInterceptor>();
            o.MaxReceiveMessageSize = 4 * 1024 * 1024;
        }).AddJsonTranscoding();
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks().AddCheck<ChannelsHealthCheck>("channels");
        Api.StrictRequestMethodProvider<object>.Register(services);
        return builder;
    }

    /// <summary>Builds the application and maps its endpoints.</summary>
    /// <param name="builder">The builder from <see cref="CreateBuilder"/>.</param>
    /// <returns>The application, ready to run.</returns>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        var registry = app.Services.GetRequiredService<ChannelRegistry>();
        var catalog = app.Services.GetRequiredService<PluginCatalog>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MCU.Hub.Host.Plugins");
        foreach (var result in catalog.Results)
        {
            if (result.State == PluginState.Loaded)
            {
                registry.Register(result.Descriptor!);
                LogPluginLoaded(logger, result.Descriptor!.Code, result.Descriptor.DisplayName, result.Folder);
            }
            else if (result.State == PluginState.Disabled)
            {
                LogPluginDisabled(logger, result.Descriptor!.Code, result.Descriptor.DisplayName);
            }
            else
            {
                LogPluginSkipped(logger, Path.GetFileName(result.Folder), result.State, result.Reason ?? "");
            }
        }

        // Static files of the dashboard, before authentication: they hold no data (the page calls the API with its credential).
        app.UseMcuHubDashboard();
        app.UseRouting();
        app.UseMiddleware<CallDeadlineMiddleware>();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapGrpcService<MessageGrpcService>();
        app.MapGrpcService<DeliveryGrpcService>();
        app.MapGrpcService<RuleGrpcService>();
        app.MapGrpcService<QuarantineGrpcService>();
        app.MapGrpcService<ImportGrpcService>();
        app.MapGrpcService<EventGrpcService>();
        app.MapGrpcService<AnalyticsGrpcService>();
        app.MapGrpcService<ReportGrpcService>();
        app.MapGrpcService<AuditGrpcService>();
        app.MapGrpcService<DirectoryGrpcService>();
        app.MapGrpcService<SessionGrpcService>();
        app.MapGrpcService<PeopleGrpcService>();
        app.MapGrpcService<AnswerGrpcService>();
        app.MapGrpcService<FastTrackGrpcService>();
        app.MapGrpcService<RoadmapGrpcService>();
        app.MapGrpcService<QualityGrpcService>();
        app.MapGrpcService<InformingGrpcService>();
        app.MapGrpcService<SatisfactionGrpcService>();
        // The citizen's survey page: the personal link is its credential, so it is the one anonymous page with data.
        Satisfaction.SurveyEndpoints.MapSurveyPages(app);
        // Health for load balancers and the schema for gRPC tools: neither holds a municipality's data.
        app.MapGrpcHealthChecksService().AllowAnonymous();
        app.MapGrpcReflectionService().AllowAnonymous();
        return app;
    }

    private static void AddChannel(IServiceCollection services, ChannelDescriptor channel, IConfigurationSection section)
    {
        services.AddOptions<ChannelOptions>(channel.Code).Bind(section).ValidateDataAnnotations();
        var options = section.Get<ChannelOptions>() ?? new();

        // The host owns resilience: every connector's HttpClient gets the same pipeline, tuned per channel.
        services.AddHttpClient(channel.Code).AddResilienceHandler("mcu-" + channel.Code, pipeline =>
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(options.MaxRetries, 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                ShouldHandle = options.MaxRetries == 0 ? _ => PredicateResult.False() : new HttpRetryStrategyOptions().ShouldHandle,
            });
            if (options.MaxRequestsPerSecond > 0)
            {
                // Each attempt waits for a token, so retries never burst past what the external system allows.
                pipeline.AddRateLimiter(new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.MaxRequestsPerSecond,
                    TokensPerPeriod = options.MaxRequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 10_000,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    AutoReplenishment = true,
                }));
            }

            pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(Math.Max(30, options.AttemptTimeout.TotalSeconds * 2)),
                BreakDuration = options.BreakDuration,
            });
            pipeline.AddTimeout(options.AttemptTimeout);
        });
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Plugin {Channel} («{DisplayName}») loaded from {Folder}")]
    private static partial void LogPluginLoaded(ILogger logger, string channel, string displayName, string folder);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Plugin {Channel} («{DisplayName}») found; its channel is not enabled (McuHub:Channels:{Channel}:Enabled)")]
    private static partial void LogPluginDisabled(ILogger logger, string channel, string displayName);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Plugin {Plugin} {State}: {Reason}")]
    private static partial void LogPluginSkipped(ILogger logger, string plugin, PluginState state, string reason);
}

using MCU.Hub.Channels;
using MCU.Hub.Classification;
using MCU.Hub.Deadlines;
using MCU.Hub.Deadlines.Calendar;
using MCU.Hub.Directories;
using MCU.Hub.Escalation;
using MCU.Hub.Events;
using MCU.Hub.Intake;
using MCU.Hub.Messages;
using MCU.Hub.Routing;
using MCU.Hub.Routing.Internal;
using MCU.Hub.Storage;
using MCU.Hub.Territories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MCU.Hub;

/// <summary>Registers the MCU.Hub engine.</summary>
public static class McuHubServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engine with options bound from <paramref name="configuration"/> (the <c>McuHub</c> section) and
    /// validated at start-up. Idempotent; every service is registered with TryAdd so it can be replaced.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The <c>McuHub</c> configuration section.</param>
    /// <returns>A builder for further configuration.</returns>
    public static McuHubBuilder AddMcuHub(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<McuHubOptions>().Bind(configuration);
        services.AddOptions<RoutingOptions>().Bind(configuration.GetSection("Routing"));
        services.AddOptions<Roadmaps.RoadmapOptions>().Bind(configuration.GetSection("Roadmaps"));
        services.AddOptions<Satisfaction.SatisfactionOptions>().Bind(configuration.GetSection(Satisfaction.SatisfactionOptions.SectionName));
        services.AddOptions<Quality.QualityOptions>().Bind(configuration.GetSection(Quality.QualityOptions.SectionName));
        services.AddOptions<Informing.InformingOptions>().Bind(configuration.GetSection(Informing.InformingOptions.SectionName));
        return services.AddMcuHub(configure: null);
    }

    /// <summary>Adds the engine, configuring its options in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets options; may be <see langword="null"/>.</param>
    /// <returns>A builder for further configuration.</returns>
    public static McuHubBuilder AddMcuHub(this IServiceCollection services, Action<McuHubOptions>? configure)
    {
        var options = services.AddOptions<McuHubOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
            options.Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<McuHubOptions>, McuHubOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IHubStore>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<McuHubOptions>>();
            return o.Value.Storage.IsPostgreSql
                ? throw new InvalidOperationException("McuHub:Storage:Provider = postgresql, но хранилище PostgreSQL не подключено: добавьте пакет MCU.Hub.Storage.PostgreSql и вызовите UsePostgreSql() (AddMcuHub(...).UsePostgreSql(...))")
                : new LiteDbHubStore(o);
        });
        services.TryAddSingleton<IChannelLease, SingleInstanceChannelLease>();
        services.TryAddSingleton<IDocumentStore>(sp => sp.GetRequiredService<IHubStore>() is LiteDbHubStore lite
            ? new Storage.Internal.LiteDbDocumentStore(lite)
            : new Storage.Internal.InMemoryDocumentStore());
        services.TryAddSingleton<ChannelRegistry>();
        services.TryAddSingleton<HubEventFeed>();
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<McuHubOptions>>().Value;
            return new HubDirectory(o.Recipients, o.Territories, o.Categories.Count > 0 ? o.Categories : DefaultDirectory.Categories());
        });
        services.TryAddSingleton<IMessageClassifier, KeywordClassifier>();
        services.TryAddSingleton(sp => new ProductionCalendar(sp.GetRequiredService<IOptions<McuHubOptions>>().Value.Deadlines.Calendar));
        services.TryAddSingleton(sp => new WorkingCalendar(sp.GetRequiredService<ProductionCalendar>(), sp.GetRequiredService<IOptions<McuHubOptions>>().Value.Deadlines.Schedule));
        services.TryAddSingleton<DeadlineCalculator>();
        services.TryAddSingleton<FastTrack.FastTrackCatalog>();
        services.TryAddSingleton<IDeadlinePolicy, ConfiguredDeadlinePolicy>();
        services.TryAddSingleton<Tenants.TenantDirectory>();
        services.TryAddSingleton<People.AccountService>();
        AddRouting(services);
        services.TryAddSingleton<IMessageIntake, IntakePipeline>();
        services.TryAddSingleton<MessageOperations>();
        services.TryAddSingleton<EscalationScanner>();
        services.TryAddSingleton<DeadlineMaintenance>();
        services.TryAddSingleton<Quarantine.QuarantineOperations>();
        services.TryAddSingleton<Answers.AnswerWorkflow>();
        services.TryAddSingleton<Answers.AnswerTemplates>();
        AddAnalytics(services);
        AddWorkingCycle(services);
        return new McuHubBuilder(services);
    }

    /// <summary>Indicators, ratings, backlog snapshots and reports; their stores share the LiteDB file when the hub store is LiteDB.</summary>
    private static void AddAnalytics(IServiceCollection services)
    {
        services.TryAddSingleton(sp => new Kpi.MessageFactsProjection(
            sp.GetRequiredService<IHubStore>(), sp.GetRequiredService<WorkingCalendar>(), sp.GetRequiredService<IOptions<McuHubOptions>>()));
        services.TryAddSingleton<Kpi.KpiService>();
        services.TryAddSingleton<Ratings.RecipientRatingService>();
        services.TryAddSingleton<Kpi.IBacklogSnapshotStore>(sp => sp.GetRequiredService<IHubStore>() is LiteDbHubStore lite
            ? new Kpi.Internal.LiteDbBacklogSnapshotStore(lite.Database, lite.WriteGate)
            : new Kpi.Internal.InMemoryBacklogSnapshotStore());
        services.TryAddSingleton<Kpi.BacklogService>();
        services.TryAddSingleton<Reports.IReportStore>(sp => sp.GetRequiredService<IHubStore>() is LiteDbHubStore lite
            ? new Reports.Internal.LiteDbReportStore(lite.Database, lite.WriteGate)
            : new Reports.Internal.InMemoryReportStore());
        services.TryAddSingleton<Analytics.ProblemAnalytics>();
        services.TryAddSingleton<Audit.IAuditLog>(sp =>
        {
            if (sp.GetRequiredService<IHubStore>() is not LiteDbHubStore lite)
                return new Audit.InMemoryAuditLog(sp.GetRequiredService<TimeProvider>());
            var log = new Audit.LiteDbAuditLog(lite.Database, lite.WriteGate, sp.GetRequiredService<TimeProvider>());
            lite.WritesAudit = true;
            return log;
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Reports.IReportSectionSource, Reports.Internal.ProblemSections>());
        services.TryAddSingleton<Reports.ReportSchedule>();
        services.TryAddSingleton<Reports.ReportService>();
    }

    /// <summary>
    /// The working cycle: the fast-track catalogue, roadmaps, satisfaction surveys, quality and conflict flags, informing
    /// through official pages; their documents live in <see cref="IDocumentStore"/>.
    /// </summary>
    private static void AddWorkingCycle(IServiceCollection services)
    {
        services.AddOptions<Roadmaps.RoadmapOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<FastTrack.FastTrackService>();
        services.TryAddSingleton<Roadmaps.RoadmapService>();
        services.AddOptions<Satisfaction.SatisfactionOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Satisfaction.SatisfactionOptions>, Satisfaction.SatisfactionOptionsValidator>());
        services.AddOptions<Quality.QualityOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Quality.QualityOptions>, Quality.QualityOptionsValidator>());
        services.AddOptions<Informing.InformingOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<Satisfaction.SatisfactionService>();
        services.TryAddSingleton<Quality.IAnswerTemplateSource, Quality.Internal.HubAnswerTemplates>();
        services.TryAddSingleton<Quality.QualityService>();
        services.TryAddSingleton<Informing.InformingService>();
        services.TryAddSingleton<Kpi.IDecisionReportLinks>(sp => sp.GetRequiredService<Informing.InformingService>());
    }

    /// <summary>Routing: the versioned rule store (in the LiteDB file when the hub store is LiteDB), the indexed router, explanations.</summary>
    private static void AddRouting(IServiceCollection services)
    {
        services.AddOptions<RoutingOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ITerritoryLocator>(sp => new PolygonTerritoryLocator(sp.GetRequiredService<HubDirectory>()));
        services.TryAddSingleton<RuleSetCompiler>();
        services.TryAddSingleton<IRuleStore>(sp =>
        {
            var compiler = sp.GetRequiredService<RuleSetCompiler>();
            var time = sp.GetRequiredService<TimeProvider>();
            var options = sp.GetRequiredService<IOptions<McuHubOptions>>();
            if (sp.GetRequiredService<IHubStore>() is LiteDbHubStore lite)
                return new LiteDbRuleStore(lite, compiler, options, time, sp.GetRequiredService<ILogger<LiteDbRuleStore>>());
            var logger = sp.GetRequiredService<ILogger<LiteDbRuleStore>>();
            RoutingLog.RulesNotPersisted(logger);
            return LiteDbRuleStore.InMemory(compiler, options.Value.Rules, time, logger);
        });
        services.TryAddSingleton<TenantRuleStores>();
        services.TryAddSingleton<IMessageRouter>(sp => new RuleRouter(
            sp.GetRequiredService<TenantRuleStores>(),
            sp.GetRequiredService<WorkingCalendar>(),
            sp.GetRequiredService<ITerritoryLocator>(),
            sp.GetRequiredService<ILogger<RuleRouter>>(),
            sp.GetRequiredService<FastTrack.FastTrackCatalog>()));
        services.TryAddSingleton<RuleExplainer>();
    }
}

using MCU.Hub.Audit;
using MCU.Hub.Channels;
using MCU.Hub.Kpi;
using MCU.Hub.Reports;
using MCU.Hub.Routing;
using MCU.Hub.Storage;
using MCU.Hub.Storage.PostgreSql;
using MCU.Hub.Tenants;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MCU.Hub;

/// <summary>Puts the hub's storage into PostgreSQL.</summary>
public static class McuHubPostgreSqlExtensions
{
    /// <summary>
    /// Stores everything in PostgreSQL: messages, events, outbox, quarantine, rule sets, reports, backlog snapshots and
    /// the audit log; runs channel connectors under leases so that several instances can share the database; relays
    /// other instances' events to this one's subscribers. The schema is migrated when the store is first opened
    /// (unless <see cref="PostgreSqlStoreOptions.MigrateOnStart"/> is off).
    /// </summary>
    /// <param name="builder">The engine builder from <c>AddMcuHub</c>.</param>
    /// <param name="configure">Sets the options (at least the connection string).</param>
    /// <returns>The builder.</returns>
    public static McuHubBuilder UsePostgreSql(this McuHubBuilder builder, Action<PostgreSqlStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<PostgreSqlStoreOptions>().Configure(configure).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value;
            if (o.MigrateOnStart)
                PostgreSqlMigrator.MigrateAsync(o.ConnectionString, CancellationToken.None).GetAwaiter().GetResult();
            return new PostgreSqlHubStore(Npgsql.NpgsqlDataSource.Create(o.ConnectionString), ownsDataSource: true);
        });
        services.Replace(ServiceDescriptor.Singleton<IHubStore>(sp => sp.GetRequiredService<PostgreSqlHubStore>()));
        services.Replace(ServiceDescriptor.Singleton<IChannelLease>(sp => new PostgreSqlChannelLease(
            sp.GetRequiredService<PostgreSqlHubStore>(), sp.GetRequiredService<IOptions<PostgreSqlStoreOptions>>())));
        services.Replace(ServiceDescriptor.Singleton<IRuleStore>(sp => OpenRules(sp, "")));
        services.Replace(ServiceDescriptor.Singleton(sp => new TenantRuleStores(
            sp.GetRequiredService<IRuleStore>(), sp.GetRequiredService<TenantDirectory>(), tenant => OpenRules(sp, tenant))));
        services.Replace(ServiceDescriptor.Singleton<IReportStore>(sp => new PostgreSqlReportStore(sp.GetRequiredService<PostgreSqlHubStore>())));
        services.Replace(ServiceDescriptor.Singleton<IBacklogSnapshotStore>(sp => new PostgreSqlBacklogSnapshotStore(sp.GetRequiredService<PostgreSqlHubStore>())));
        services.Replace(ServiceDescriptor.Singleton<IDocumentStore>(sp => new PostgreSqlDocumentStore(sp.GetRequiredService<PostgreSqlHubStore>())));
        services.Replace(ServiceDescriptor.Singleton<IAuditLog>(sp => new PostgreSqlAuditLog(sp.GetRequiredService<PostgreSqlHubStore>(), sp.GetRequiredService<TimeProvider>())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PostgreSqlEventRelay>());
        return builder;
    }

    /// <summary>
    /// Uses PostgreSQL when <c>McuHub:Storage:Provider</c> is <c>postgresql</c>, with <c>McuHub:Storage:ConnectionString</c>
    /// and further options from <c>McuHub:Storage:PostgreSql</c>; leaves the LiteDB default otherwise.
    /// </summary>
    /// <param name="builder">The engine builder from <c>AddMcuHub</c>.</param>
    /// <param name="hubSection">The <c>McuHub</c> configuration section.</param>
    /// <returns>The builder.</returns>
    public static McuHubBuilder UseConfiguredStorage(this McuHubBuilder builder, IConfiguration hubSection)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(hubSection);
        var storage = hubSection.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        if (!storage.IsPostgreSql)
            return builder;
        return builder.UsePostgreSql(o =>
        {
            hubSection.GetSection("Storage:PostgreSql").Bind(o);
            o.ConnectionString = storage.ConnectionString ?? o.ConnectionString;
        });
    }

    private static PostgreSqlRuleStore OpenRules(IServiceProvider sp, string tenant) => new(
        sp.GetRequiredService<PostgreSqlHubStore>(),
        tenant,
        sp.GetRequiredService<RuleSetCompiler>().ForTenant(tenant),
        sp.GetRequiredService<IOptions<McuHubOptions>>().Value.Rules,
        sp.GetRequiredService<TimeProvider>(),
        sp.GetRequiredService<ILogger<PostgreSqlRuleStore>>());
}

using MCU.Hub.Audit;
using MCU.Hub.Channels;
using MCU.Hub.Directories;
using MCU.Hub.Events;
using MCU.Hub.Intake;
using MCU.Hub.Kpi;
using MCU.Hub.Reports;
using MCU.Hub.Routing;
using MCU.Hub.Storage;
using MCU.Hub.Storage.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MCU.Hub.Storage.PostgreSql.Tests;

/// <summary>The engine on PostgreSQL: everything it keeps is durable in the database and shared by instances.</summary>
public sealed class PostgreSqlEngineTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private PostgreSqlBackend _db = null!;

    public async Task InitializeAsync() => _db = await PostgreSqlBackend.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Engine_OnPostgreSql_KeepsRuleSetsReportsSnapshotsAndAuditAcrossARestart()
    {
        await using (var hub = Engine())
        {
            Assert.IsType<PostgreSqlHubStore>(hub.GetRequiredService<IHubStore>());
            var rules = hub.GetRequiredService<IRuleStore>();
            var current = await rules.GetCurrentAsync(None);
            await rules.SaveAsync([.. current.Rules, new RoutingRule { Name = "Освещение", Order = 30, AnyWords = ["фонарь"], Recipients = ["roads-dept"] }], "operator", "фонари", None);
            await hub.GetRequiredService<TenantRuleStores>().For("46000000").SaveAsync([], "operator", "пусто", None);
            await hub.GetRequiredService<IReportStore>().SaveAsync(
                new StoredReport { Id = "r-1", Kind = ReportKind.Monthly, Period = "2026-11", Title = "Отчёт", Files = [new StoredReportFile { Format = "html", FileName = "r.html", Length = 3 }] },
                new Dictionary<string, byte[]> { ["html"] = [1, 2, 3] }, None);
            await hub.GetRequiredService<IBacklogSnapshotStore>().SaveAsync(new BacklogSnapshot { Id = "2026-11-20", Open = 7, Overdue = 2, Rows = [new BacklogCount { Dimension = KpiDimension.Channel, Key = "pos", Open = 7 }] }, None);
            await hub.GetRequiredService<IAuditLog>().AppendAsync(new AuditEntry { Credential = "key-1", Tenant = "45000000", Operation = "/mcu.hub.v1.RuleService/SaveRules", Outcome = "OK" }, None);
        }

        await using (var hub = Engine())
        {
            var rules = await hub.GetRequiredService<IRuleStore>().GetCurrentAsync(None);
            Assert.Equal(2, rules.Version);
            Assert.Contains(rules.Rules, r => r.Name == "Освещение");
            Assert.Equal(2, (await hub.GetRequiredService<IRuleStore>().ListVersionsAsync(None)).Count);
            Assert.Empty((await hub.GetRequiredService<TenantRuleStores>().For("46000000").GetCurrentAsync(None)).Rules);
            Assert.Equal(2, hub.GetRequiredService<TenantRuleStores>().For("46000000").Current.Version);
            var reports = hub.GetRequiredService<IReportStore>();
            Assert.Equal("r-1", Assert.Single(await reports.ListAsync(ReportKind.Monthly, "2026-11", 10, None)).Id);
            Assert.Empty(await reports.ListAsync(ReportKind.Weekly, null, 10, None));
            Assert.Equal([1, 2, 3], await reports.GetContentAsync("r-1", "html", None));
            Assert.Null(await reports.GetContentAsync("r-1", "xlsx", None));
            var snapshots = hub.GetRequiredService<IBacklogSnapshotStore>();
            Assert.Equal(new DateOnly(2026, 11, 20), await snapshots.GetLatestDateAsync(None));
            Assert.Equal(7, (await snapshots.GetAsync(new DateOnly(2026, 11, 20), None))!.Rows.Single().Open);
            var audit = await hub.GetRequiredService<IAuditLog>().ListAsync(["45000000"], null, 10, None);
            Assert.Equal("key-1", Assert.Single(audit).Credential);
            Assert.Empty(await hub.GetRequiredService<IAuditLog>().ListAsync(["46000000"], null, 10, None));
        }
    }

    [Fact]
    public async Task TwoEngines_OnOneDatabase_ShareMessagesRuleSetsAndEvents()
    {
        await using var a = Engine();
        await using var b = Engine();
        var relay = b.GetServices<IHostedService>().OfType<PostgreSqlEventRelay>().Single();
        await relay.StartAsync(None);
        try
        {
            var feed = b.GetRequiredService<HubEventFeed>();
            var waiting = feed.WaitAsync(await b.GetRequiredService<IHubStore>().GetLastEventSequenceAsync(None), None);

            var first = await a.GetRequiredService<IMessageIntake>().SubmitAsync("api", Item("x-1"), "test", None);
            var again = await b.GetRequiredService<IMessageIntake>().SubmitAsync("api", Item("x-1"), "test", None);

            await waiting;
            Assert.True(again.Duplicate);
            Assert.Equal(first.MessageId, again.MessageId);
            Assert.True(feed.LastSequence >= 1);

            var saved = await a.GetRequiredService<IRuleStore>().SaveAsync([], "operator", null, None);
            Assert.Equal(saved.Version, (await b.GetRequiredService<IRuleStore>().GetCurrentAsync(None)).Version);
            Assert.Equal(saved.Version, b.GetRequiredService<IRuleStore>().Current.Version);

            var kpi = await b.GetRequiredService<KpiService>().GetFactsAsync(KpiPeriod.Year(2026), KpiSlice.All, None);
            Assert.Equal(first.MessageId, Assert.Single(kpi).Id);
        }
        finally
        {
            await relay.StopAsync(None);
        }
    }

    [Fact]
    public async Task IndicatorProjection_LoadedInOneStream_HasTheSameFactsAsOneCaughtUpFromEvents()
    {
        List<string> caughtUp;
        await using (var a = Engine())
        {
            var kpi = a.GetRequiredService<KpiService>();
            Assert.Empty(await kpi.GetFactsAsync(KpiPeriod.Year(2026), KpiSlice.All, None));
            var intake = a.GetRequiredService<IMessageIntake>();
            var ids = new List<string>();
            for (var i = 0; i < 12; i++)
                ids.Add((await intake.SubmitAsync(i % 2 == 0 ? "api" : "pos", Item("f-" + i), "test", None)).MessageId!);
            var operations = a.GetRequiredService<Messages.MessageOperations>();
            await operations.AnswerAsync(ids[0], "Яма заделана", "roads-dept", [], "test", None);
            await operations.AnswerAsync(ids[3], "Отремонтировано", null, [], "test", None);

            // Caught up from the event log: whole messages read back by id.
            caughtUp = Describe(await kpi.GetFactsAsync(KpiPeriod.Year(2026), KpiSlice.All, None));
        }

        await using var b = Engine();
        var loaded = Describe(await b.GetRequiredService<KpiService>().GetFactsAsync(KpiPeriod.Year(2026), KpiSlice.All, None));

        Assert.Equal(12, loaded.Count);
        Assert.Equal(caughtUp, loaded);
        Assert.Equal(2, loaded.Count(f => f.Contains("\"FirstAnsweredAt\":\"2", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ChannelLease_IsHeldByOneInstance_ReleasedOrExpired_ThenTakenOver()
    {
        await using var a = Engine(o => o.InstanceId = "a");
        await using var b = Engine(o => { o.InstanceId = "b"; o.LeaseDuration = TimeSpan.FromMilliseconds(300); });
        var leaseA = a.GetRequiredService<IChannelLease>();
        var leaseB = (PostgreSqlChannelLease)b.GetRequiredService<IChannelLease>();

        Assert.True(await leaseA.TryAcquireAsync("pos", None));
        Assert.False(await leaseB.TryAcquireAsync("pos", None));
        Assert.True(await leaseB.TryAcquireAsync("edds", None));
        Assert.True(await leaseA.TryAcquireAsync("pos", None));
        Assert.Equal("a", await leaseB.GetHolderAsync("pos", None));

        await leaseA.ReleaseAsync("pos", None);
        Assert.True(await leaseB.TryAcquireAsync("pos", None));
        Assert.False(await leaseA.TryAcquireAsync("pos", None));

        // b stops renewing (it died): once its short lease has expired, a takes the channel over.
        while (await leaseB.GetHolderAsync("pos", None) is not null)
            await Task.Delay(50);
        Assert.True(await leaseA.TryAcquireAsync("pos", None));
        Assert.False(await leaseB.TryAcquireAsync("pos", None));
    }

    [Fact]
    public async Task Migrator_StartedTogether_AppliesEachScriptOnce()
    {
        await using (var connection = new NpgsqlConnection(_db.ConnectionString))
        {
            await connection.OpenAsync();
            await using var reset = new NpgsqlCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public;", connection);
            await reset.ExecuteNonQueryAsync();
        }

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PostgreSqlMigrator.MigrateAsync(_db.ConnectionString, None))));

        Assert.Equal(PostgreSqlMigrator.Known().Select(k => k.Version), runs.SelectMany(r => r).Order());
        Assert.Empty(await PostgreSqlMigrator.MigrateAsync(_db.ConnectionString, None));
        Assert.Equal(0, await _db.Open().CountMessagesAsync(None));
    }

    /// <summary>The PostgreSQL store does not write a call's audit entry with its change: the scope stays unwritten, so the API appends it to the log.</summary>
    [Fact]
    public async Task Submit_InAnAuditScope_LeavesTheEntryToTheAuditLog()
    {
        await using var hub = Engine();
        var log = hub.GetRequiredService<IAuditLog>();

        using var scope = AuditScope.Begin(new AuditEntry { Credential = "key-1", Tenant = "45000000", Operation = "/mcu.hub.v1.MessageService/SubmitMessage", Outcome = "OK" });
        var result = await hub.GetRequiredService<IMessageIntake>().SubmitAsync("api", Item("audit-1"), "test", None);

        Assert.True(result.Accepted);
        Assert.False(scope.Written);
        Assert.Empty(await log.ListAsync([], null, 10, None));
    }

    [Fact]
    public void Options_PostgreSqlWithoutThePackageOrConnection_FailWithAClearMessage()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMcuHub(o => o.Storage = new StorageOptions { Provider = "postgresql", ConnectionString = "Host=x" });
        using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IHubStore>());
        Assert.Contains("UsePostgreSql", error.Message, StringComparison.Ordinal);

        var invalid = new McuHubOptionsValidator().Validate(null, new McuHubOptions { Storage = new StorageOptions { Provider = "postgresql" } });
        Assert.Contains(invalid.Failures!, f => f.Contains("ConnectionString", StringComparison.Ordinal));
        var unknown = new McuHubOptionsValidator().Validate(null, new McuHubOptions { Storage = new StorageOptions { Provider = "oracle" } });
        Assert.Contains(unknown.Failures!, f => f.Contains("oracle", StringComparison.Ordinal));
    }

    private static List<string> Describe(IEnumerable<MessageFact> facts) =>
        [.. facts.OrderBy(f => f.Id, StringComparer.Ordinal).Select(f => System.Text.Json.JsonSerializer.Serialize(f))];

    private ServiceProvider Engine(Action<PostgreSqlStoreOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMcuHub(o =>
        {
            o.ApiChannels = ["api", "pos"];
            o.Oktmo = "45000000";
            o.Tenants = [new Tenants.TenantDefinition { Oktmo = "46000000", Name = "Второй район" }];
            o.Recipients = [new Recipient { Code = "roads-dept", Name = "Управление дорожного хозяйства", Blocks = ["roads"] }];
            o.Rules = [new RoutingRule { Name = "Дороги", Order = 10, Categories = ["roads"], Recipients = ["roads-dept"] }];
        }).UsePostgreSql(o =>
        {
            o.ConnectionString = _db.ConnectionString;
            configure?.Invoke(o);
        });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static InboundItem Item(string externalId) => new()
    {
        ExternalId = externalId,
        Text = "Огромная яма на дороге у дома 5 по улице Ленина",
        CreatedAt = new DateTimeOffset(2026, 3, 1, 18, 30, 0, TimeSpan.FromHours(3)),
        Address = "ул. Ленина, 5",
    };
}

using MCU.Hub.Routing;
using MCU.Hub.Routing.Internal;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MCU.Hub.Storage.PostgreSql;

/// <summary>
/// Rule set versions of one municipality in the <c>rule_versions</c> table, in the same stored form as the LiteDB rule
/// store. Several instances may save: a transaction-scoped advisory lock per municipality numbers versions without
/// collisions, and each instance picks up a version saved elsewhere within <see cref="RefreshInterval"/>.
/// </summary>
public sealed class PostgreSqlRuleStore : IRuleStore
{
    /// <summary>How often the rule set in force is compared with the newest stored version.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _tenant;
    private readonly RuleSetCompiler _compiler;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private volatile State _state;
    private long _checkedAt;
    private int _refreshing;

    /// <summary>Opens the rule set of a municipality; seeds version 1 from <paramref name="seed"/> when there is none.</summary>
    /// <param name="store">The hub store whose database keeps the rules.</param>
    /// <param name="tenant">The municipality's ОКТМО code; empty for the default one.</param>
    /// <param name="compiler">The rule compiler.</param>
    /// <param name="seed">The configured rules.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public PostgreSqlRuleStore(PostgreSqlHubStore store, string tenant, RuleSetCompiler compiler, IReadOnlyList<RoutingRule> seed, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(seed);
        _dataSource = store.DataSource;
        _tenant = tenant ?? "";
        _compiler = compiler;
        _time = time;
        _logger = logger;

        using var connection = _dataSource.OpenConnection();
        using var tx = connection.BeginTransaction();
        Lock(connection, tx);
        var latest = ReadLatest(connection, tx);
        if (latest is null)
        {
            var copies = seed.Select(RuleSetJson.Clone).ToList();
            latest = StoredVersion.Next(null, copies, "configuration", "Начальная версия из конфигурации (McuHub:Rules)", _time.GetUtcNow());
            Insert(connection, tx, latest);
            RoutingLog.SeededFromConfiguration(_logger, copies.Count);
        }
        else if (seed.Count > 0 && RuleSetJson.SerializeRules(seed) != latest.RulesJson)
        {
            RoutingLog.ConfigurationDiffers(_logger, latest.Version);
        }

        tx.Commit();
        _state = new State(Compile(latest), latest);
        _checkedAt = _time.GetTimestamp();
        RoutingLog.RuleSetInForce(_logger, _state.Compiled.Version, _state.Compiled.Count);
    }

    /// <inheritdoc />
    public CompiledRuleSet Current
    {
        get
        {
            if (_time.GetElapsedTime(Interlocked.Read(ref _checkedAt)) >= RefreshInterval && Interlocked.Exchange(ref _refreshing, 1) == 0)
                _ = RefreshInBackgroundAsync();
            return _state.Compiled;
        }
    }

    /// <inheritdoc />
    public async Task<RuleSetVersion> GetCurrentAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        return _state.Latest.ToVersion();
    }

    /// <inheritdoc />
    public async Task<RuleSetVersion?> GetVersionAsync(int version, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT doc FROM rule_versions WHERE tenant = @tenant AND version = @version");
        command.Parameters.AddWithValue("tenant", _tenant);
        command.Parameters.AddWithValue("version", version);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string doc ? Parse(doc).ToVersion() : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RuleSetVersionInfo>> ListVersionsAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT doc FROM rule_versions WHERE tenant = @tenant ORDER BY version DESC");
        command.Parameters.AddWithValue("tenant", _tenant);
        var list = new List<RuleSetVersionInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            list.Add(Parse(reader.GetString(0)).ToInfo());
        return list;
    }

    /// <inheritdoc />
    public async Task<RuleSetVersion> SaveAsync(IReadOnlyList<RoutingRule> rules, string actor, string? comment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        cancellationToken.ThrowIfCancellationRequested();
        var copies = rules.Select(r => r is null ? null! : RuleSetJson.Clone(r)).ToList();
        _compiler.EnsureValid(copies);

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
        Lock(connection, tx);
        var latest = ReadLatest(connection, tx);
        var next = StoredVersion.Next(latest, copies, actor, comment, _time.GetUtcNow());
        var compiled = Compile(next);
        Insert(connection, tx, next);
        await tx.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        _state = new State(compiled, next);
        RoutingLog.RuleSetSaved(_logger, actor, next.Version, next.Changes.Count);
        return next.ToVersion();
    }

    /// <inheritdoc />
    public async Task<string> ExportJsonAsync(int? version, CancellationToken cancellationToken)
    {
        var found = version is { } v ? await GetVersionAsync(v, cancellationToken).ConfigureAwait(false) : await GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        return found is null
            ? throw new KeyNotFoundException($"Версии автоправил {version} нет.")
            : RuleSetJson.Serialize(found);
    }

    /// <inheritdoc />
    public Task<RuleSetVersion> ImportJsonAsync(string json, string actor, string? comment, CancellationToken cancellationToken) =>
        SaveAsync(RuleSetJson.Parse(json), actor, comment, cancellationToken);

    private async Task RefreshInBackgroundAsync()
    {
        try
        {
            await RefreshAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The rule set in force stays; the next read tries again.
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT doc FROM rule_versions WHERE tenant = @tenant AND version > @version ORDER BY version DESC LIMIT 1");
        command.Parameters.AddWithValue("tenant", _tenant);
        command.Parameters.AddWithValue("version", _state.Latest.Version);
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string doc)
        {
            var latest = Parse(doc);
            if (latest.Version > _state.Latest.Version)
            {
                _state = new State(Compile(latest), latest);
                RoutingLog.RuleSetInForce(_logger, latest.Version, _state.Compiled.Count);
            }
        }

        Interlocked.Exchange(ref _checkedAt, _time.GetTimestamp());
    }

    private void Lock(NpgsqlConnection connection, NpgsqlTransaction tx)
    {
        using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('mcuhub-rules|' || @tenant))", connection, tx);
        command.Parameters.AddWithValue("tenant", _tenant);
        command.ExecuteNonQuery();
    }

    private StoredVersion? ReadLatest(NpgsqlConnection connection, NpgsqlTransaction tx)
    {
        using var command = new NpgsqlCommand("SELECT doc FROM rule_versions WHERE tenant = @tenant ORDER BY version DESC LIMIT 1", connection, tx);
        command.Parameters.AddWithValue("tenant", _tenant);
        return command.ExecuteScalar() is string doc ? Parse(doc) : null;
    }

    private void Insert(NpgsqlConnection connection, NpgsqlTransaction tx, StoredVersion version)
    {
        using var command = new NpgsqlCommand("INSERT INTO rule_versions (tenant, version, doc) VALUES (@tenant, @version, @doc)", connection, tx);
        command.Parameters.AddWithValue("tenant", _tenant);
        command.Parameters.AddWithValue("version", version.Version);
        command.Parameters.AddWithValue("doc", LiteDB.JsonSerializer.Serialize(version.ToBson()));
        command.ExecuteNonQuery();
    }

    private static StoredVersion Parse(string doc) => StoredVersion.FromBson(LiteDB.JsonSerializer.Deserialize(doc).AsDocument);

    private CompiledRuleSet Compile(StoredVersion version)
    {
        var compiled = _compiler.Compile(RuleSetJson.DeserializeRules(version.RulesJson), version.Version, version.RuleVersions);
        if (compiled.Problems.Count > 0)
            RoutingLog.CompileProblems(_logger, version.Version, string.Join("; ", compiled.Problems));
        return compiled;
    }

    private sealed record State(CompiledRuleSet Compiled, StoredVersion Latest);
}

using LiteDB;
using MCU.Hub.Routing.Internal;
using MCU.Hub.Storage;
using MCU.Hub.Storage.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Routing;

/// <summary>
/// The default <see cref="IRuleStore"/>: rule set versions in the <c>rule_versions</c> collection of the hub's LiteDB
/// file, one document per version, never changed once written.
/// </summary>
/// <remarks>
/// Writes share the hub store's write lock and run start to end on one thread, followed by a checkpoint, like the hub
/// store's own writes. Each version keeps its rules as the JSON of <see cref="RuleSetJson"/>, so what is exported is
/// exactly what was stored.
/// </remarks>
public sealed class LiteDbRuleStore : IRuleStore, IDisposable
{
    private const string CollectionName = "rule_versions";

    private readonly LiteDatabase _db;
    private readonly LiteDbWriteGate _writeGate;
    private readonly bool _ownsDatabase;
    private readonly ILiteCollection<BsonDocument> _versions;
    private readonly RuleSetCompiler _compiler;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private volatile State _state;

    /// <summary>Opens the rule store in the hub store's file; seeds version 1 from the configured rules when there is none.</summary>
    /// <param name="hub">The hub store whose database and write lock are shared.</param>
    /// <param name="compiler">The rule compiler.</param>
    /// <param name="options">The engine options, with the configured rules.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public LiteDbRuleStore(LiteDbHubStore hub, RuleSetCompiler compiler, IOptions<McuHubOptions> options, TimeProvider time, ILogger<LiteDbRuleStore> logger)
        : this(hub.Database, hub.WriteGate, ownsDatabase: false, compiler, options.Value.Rules, time, logger)
    {
    }

    internal LiteDbRuleStore(LiteDatabase db, LiteDbWriteGate writeGate, bool ownsDatabase, RuleSetCompiler compiler, IReadOnlyList<RoutingRule> seed, TimeProvider time, ILogger logger, string collectionName = CollectionName)
    {
        _db = db;
        _writeGate = writeGate;
        _ownsDatabase = ownsDatabase;
        _compiler = compiler;
        _time = time;
        _logger = logger;
        _versions = db.GetCollection(collectionName);

        using (_writeGate.Enter())
        {
            var latest = _versions.Query().OrderByDescending("_id").Limit(1).FirstOrDefault() is { } doc ? StoredVersion.FromBson(doc) : null;
            if (latest is null)
            {
                var copies = seed.Select(RuleSetJson.Clone).ToList();
                latest = StoredVersion.Next(null, copies, "configuration", "Начальная версия из конфигурации (McuHub:Rules)", _time.GetUtcNow());
                Insert(latest);
                RoutingLog.SeededFromConfiguration(_logger, copies.Count);
            }
            else if (seed.Count > 0 && RuleSetJson.SerializeRules(seed) != latest.RulesJson)
            {
                RoutingLog.ConfigurationDiffers(_logger, latest.Version);
            }

            _state = new State(Compile(latest), latest);
        }

        RoutingLog.RuleSetInForce(_logger, _state.Compiled.Version, _state.Compiled.Count);
    }

    /// <inheritdoc />
    public CompiledRuleSet Current => _state.Compiled;

    /// <inheritdoc />
    public Task<RuleSetVersion> GetCurrentAsync(CancellationToken cancellationToken) =>
        Task.FromResult(_state.Latest.ToVersion());

    /// <inheritdoc />
    public Task<RuleSetVersion?> GetVersionAsync(int version, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var doc = _versions.FindById(version);
        return Task.FromResult(doc is null ? null : StoredVersion.FromBson(doc).ToVersion());
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RuleSetVersionInfo>> ListVersionsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var list = _versions.Query().OrderByDescending("_id").ToList().Select(d => StoredVersion.FromBson(d).ToInfo()).ToList();
        return Task.FromResult<IReadOnlyList<RuleSetVersionInfo>>(list);
    }

    /// <inheritdoc />
    public Task<RuleSetVersion> SaveAsync(IReadOnlyList<RoutingRule> rules, string actor, string? comment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        cancellationToken.ThrowIfCancellationRequested();

        // Validate a snapshot: the caller's instances may change while we work.
        var copies = rules.Select(r => r is null ? null! : RuleSetJson.Clone(r)).ToList();
        _compiler.EnsureValid(copies);
        using (_writeGate.Enter())
        {
            var next = StoredVersion.Next(_state.Latest, copies, actor, comment, _time.GetUtcNow());
            var compiled = Compile(next);
            Insert(next);
            _state = new State(compiled, next);
            RoutingLog.RuleSetSaved(_logger, actor, next.Version, next.Changes.Count);
            return Task.FromResult(next.ToVersion());
        }
    }

    /// <inheritdoc />
    public async Task<string> ExportJsonAsync(int? version, CancellationToken cancellationToken)
    {
        var found = version is { } v ? await GetVersionAsync(v, cancellationToken).ConfigureAwait(false) : _state.Latest.ToVersion();
        return found is null
            ? throw new KeyNotFoundException($"Версии автоправил {version} нет.")
            : RuleSetJson.Serialize(found);
    }

    /// <inheritdoc />
    public Task<RuleSetVersion> ImportJsonAsync(string json, string actor, string? comment, CancellationToken cancellationToken) =>
        SaveAsync(RuleSetJson.Parse(json), actor, comment, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsDatabase)
            _db.Dispose();
    }

    /// <summary>Creates a store in a private in-memory database, for a hub whose message store is not LiteDB.</summary>
    internal static LiteDbRuleStore InMemory(RuleSetCompiler compiler, IReadOnlyList<RoutingRule> seed, TimeProvider time, ILogger logger) =>
        new(new LiteDatabase(new MemoryStream()), new LiteDbWriteGate(), ownsDatabase: true, compiler, seed, time, logger);

    /// <summary>Opens the rule set of a municipality other than the default one, in its own collection of the hub store's file.</summary>
    internal static LiteDbRuleStore ForTenant(LiteDbHubStore hub, string tenant, RuleSetCompiler compiler, IReadOnlyList<RoutingRule> seed, TimeProvider time, ILogger logger) =>
        new(hub.Database, hub.WriteGate, ownsDatabase: false, compiler, seed, time, logger, CollectionName + "_" + tenant);

    private CompiledRuleSet Compile(StoredVersion version)
    {
        var compiled = _compiler.Compile(RuleSetJson.DeserializeRules(version.RulesJson), version.Version, version.RuleVersions);
        if (compiled.Problems.Count > 0)
            RoutingLog.CompileProblems(_logger, version.Version, string.Join("; ", compiled.Problems));
        return compiled;
    }

    /// <summary>Writes one version; the caller holds the write lock.</summary>
    private void Insert(StoredVersion version)
    {
        _db.BeginTrans();
        try
        {
            _versions.Insert(version.ToBson());
            _db.Commit();
        }
        catch
        {
            _db.Rollback();
            throw;
        }

        _db.Checkpoint();
    }

    private sealed record State(CompiledRuleSet Compiled, StoredVersion Latest);
}

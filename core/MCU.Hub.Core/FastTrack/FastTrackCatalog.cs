using System.Collections.Frozen;
using MCU.Hub.Deadlines;
using MCU.Hub.Storage;
using MCU.Hub.Tenants;

namespace MCU.Hub.FastTrack;

/// <summary>
/// The fast-track catalogues of the municipalities as they are in force: an in-memory snapshot of the stored entries
/// that routing, rule validation and deadline computation read without waiting for the store.
/// </summary>
/// <remarks>
/// Loaded on first use and reloaded after every change made through <see cref="FastTrackService"/>; the host also
/// reloads it periodically, so that the changes another instance of the hub made (PostgreSQL) arrive here. Thread-safe.
/// </remarks>
public sealed class FastTrackCatalog
{
    private const int PageSize = 1_000;
    private readonly IDocumentStore _documents;
    private readonly TenantDirectory _tenants;
    private readonly Lock _loadLock = new();
    private volatile Snapshot? _snapshot;

    /// <summary>Creates the catalogue.</summary>
    /// <param name="documents">The document store that keeps the entries.</param>
    /// <param name="tenants">The municipalities, to read an empty code as the default one.</param>
    public FastTrackCatalog(IDocumentStore documents, TenantDirectory tenants)
    {
        _documents = documents;
        _tenants = tenants;
    }

    /// <summary>Finds an entry of a municipality's catalogue.</summary>
    /// <param name="tenant">The municipality; empty or <see langword="null"/> for the default one.</param>
    /// <param name="code">The entry's code.</param>
    /// <returns>A copy of the entry, or <see langword="null"/> when the catalogue has none with this code.</returns>
    public FastTrackEntry? Find(string? tenant, string code) =>
        Current.ById.TryGetValue(FastTrackEntry.IdOf(_tenants.Normalize(tenant), code), out var entry) ? entry.Clone() : null;

    /// <summary>Finds the deadline policy of an entry by its name (<see cref="FastTrackEntry.PolicyName"/>).</summary>
    /// <param name="name">The policy name.</param>
    /// <returns>The policy, or <see langword="null"/> when the name is not an entry's.</returns>
    public DeadlinePolicyDefinition? FindPolicy(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!name.StartsWith(FastTrackEntry.PolicyPrefix, StringComparison.Ordinal))
            return null;
        return Current.ById.TryGetValue(name[FastTrackEntry.PolicyPrefix.Length..], out var entry) ? entry.ToPolicy() : null;
    }

    /// <summary>Lists a municipality's entries in the order of their codes.</summary>
    /// <param name="tenant">The municipality; empty or <see langword="null"/> for the default one.</param>
    /// <returns>Copies of the entries.</returns>
    public IReadOnlyList<FastTrackEntry> List(string? tenant)
    {
        var code = _tenants.Normalize(tenant);
        return [.. Current.ById.Values.Where(e => e.Tenant == code).OrderBy(e => e.Code, StringComparer.Ordinal).Select(e => e.Clone())];
    }

    /// <summary>Reads every entry from the store again and puts the new snapshot in force.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A task that completes when the snapshot is in force.</returns>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var all = new List<FastTrackEntry>();
        string? after = null;
        while (true)
        {
            var page = await _documents.ListAsync<FastTrackEntry>(new DocumentQuery { After = after, Limit = PageSize }, cancellationToken).ConfigureAwait(false);
            all.AddRange(page);
            if (page.Count < PageSize)
                break;
            after = page[^1].Id;
        }

        _snapshot = new Snapshot(all.ToFrozenDictionary(e => e.Id, StringComparer.Ordinal));
    }

    private Snapshot Current
    {
        get
        {
            if (_snapshot is { } ready)
                return ready;
            lock (_loadLock)
            {
                // Routing and validation are synchronous; the first read waits for the store once.
                if (_snapshot is null)
                    ReloadAsync(CancellationToken.None).GetAwaiter().GetResult();
                return _snapshot!;
            }
        }
    }

    private sealed record Snapshot(FrozenDictionary<string, FastTrackEntry> ById);
}

using System.Collections.Concurrent;

namespace MCU.Hub.Storage.Internal;

/// <summary>
/// Working-cycle documents in memory, for an <see cref="IHubStore"/> the engine does not know (a host that brings its
/// own store registers its own <see cref="IDocumentStore"/> to make them durable).
/// </summary>
internal sealed class InMemoryDocumentStore : IDocumentStore
{
    private readonly ConcurrentDictionary<(string Collection, string Id), (string Tenant, string? Key, int Version, string Body)> _rows = new();
    private readonly Lock _lock = new();

    public Task<T?> GetAsync<T>(string id, CancellationToken cancellationToken) where T : class, IStoredDocument =>
        Task.FromResult(_rows.TryGetValue((DocumentJson.CollectionOf<T>(), id), out var row) ? Read<T>(row.Body, row.Version) : null);

    public Task<bool> SaveAsync<T>(T document, CancellationToken cancellationToken) where T : class, IStoredDocument
    {
        ArgumentException.ThrowIfNullOrEmpty(document.Id);
        var key = (DocumentJson.CollectionOf<T>(), document.Id);
        lock (_lock)
        {
            var current = _rows.TryGetValue(key, out var row) ? row.Version : 0;
            if (current != document.Version)
                return Task.FromResult(false);
            document.Version++;
            _rows[key] = (document.Tenant, document.Key, document.Version, DocumentJson.Serialize(document));
        }

        return Task.FromResult(true);
    }

    public Task<bool> DeleteAsync<T>(T document, CancellationToken cancellationToken) where T : class, IStoredDocument
    {
        var key = (DocumentJson.CollectionOf<T>(), document.Id);
        lock (_lock)
        {
            if (!_rows.TryGetValue(key, out var row) || row.Version != document.Version)
                return Task.FromResult(false);
            return Task.FromResult(_rows.TryRemove(key, out _));
        }
    }

    public Task<IReadOnlyList<T>> ListAsync<T>(DocumentQuery query, CancellationToken cancellationToken) where T : class, IStoredDocument
    {
        var collection = DocumentJson.CollectionOf<T>();
        var list = _rows
            .Where(r => r.Key.Collection == collection
                && (query.Tenants.Count == 0 || query.Tenants.Contains(r.Value.Tenant))
                && (query.Key is null || r.Value.Key == query.Key)
                && (query.After is null || string.CompareOrdinal(r.Key.Id, query.After) > 0))
            .OrderBy(r => r.Key.Id, StringComparer.Ordinal)
            .Take(Math.Max(0, query.Limit))
            .Select(r => Read<T>(r.Value.Body, r.Value.Version))
            .ToList();
        return Task.FromResult<IReadOnlyList<T>>(list);
    }

    private static T Read<T>(string body, int version) where T : class, IStoredDocument
    {
        var document = DocumentJson.Deserialize<T>(body);
        document.Version = version;
        return document;
    }
}

using System.Collections.Concurrent;
using LiteDB;

namespace MCU.Hub.Storage.Internal;

/// <summary>
/// Working-cycle documents in the hub's LiteDB file, one collection <c>doc_{name}</c> per document type; each holds
/// the tenant, key and version as indexed fields and the document itself as JSON.
/// </summary>
internal sealed class LiteDbDocumentStore : IDocumentStore
{
    private readonly LiteDatabase _db;
    private readonly LiteDbWriteGate _writeGate;
    private readonly ConcurrentDictionary<string, ILiteCollection<BsonDocument>> _collections = new(StringComparer.Ordinal);

    public LiteDbDocumentStore(LiteDbHubStore store)
    {
        _db = store.Database;
        _writeGate = store.WriteGate;
    }

    public Task<T?> GetAsync<T>(string id, CancellationToken cancellationToken) where T : class, IStoredDocument
    {
        ArgumentNullException.ThrowIfNull(id);
        cancellationToken.ThrowIfCancellationRequested();
        var doc = CollectionFor<T>().FindById(id);
        return Task.FromResult(doc is null ? null : Read<T>(doc));
    }

    public Task<bool> SaveAsync<T>(T document, CancellationToken cancellationToken) where T : class, IStoredDocument
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentException.ThrowIfNullOrEmpty(document.Id);
        cancellationToken.ThrowIfCancellationRequested();
        var collection = CollectionFor<T>();
        var expected = document.Version;
        using (_writeGate.Enter())
        {
            var current = collection.FindById(document.Id);
            if ((current?["Version"].AsInt32 ?? 0) != expected)
                return Task.FromResult(false);
            document.Version = expected + 1;
            var row = new BsonDocument
            {
                ["_id"] = document.Id,
                ["Tenant"] = document.Tenant.Length == 0 ? BsonValue.Null : document.Tenant,
                ["Key"] = document.Key is null ? BsonValue.Null : document.Key,
                ["Version"] = document.Version,
                ["Body"] = DocumentJson.Serialize(document),
            };
            try
            {
                // Upsert inside the lock: the version read above cannot change before this write.
                collection.Upsert(row);
            }
            catch
            {
                document.Version = expected;
                throw;
            }
        }

        return Task.FromResult(true);
    }

    public Task<bool> DeleteAsync<T>(T document, CancellationToken cancellationToken) where T : class, IStoredDocument
    {
        ArgumentNullException.ThrowIfNull(document);
        cancellationToken.ThrowIfCancellationRequested();
        var collection = CollectionFor<T>();
        using (_writeGate.Enter())
        {
            var current = collection.FindById(document.Id);
            if (current is null || current["Version"].AsInt32 != document.Version)
                return Task.FromResult(false);
            return Task.FromResult(collection.Delete(document.Id));
        }
    }

    public Task<IReadOnlyList<T>> ListAsync<T>(DocumentQuery query, CancellationToken cancellationToken) where T : class, IStoredDocument
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        var q = CollectionFor<T>().Query();
        if (query.Tenants.Count > 0)
            q = q.Where(StoreMapper.TenantIn(query.Tenants));
        if (query.Key is not null)
            q = q.Where(LiteQuery.Eq("Key", query.Key));
        if (query.After is not null)
            q = q.Where(LiteQuery.Gt("_id", query.After));
        var rows = q.OrderBy("_id").Limit(Math.Max(0, query.Limit)).ToList();
        return Task.FromResult<IReadOnlyList<T>>(rows.Select(Read<T>).ToList());
    }

    private ILiteCollection<BsonDocument> CollectionFor<T>() where T : IStoredDocument =>
        _collections.GetOrAdd(DocumentJson.CollectionOf<T>(), name =>
        {
            var collection = _db.GetCollection("doc_" + name);
            using (_writeGate.Enter())
            {
                collection.EnsureIndex("Tenant");
                collection.EnsureIndex("Key");
            }

            return collection;
        });

    private static T Read<T>(BsonDocument row) where T : class, IStoredDocument
    {
        var document = DocumentJson.Deserialize<T>(row["Body"].AsString);
        document.Version = row["Version"].AsInt32;
        return document;
    }
}

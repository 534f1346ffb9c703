using System.Collections.Concurrent;
using LiteDB;

namespace MCU.Hub.Audit;

/// <summary>The audit log in the <c>audit</c> collection of the hub's LiteDB file.</summary>
internal sealed class LiteDbAuditLog : IAuditLog
{
    private readonly LiteDatabase _db;
    private readonly Lock _writeLock;
    private readonly ILiteCollection<AuditEntry> _entries;
    private readonly TimeProvider _time;

    public LiteDbAuditLog(LiteDatabase db, Lock writeLock, TimeProvider time)
    {
        _db = db;
        _writeLock = writeLock;
        _time = time;
        _entries = db.GetCollection<AuditEntry>("audit");
        _entries.EnsureIndex(e => e.Tenant);
    }

    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (entry.Id.Length == 0)
            entry.Id = Guid.CreateVersion7(_time.GetUtcNow()).ToString("N");
        lock (_writeLock)
        {
            _entries.Insert(entry);
            _db.Checkpoint();
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> ListAsync(IReadOnlyCollection<string> tenants, string? before, int maxCount, CancellationToken cancellationToken)
    {
        var q = _entries.Query();
        if (tenants.Count > 0)
            q = q.Where(BsonExpression.Create("$.Tenant IN @0", new BsonArray(tenants.Select(t => t.Length == 0 ? BsonValue.Null : new BsonValue(t)))));
        if (before is not null)
            q = q.Where(Query.LT("_id", before));
        return Task.FromResult<IReadOnlyList<AuditEntry>>(q.OrderByDescending("_id").Limit(maxCount).ToList());
    }
}

/// <summary>The audit log of a hub whose store is not LiteDB and that registered no log of its own: kept in memory.</summary>
internal sealed class InMemoryAuditLog(TimeProvider time) : IAuditLog
{
    private readonly ConcurrentDictionary<string, AuditEntry> _entries = new(StringComparer.Ordinal);

    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Id.Length == 0)
            entry.Id = Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
        _entries[entry.Id] = entry;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> ListAsync(IReadOnlyCollection<string> tenants, string? before, int maxCount, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AuditEntry>>([.. _entries.Values
            .Where(e => (tenants.Count == 0 || tenants.Contains(e.Tenant)) && (before is null || string.CompareOrdinal(e.Id, before) < 0))
            .OrderByDescending(e => e.Id, StringComparer.Ordinal).Take(maxCount)]);
}

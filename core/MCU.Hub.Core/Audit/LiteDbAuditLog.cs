using System.Collections.Concurrent;
using LiteDB;
using MCU.Hub.Storage.Internal;

namespace MCU.Hub.Audit;

/// <summary>
/// The audit log in the <c>audit</c> collection of the hub's LiteDB file. Entries waiting at one moment are written in
/// one transaction (group commit): a LiteDB commit costs far more than a document, and every change made through the
/// API waits for its entry.
/// </summary>
internal sealed class LiteDbAuditLog : IAuditLog, IAsyncDisposable
{
    /// <summary>The collection of the entries; the store's intake transaction writes the entries it carries here too.</summary>
    internal const string Collection = "audit";

    private const int MaxBatch = 1_000;
    private readonly LiteDatabase _db;
    private readonly LiteDbWriteGate _writeGate;
    private readonly ILiteCollection<AuditEntry> _entries;
    private readonly TimeProvider _time;
    private readonly System.Threading.Channels.Channel<(AuditEntry Entry, TaskCompletionSource Done)> _queue =
        System.Threading.Channels.Channel.CreateUnbounded<(AuditEntry, TaskCompletionSource)>(new() { SingleReader = true });
    private readonly Task _loop;

    public LiteDbAuditLog(LiteDatabase db, LiteDbWriteGate writeGate, TimeProvider time)
    {
        _db = db;
        _writeGate = writeGate;
        _time = time;
        _entries = db.GetCollection<AuditEntry>(Collection);
        using (_writeGate.Enter())
            _entries.EnsureIndex(e => e.Tenant);
        _loop = Task.Run(RunAsync);
    }

    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (entry.Id.Length == 0)
            entry.Id = Guid.CreateVersion7(_time.GetUtcNow()).ToString("N");
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((entry, done)))
            throw new ObjectDisposedException(nameof(LiteDbAuditLog), "Журнал аудита закрыт.");
        return done.Task.WaitAsync(cancellationToken);
    }

    public Task<IReadOnlyList<AuditEntry>> ListAsync(IReadOnlyCollection<string> tenants, string? before, int maxCount, CancellationToken cancellationToken)
    {
        var q = _entries.Query();
        if (tenants.Count > 0)
            q = q.Where(Storage.Internal.StoreMapper.TenantIn(tenants));
        if (before is not null)
            q = q.Where(LiteQuery.Lt("_id", before));
        return Task.FromResult<IReadOnlyList<AuditEntry>>(q.OrderByDescending("_id").Limit(maxCount).ToList());
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var group = new List<(AuditEntry Entry, TaskCompletionSource Done)>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            group.Clear();
            while (group.Count < MaxBatch && _queue.Reader.TryRead(out var item))
                group.Add(item);
            try
            {
                using (_writeGate.Enter())
                {
                    _db.BeginTrans();
                    try
                    {
                        _entries.InsertBulk(group.Select(g => g.Entry));
                        _db.Commit();
                    }
                    catch
                    {
                        _db.Rollback();
                        throw;
                    }

                    _db.Checkpoint();
                }

                foreach (var (_, done) in group)
                    done.TrySetResult();
            }
            catch (Exception ex)
            {
                foreach (var (_, done) in group)
                    done.TrySetException(ex);
            }
        }
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

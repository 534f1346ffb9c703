using System.Collections.Concurrent;
using System.Globalization;
using LiteDB;
using MCU.Hub.Storage.Internal;

namespace MCU.Hub.Kpi.Internal;

/// <summary>Backlog snapshots in the hub's LiteDB file, one document a day.</summary>
internal sealed class LiteDbBacklogSnapshotStore : IBacklogSnapshotStore
{
    private readonly LiteDatabase _db;
    private readonly LiteDbWriteGate _writeGate;
    private readonly ILiteCollection<BacklogSnapshot> _snapshots;

    public LiteDbBacklogSnapshotStore(LiteDatabase db, LiteDbWriteGate writeGate)
    {
        _db = db;
        _writeGate = writeGate;
        _snapshots = db.GetCollection<BacklogSnapshot>("backlog_snapshots");
    }

    public Task<BacklogSnapshot?> GetAsync(DateOnly date, CancellationToken cancellationToken) =>
        Task.FromResult<BacklogSnapshot?>(_snapshots.FindById(Key(date)));

    public Task<DateOnly?> GetLatestDateAsync(CancellationToken cancellationToken) =>
        Task.FromResult(_snapshots.Query().OrderByDescending("_id").Limit(1).FirstOrDefault()?.Date());

    public Task SaveAsync(BacklogSnapshot snapshot, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using (_writeGate.Enter())
        {
            _snapshots.Upsert(snapshot);
            _db.Checkpoint();
        }

        return Task.CompletedTask;
    }

    internal static string Key(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Backlog snapshots in memory, for a hub whose store is not LiteDB and that registers no store of its own.</summary>
internal sealed class InMemoryBacklogSnapshotStore : IBacklogSnapshotStore
{
    private readonly ConcurrentDictionary<string, BacklogSnapshot> _snapshots = new(StringComparer.Ordinal);

    public Task<BacklogSnapshot?> GetAsync(DateOnly date, CancellationToken cancellationToken) =>
        Task.FromResult(_snapshots.GetValueOrDefault(LiteDbBacklogSnapshotStore.Key(date)));

    public Task<DateOnly?> GetLatestDateAsync(CancellationToken cancellationToken) =>
        Task.FromResult(_snapshots.Keys.Order(StringComparer.Ordinal).LastOrDefault() is { } key ? DateOnly.ParseExact(key, "yyyy-MM-dd", CultureInfo.InvariantCulture) : (DateOnly?)null);

    public Task SaveAsync(BacklogSnapshot snapshot, CancellationToken cancellationToken)
    {
        _snapshots[snapshot.Id] = snapshot;
        return Task.CompletedTask;
    }
}

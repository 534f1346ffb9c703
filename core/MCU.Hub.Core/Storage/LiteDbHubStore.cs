using LiteDB;
using MCU.Hub.Events;
using MCU.Hub.Messages;
using MCU.Hub.Outbox;
using MCU.Hub.Quarantine;
using MCU.Hub.Records;
using MCU.Hub.Storage.Internal;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Storage;

/// <summary>
/// The embedded default store: one LiteDB file opened in direct (exclusive) mode.
/// </summary>
/// <remarks>
/// Writes are serialised: LiteDB allows one writer per collection and binds a transaction to a thread, so each
/// write runs start to end on one thread under one lock. After each commit the store forces a checkpoint, because a
/// LiteDB commit may return before its pages reach the file and a process kill would lose them.
/// The file <c>{path}.lock</c> beside the store is held exclusively while the store is open, so that a second process
/// cannot open the same file (it gets <see cref="HubStoreUnavailableException"/> naming the file).
/// The intake's own history entries of a message are kept in the message's document (field <c>_intake</c>, which the
/// typed mapping of <see cref="HubMessage"/> does not see), and the events of an intake transaction are packed a few
/// hundred to a document: LiteDB's cost is per document and index entry far more than per byte, and these are only read
/// together (the history of one message, the event journal in order). Files written before keep those entries in the
/// <c>intake_history</c> collection, which is still read.
/// </remarks>
public sealed class LiteDbHubStore : IHubStore, IDisposable
{
    private const string Messages = "messages";
    private const string History = "history";
    private const string Events = "events";
    private const string Checkpoints = "checkpoints";
    private const string Records = "records";
    private const string Outbox = "outbox";
    private const string Settings = "settings";
    private const string QuarantineCollection = "quarantine";
    private const string IntakeHistory = "intake_history";
    private const string EventPacks = "event_packs";
    private const string TenantAssignedSetting = "storage.default-tenant-assigned";
    private const string IntakeField = "_intake";

    private readonly LiteDatabase _db;
    private const string SourceKeyExpression = "$.Tenant + '|' + $.Channel + '|' + $.ExternalId";

    private static readonly BsonExpression SourceKey = BsonExpression.Create(SourceKeyExpression);
    private static readonly string[] DroppedMessageIndexes = ["ExternalId", "Status", "Channel", "Category", "Tenant", "ux_source"];

    private readonly ILiteCollection<HubMessage> _messages;
    private readonly ILiteCollection<BsonDocument> _messageDocuments;
    private readonly ILiteCollection<MessageHistoryEntry> _history;
    private readonly ILiteCollection<HubEvent> _events;
    private readonly ILiteCollection<CheckpointDocument> _checkpoints;
    private readonly ILiteCollection<StoredRecord> _records;
    private readonly ILiteCollection<OutboxDelivery> _outbox;
    private readonly ILiteCollection<QuarantinedItem> _quarantine;
    private readonly ILiteCollection<IntakeHistoryDocument> _intakeHistory;
    private readonly ILiteCollection<EventPackDocument> _eventPacks;
    private readonly LiteDbWriteGate _writeGate = new();
    private readonly BsonExpression _intakeSourceLookup = BsonExpression.Create(SourceKeyExpression + " = @0", BsonValue.Null);
    private readonly string _path;
    private readonly FileStream? _lock;
    private readonly long _minFreeBytes = 64L * 1024 * 1024;
    private long _lastEventSequence;

    /// <summary>Opens (or creates) the store file named by <see cref="McuHubOptions.DatabasePath"/>.</summary>
    /// <param name="options">The engine options.</param>
    public LiteDbHubStore(IOptions<McuHubOptions> options)
        : this(options.Value.DatabasePath, Tenants.TenantDirectory.DefaultOf(options.Value), options.Value.LiteDbCacheMb)
    {
        _minFreeBytes = options.Value.MinFreeDiskSpaceMb * 1024L * 1024L;
    }

    /// <summary>Opens (or creates) a store file of a hub with one tenant whose code is empty.</summary>
    /// <param name="path">The file path.</param>
    public LiteDbHubStore(string path)
        : this(path, "")
    {
    }

    /// <summary>Opens (or creates) a store file; messages stored before tenants existed move to <paramref name="defaultTenant"/>.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="defaultTenant">The ОКТМО code of the default tenant (empty in a hub configured with none).</param>
    public LiteDbHubStore(string path, string defaultTenant)
        : this(path, defaultTenant, new McuHubOptions().LiteDbCacheMb)
    {
    }

    private LiteDbHubStore(string path, string defaultTenant, int cacheMb)
    {
        ArgumentNullException.ThrowIfNull(defaultTenant);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
            System.IO.Directory.CreateDirectory(directory);

        try
        {
            // LiteDB's direct mode shares the file for reading, which on Linux lets a second process open it for writing
            // too: two writers would corrupt it. An exclusive lock on a file beside it keeps every other hub instance
            // (and the report command) out, and the operating system releases it when the process ends, even by SIGKILL.
            _lock = new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            _db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }, StoreMapper.Create());
            CacheBounded = LiteDbPageBudget.TryApply(_db, Math.Max(LiteDbPageBudget.MinPages, (int)(cacheMb * 1024L * 1024L / LiteDbPageBudget.PageSize)));
        }
        catch (IOException ex)
        {
            _lock?.Dispose();
            throw Unavailable(path, ex);
        }

        _path = Path.GetFullPath(path);
        _messages = _db.GetCollection<HubMessage>(Messages);
        _messageDocuments = _db.GetCollection(Messages);
        _history = _db.GetCollection<MessageHistoryEntry>(History);
        _events = _db.GetCollection<HubEvent>(Events);
        _checkpoints = _db.GetCollection<CheckpointDocument>(Checkpoints);
        _records = _db.GetCollection<StoredRecord>(Records);
        _outbox = _db.GetCollection<OutboxDelivery>(Outbox);
        _quarantine = _db.GetCollection<QuarantinedItem>(QuarantineCollection);
        _intakeHistory = _db.GetCollection<IntakeHistoryDocument>(IntakeHistory);
        _eventPacks = _db.GetCollection<EventPackDocument>(EventPacks);

        AssignTenant(defaultTenant);
        using (_writeGate.Enter())
        {
            EnsureMessageIndexes();
            _history.EnsureIndex(h => h.MessageId);
            _quarantine.EnsureIndex(q => q.State);
            _outbox.EnsureIndex(d => d.State);
            _outbox.EnsureIndex(d => d.MessageId);
            _records.EnsureIndex(r => r.Type);
            _records.EnsureIndex(r => r.OccurredAt);
        }

        _lastEventSequence = LastStoredSequence();
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<IntakeOutcome>> CommitIntakeAsync(IntakeBatch batch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using (_writeGate.Enter())
        {
            var outcomes = new IntakeOutcome[batch.Items.Count];
            var inBatch = new Dictionary<string, string>(StringComparer.Ordinal);
            var sequence = _lastEventSequence;
            var newMessages = new List<BsonDocument>(batch.Items.Count);
            var events = new List<HubEvent>(batch.Items.Count * 2);
            var audited = false;
            EnsureSpace();
            _db.BeginTrans();
            try
            {
                for (var i = 0; i < batch.Items.Count; i++)
                {
                    var item = batch.Items[i];
                    var message = item.Message;
                    var key = message.Tenant + "|" + message.Channel + "|" + message.ExternalId;
                    if (inBatch.TryGetValue(key, out var earlier))
                    {
                        outcomes[i] = new(earlier, true);
                        continue;
                    }

                    if (StoredIdBySource(message.Tenant, message.Channel, message.ExternalId) is { } existing)
                    {
                        outcomes[i] = new(existing, true);
                        inBatch[key] = existing;
                        continue;
                    }

                    newMessages.Add(ToDocument(message, item.History));
                    foreach (var e in item.Events)
                    {
                        e.Sequence = ++sequence;
                        e.Tenant ??= message.Tenant;
                        events.Add(e);
                    }

                    inBatch[key] = message.Id;
                    outcomes[i] = new(message.Id, false);
                }

                if (newMessages.Count > 0)
                    _messageDocuments.Insert(newMessages);
                if (events.Count > 0)
                    _eventPacks.Insert(events.Chunk(EventPackDocument.MaxEvents).Select(c => new EventPackDocument { First = c[0].Sequence, Last = c[^1].Sequence, Events = [.. c] }));

                foreach (var record in batch.Records)
                {
                    var stored = _records.FindById(record.Id);
                    if (stored is null)
                        _records.Insert(record);
                    else if (record.OccurredAt > stored.OccurredAt)
                        _records.Update(record);
                }

                foreach (var held in batch.Quarantine)
                {
                    if (_quarantine.FindById(held.Id) is null)
                        _quarantine.Insert(held);
                }

                foreach (var (channel, checkpoint) in batch.Checkpoints)
                    _checkpoints.Upsert(new CheckpointDocument { Channel = channel, Value = checkpoint });

                audited = InsertAudit(batch.Audit, outcomes);
                _db.Commit();
                _db.Checkpoint();
            }
            catch (Exception ex)
            {
                throw Failed(ex);
            }

            _lastEventSequence = sequence;
            if (audited)
                MarkAuditWritten(batch.Audit);
            return Task.FromResult<IReadOnlyList<IntakeOutcome>>(outcomes);
        }
    }

    /// <inheritdoc />
    public Task<bool> UpdateMessageAsync(HubMessage message, int expectedVersion, MessageUpdate update, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using (_writeGate.Enter())
        {
            var sequence = _lastEventSequence;
            EnsureSpace();
            _db.BeginTrans();
            try
            {
                var stored = _messageDocuments.FindById(message.Id);
                if (stored is null || stored[nameof(HubMessage.Version)].AsInt32 != expectedVersion)
                {
                    _db.Rollback();
                    return Task.FromResult(false);
                }

                message.Version = expectedVersion + 1;
                _messageDocuments.Update(Replacing(stored, message));
                AppendHistory(update.History);
                sequence = AppendEvents(update.Events, sequence, message.Tenant);
                foreach (var delivery in update.Deliveries)
                    _outbox.Insert(delivery);
                _db.Commit();
                _db.Checkpoint();
            }
            catch (Exception ex)
            {
                throw Failed(ex);
            }

            _lastEventSequence = sequence;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxDelivery>> GetDueDeliveriesAsync(string channel, DateTimeOffset now, int maxCount, CancellationToken cancellationToken)
    {
        var due = _outbox.Query()
            .Where(BsonExpression.Create("$.State IN @0", new BsonArray(new BsonValue(nameof(DeliveryState.Pending)), new BsonValue(nameof(DeliveryState.Sent)))))
            .Where(LiteQuery.Eq("Channel", channel))
            .Where(LiteQuery.Lte("NextAttemptAt", StoreMapper.ToBson(now)))
            .OrderBy("NextAttemptAt")
            .Limit(maxCount)
            .ToList();
        return Task.FromResult<IReadOnlyList<OutboxDelivery>>(due);
    }

    /// <inheritdoc />
    public Task SaveDeliveryAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using (_writeGate.Enter())
        {
            _outbox.Upsert(delivery);
            _db.Checkpoint();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxDelivery>> ListDeliveriesAsync(IReadOnlyList<DeliveryState> states, string? messageId, int maxCount, CancellationToken cancellationToken)
    {
        var q = _outbox.Query();
        if (states.Count > 0)
            q = q.Where(BsonExpression.Create("$.State IN @0", new BsonArray(states.Select(s => new BsonValue(s.ToString())))));
        if (messageId is not null)
            q = q.Where(LiteQuery.Eq("MessageId", messageId));
        return Task.FromResult<IReadOnlyList<OutboxDelivery>>(q.OrderBy("ChangedAt").Limit(maxCount).ToList());
    }

    /// <inheritdoc />
    public Task<OutboxDelivery?> GetDeliveryAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult<OutboxDelivery?>(_outbox.FindById(id));

    /// <inheritdoc />
    public Task<HubMessage?> GetMessageAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult<HubMessage?>(_messages.FindById(id));

    /// <inheritdoc />
    /// <remarks>No index serves a lookup without the tenant, so this one scans the messages: it is for tools and tests; the intake looks up by tenant.</remarks>
    public Task<HubMessage?> FindBySourceAsync(string channel, string externalId, CancellationToken cancellationToken) =>
        Task.FromResult<HubMessage?>(_messages.FindOne(m => m.ExternalId == externalId && m.Channel == channel));

    /// <inheritdoc />
    public Task<HubMessage?> FindBySourceAsync(string tenant, string channel, string externalId, CancellationToken cancellationToken) =>
        Task.FromResult(FindBySource(tenant, channel, externalId));

    /// <inheritdoc />
    public Task<MessagePage> ListMessagesAsync(MessageQuery query, CancellationToken cancellationToken)
    {
        var filters = new List<BsonExpression>();
        if (query.Tenants.Count > 0)
            filters.Add(StoreMapper.TenantIn(query.Tenants));
        if (query.Statuses.Count > 0)
            filters.Add(BsonExpression.Create("$.Status IN @0", new BsonArray(query.Statuses.Select(s => new BsonValue(s.ToString())))));
        if (query.Channel is not null)
            filters.Add(LiteQuery.Eq("Channel", query.Channel));
        if (query.Category is not null)
            filters.Add(BsonExpression.Create("($.Category = @0 OR $.Block = @0)", new BsonValue(query.Category)));
        if (query.Recipient is not null)
            filters.Add(BsonExpression.Create("$.Recipients[*] ANY = @0", new BsonValue(query.Recipient)));
        // A period is one BETWEEN: LiteDB seeks an index with one term only, and with two it would scan from the lower
        // bound to the end of the index. Instants are stored as ticks, so an exclusive end is the tick before it.
        if (query.RegisteredFrom is not null || query.RegisteredTo is not null)
            filters.Add(Between("RegisteredAt", query.RegisteredFrom, query.RegisteredTo));
        if (query.DueFrom is not null || query.DueBefore is not null)
            filters.Add(Between("DueAt", query.DueFrom, query.DueBefore));
        if (query.Cursor is not null)
            filters.Add(LiteQuery.Lt("_id", query.Cursor));

        var q = _messages.Query();
        foreach (var filter in filters)
            q = q.Where(filter);
        var items = q.OrderByDescending("_id").Limit(query.PageSize + 1).ToList();
        string? next = null;
        if (items.Count > query.PageSize)
        {
            items.RemoveAt(items.Count - 1);
            next = items[^1].Id;
        }

        return Task.FromResult(new MessagePage(items, next));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MessageHistoryEntry>> GetHistoryAsync(string messageId, CancellationToken cancellationToken)
    {
        // The intake's entries come first: they are written with the message, before any other change can be.
        var history = _messageDocuments.FindById(messageId)?[IntakeField] is { IsArray: true } inline
            ? [.. inline.AsArray.Select(e => _db.Mapper.ToObject<MessageHistoryEntry>(e.AsDocument))]
            : _intakeHistory.FindById(messageId)?.Entries ?? [];
        foreach (var entry in history)
            entry.MessageId = messageId;
        history.AddRange(_history.Find(h => h.MessageId == messageId).OrderBy(h => h.Id));
        return Task.FromResult<IReadOnlyList<MessageHistoryEntry>>(history);
    }

    /// <inheritdoc />
    public Task<string?> GetCheckpointAsync(string channel, CancellationToken cancellationToken) =>
        Task.FromResult(_checkpoints.FindById(channel)?.Value);

    /// <inheritdoc />
    public Task<IReadOnlyList<HubEvent>> ReadEventsAsync(long afterSequence, int maxCount, CancellationToken cancellationToken)
    {
        // Packs hold disjoint runs of sequence numbers, so the first maxCount events after afterSequence lie among the
        // first maxCount single events and the first maxCount packs that end after it.
        var singles = _events.Query().Where(LiteQuery.Gt("_id", afterSequence)).OrderBy("_id").Limit(maxCount).ToList();
        var packed = new List<HubEvent>();
        foreach (var pack in _eventPacks.Query().Where(LiteQuery.Gt("_id", afterSequence)).OrderBy("_id").Limit(maxCount).ToEnumerable())
        {
            foreach (var e in pack.Events)
            {
                if (e.Sequence > afterSequence)
                    packed.Add(e);
            }

            if (packed.Count >= maxCount)
                break;
        }

        var merged = singles.Count == 0
            ? packed.Take(maxCount).ToList()
            : packed.Count == 0 ? singles : singles.Concat(packed).OrderBy(e => e.Sequence).Take(maxCount).ToList();
        return Task.FromResult<IReadOnlyList<HubEvent>>(merged);
    }

    /// <inheritdoc />
    public Task<long> AppendEventAsync(HubEvent hubEvent, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using (_writeGate.Enter())
        {
            long sequence;
            EnsureSpace();
            try
            {
                sequence = AppendEvents([hubEvent], _lastEventSequence, hubEvent.Tenant);
                _db.Checkpoint();
            }
            catch (Exception ex)
            {
                throw Failed(ex);
            }

            _lastEventSequence = sequence;
            return Task.FromResult(sequence);
        }
    }

    /// <inheritdoc />
    public Task<long> GetLastEventSequenceAsync(CancellationToken cancellationToken)
    {
        using (_writeGate.Enter())
            return Task.FromResult(_lastEventSequence);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredRecord>> ListRecordsAsync(RecordQuery query, CancellationToken cancellationToken)
    {
        var q = _records.Query();
        if (query.Channel is not null)
            q = q.Where(LiteQuery.Eq("Channel", query.Channel));
        if (query.Type is not null)
            q = q.Where(LiteQuery.Eq("Type", query.Type));
        if (query.From is { } from)
            q = q.Where(LiteQuery.Gte("OccurredAt", StoreMapper.ToBson(from)));
        if (query.To is { } to)
            q = q.Where(LiteQuery.Lt("OccurredAt", StoreMapper.ToBson(to)));
        return Task.FromResult<IReadOnlyList<StoredRecord>>(q.OrderBy("OccurredAt").Limit(query.Limit).ToList());
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<QuarantinedItem>> ListQuarantineAsync(QuarantineState? state, string? channel, int maxCount, CancellationToken cancellationToken)
    {
        var q = _quarantine.Query();
        if (state is { } s)
            q = q.Where(LiteQuery.Eq("State", s.ToString()));
        if (channel is not null)
            q = q.Where(LiteQuery.Eq("Channel", channel));
        return Task.FromResult<IReadOnlyList<QuarantinedItem>>(q.OrderBy("QuarantinedAt").Limit(maxCount).ToList());
    }

    /// <inheritdoc />
    public Task<QuarantinedItem?> GetQuarantinedAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult<QuarantinedItem?>(_quarantine.FindById(id));

    /// <inheritdoc />
    public Task SaveQuarantinedAsync(QuarantinedItem item, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using (_writeGate.Enter())
        {
            _quarantine.Upsert(item);
            _db.Checkpoint();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<string?> GetSettingAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_db.GetCollection<CheckpointDocument>(Settings).FindById(key)?.Value);

    /// <inheritdoc />
    public Task SetSettingAsync(string key, string value, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using (_writeGate.Enter())
        {
            _db.GetCollection<CheckpointDocument>(Settings).Upsert(new CheckpointDocument { Channel = key, Value = value });
            _db.Checkpoint();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<long> CountMessagesAsync(CancellationToken cancellationToken) => Task.FromResult(_messages.LongCount());

    /// <inheritdoc />
    public void Dispose()
    {
        _db.Dispose();
        _lock?.Dispose();
    }

    /// <summary>Gets the open database, for the engine's other LiteDB-backed stores that share this file.</summary>
    internal LiteDatabase Database => _db;

    /// <summary>Gets the gate every write to <see cref="Database"/> must hold (LiteDB binds a transaction to a thread).</summary>
    internal LiteDbWriteGate WriteGate => _writeGate;

    /// <summary>Gets a value indicating whether LiteDB's page cache is bounded by <see cref="McuHubOptions.LiteDbCacheMb"/> (see <see cref="LiteDbPageBudget"/>).</summary>
    internal bool CacheBounded { get; }

    /// <summary>Gets the memory LiteDB's page cache of this file holds now.</summary>
    internal long CacheBytes => LiteDbPageBudget.CacheBytes(_db);

    /// <summary>
    /// Gets or sets a value indicating whether the hub's audit log is this file's (<see cref="Audit.LiteDbAuditLog"/>): only
    /// then does an intake transaction write the audit entries it carries (<see cref="IntakeBatch.Audit"/>); otherwise
    /// they are left to the log the hub registered.
    /// </summary>
    internal bool WritesAudit { get; set; }

    /// <summary>Inserts the audit entries an intake batch carries, each naming the stored message it is about, in the open transaction.</summary>
    /// <returns><see langword="true"/> when it inserted them.</returns>
    private bool InsertAudit(IReadOnlyList<IntakeAudit> audit, IntakeOutcome[] outcomes)
    {
        if (audit.Count == 0 || !WritesAudit)
            return false;

        // A retry after a commit whose checkpoint failed finds its message stored, and may find the entry too: those
        // are upserted. The entry of a message new in this transaction cannot exist yet, and a plain insert spares the
        // search by id that an upsert makes first (a sixth of the allocations of a unary submit's commit).
        var fresh = new List<Audit.AuditEntry>(audit.Count);
        var maybeStored = new List<Audit.AuditEntry>();
        foreach (var a in audit)
        {
            if (a.TargetItem >= 0)
                a.Scope.Entry.Target = outcomes[a.TargetItem].MessageId;
            (a.TargetItem >= 0 && !outcomes[a.TargetItem].Duplicate ? fresh : maybeStored).Add(a.Scope.Entry);
        }

        var entries = _db.GetCollection<Audit.AuditEntry>(Audit.LiteDbAuditLog.Collection);
        if (fresh.Count > 0)
            entries.Insert(fresh);
        if (maybeStored.Count > 0)
            entries.Upsert(maybeStored);
        return true;
    }

    /// <summary>Tells the calls whose entries the durable commit wrote that they need not write them again.</summary>
    private static void MarkAuditWritten(IReadOnlyList<IntakeAudit> audit)
    {
        foreach (var a in audit)
            a.Scope.MarkWritten();
    }

    /// <summary>Refuses a write while the disk of the store has less free space than the reserve.</summary>
    private void EnsureSpace()
    {
        if (_minFreeBytes <= 0)
            return;
        long free;
        try
        {
            free = new DriveInfo(Path.GetDirectoryName(_path)!).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return;
        }

        if (free < _minFreeBytes)
        {
            throw new HubStoreUnavailableException(_path, diskFull: true,
                $"Запись в базу «{_path}» приостановлена: на диске осталось {free / 1048576.0:N2} МБ, меньше запаса {_minFreeBytes / 1048576} МБ (McuHub:MinFreeDiskSpaceMb). Ничего не изменено; после освобождения места запись продолжится.",
                null);
        }
    }

    /// <summary>Whether <paramref name="ex"/> says the disk (or the user's quota) is full: ENOSPC, EDQUOT, or Windows' disk-full codes.</summary>
    internal static bool IsDiskFull(IOException ex) =>
        ex.HResult is 28 or 122 or unchecked((int)0x80070070) or unchecked((int)0x80070027);

    private static HubStoreUnavailableException Unavailable(string path, IOException ex)
    {
        var full = Path.GetFullPath(path);
        return IsDiskFull(ex)
            ? new(full, diskFull: true, $"Файл базы «{full}» не создаётся: на диске нет места ({ex.Message}). Освободите место и запустите хаб снова.", ex)
            : new(full, diskFull: false, $"Файл базы «{full}» не открывается: {ex.Message} Вероятно, его держит другой процесс (второй экземпляр хаба, команда report) или нет прав на каталог. Файл не изменён; завершите тот процесс и запустите хаб снова.", ex);
    }

    /// <summary>
    /// Rolls back what the failed write left open and tells a full disk apart: the caller gets a clear error, nothing of
    /// the write is kept (LiteDB's log pages of an uncommitted transaction are discarded), and the next write tries again.
    /// </summary>
    private Exception Failed(Exception ex)
    {
        try
        {
            _db.Rollback();
        }
        catch (Exception rollback) when (rollback is IOException or LiteException or InvalidOperationException)
        {
            // The transaction may already be gone (the commit itself failed); the original error is the one to report.
        }

        try
        {
            // A commit may have reached the file before a later step failed: the next event numbers follow what is stored.
            _lastEventSequence = LastStoredSequence();
        }
        catch (Exception reread) when (reread is IOException or LiteException)
        {
        }

        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is IOException io && IsDiskFull(io))
                return new HubStoreUnavailableException(_path, diskFull: true, $"Запись в базу «{_path}» не выполнена: на диске нет места. Ничего не сохранено. LiteDB после такой ошибки закрывает файл: освободите место и перезапустите хаб (запас McuHub:MinFreeDiskSpaceMb предупреждает эту ситуацию).", ex);
        }

        return ex;
    }

    private long LastStoredSequence() => Math.Max(
        _events.Query().OrderByDescending("_id").Limit(1).FirstOrDefault()?.Sequence ?? 0,
        _eventPacks.Query().OrderByDescending("_id").Limit(1).FirstOrDefault()?.Last ?? 0);


    /// <summary>A period filter on an instant field: from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive); null bounds are open, and a missing value never matches.</summary>
    private static BsonExpression Between(string field, DateTimeOffset? from, DateTimeOffset? to) =>
        BsonExpression.Create($"$.{field} BETWEEN @0 AND @1", from?.UtcTicks ?? long.MinValue, to is { } end ? end.UtcTicks - 1 : long.MaxValue);

    /// <summary>Looks a message up through the unique source index: the key is computed by the index's own expression, so that an empty tenant (kept as null) gives the same key.</summary>
    private HubMessage? FindBySource(string tenant, string channel, string externalId) =>
        _messages.FindOne(BsonExpression.Create(SourceKeyExpression + " = @0", SourceKeyOf(tenant, channel, externalId)));

    /// <summary>
    /// The id of the message stored under a source, for the intake: it runs inside the write gate, so one parsed filter
    /// serves every lookup (parsing it per message cost the single writer a measurable share), and the stored document
    /// is not mapped to a message.
    /// </summary>
    private string? StoredIdBySource(string tenant, string channel, string externalId)
    {
        _intakeSourceLookup.Parameters["0"] = SourceKeyOf(tenant, channel, externalId);
        return _messageDocuments.FindOne(_intakeSourceLookup)?["_id"].AsString;
    }

    private static BsonValue SourceKeyOf(string tenant, string channel, string externalId) => SourceKey.ExecuteScalar(new BsonDocument
    {
        ["Tenant"] = tenant.Length == 0 ? BsonValue.Null : tenant,
        ["Channel"] = channel.Length == 0 ? BsonValue.Null : channel,
        ["ExternalId"] = externalId.Length == 0 ? BsonValue.Null : externalId,
    });

    /// <summary>
    /// Builds the message indexes a query needs and drops those that none needs, also in files written by an earlier
    /// version: each index costs every insert an index entry, and LiteDB picks an index by the filter's shape, not by
    /// how selective it is, so an index on a field with a handful of values (status, channel, tenant) makes a paged
    /// list load every matching message instead of walking <c>_id</c> until the page is full.
    /// </summary>
    /// <remarks>
    /// Kept: <c>_id</c> (paging, newest first), <c>ux_tenant_source</c> (dedup and <see cref="FindBySourceAsync(string, string, string, CancellationToken)"/>),
    /// <c>DueAt</c> (the escalation scan's deadline window, <see cref="MessageQuery.DueFrom"/>/<see cref="MessageQuery.DueBefore"/>),
    /// <c>RegisteredAt</c> (<see cref="MessageQuery.RegisteredFrom"/>/<see cref="MessageQuery.RegisteredTo"/>) and
    /// <c>recipients</c> (<see cref="MessageQuery.Recipient"/>, a department's list). Dropped: <c>ExternalId</c> (the unique
    /// source index answers the lookup), <c>Category</c> (the category filter is <c>Category OR Block</c>, which LiteDB
    /// cannot serve from an index), <c>Status</c>, <c>Channel</c> and <c>Tenant</c> (a few values each; see above).
    /// </remarks>
    private void EnsureMessageIndexes()
    {
        // A redelivery is the same (tenant, channel, external id): two municipalities may use the same API channel code.
        _messages.EnsureIndex("ux_tenant_source", SourceKeyExpression, unique: true);
        _messages.EnsureIndex(m => m.RegisteredAt);
        _messages.EnsureIndex(m => m.DueAt);
        _messages.EnsureIndex("recipients", "$.Recipients[*]", unique: false);
        foreach (var dropped in DroppedMessageIndexes)
            _messages.DropIndex(dropped);
    }

    /// <summary>
    /// Gives messages written before tenants existed (or under another default) the default tenant, once, before the
    /// unique source index that includes the tenant is built; the older index without it is dropped.
    /// </summary>
    private void AssignTenant(string defaultTenant)
    {
        // LiteDB keeps an empty string as null: in a hub with no tenant code, legacy and new messages look the same.
        // Without a tenant index the search reads every message, so it runs once per default tenant, not at every start.
        var settings = _db.GetCollection<CheckpointDocument>(Settings);
        if (defaultTenant.Length == 0 || settings.FindById(TenantAssignedSetting)?.Value == defaultTenant)
            return;
        var legacy = _messageDocuments.Find(LiteQuery.Eq("Tenant", BsonValue.Null)).ToList();
        using (_writeGate.Enter())
        {
            _db.BeginTrans();
            foreach (var message in legacy)
            {
                message["Tenant"] = defaultTenant;
                _messageDocuments.Update(message);
            }

            settings.Upsert(new CheckpointDocument { Channel = TenantAssignedSetting, Value = defaultTenant });
            _db.Commit();
            _db.Checkpoint();
        }
    }

    /// <summary>The document of a new message, with the intake's history entries in it (without their id and message id, which the message gives).</summary>
    private BsonDocument ToDocument(HubMessage message, IReadOnlyList<MessageHistoryEntry> history)
    {
        var document = _db.Mapper.ToDocument(message);
        if (history.Count > 0)
        {
            var entries = new BsonArray();
            foreach (var entry in history)
            {
                var e = _db.Mapper.ToDocument(entry);
                e.Remove("_id");
                e.Remove(nameof(MessageHistoryEntry.MessageId));
                entries.Add(e);
            }

            document[IntakeField] = entries;
        }

        return document;
    }

    /// <summary>The new document of a changed message: the typed mapping does not carry the intake's entries, so they are taken from the stored one.</summary>
    private BsonDocument Replacing(BsonDocument stored, HubMessage message)
    {
        var document = _db.Mapper.ToDocument(message);
        if (stored.TryGetValue(IntakeField, out var intake))
            document[IntakeField] = intake;
        return document;
    }

    private void AppendHistory(IReadOnlyList<MessageHistoryEntry> entries)
    {
        if (entries.Count > 0)
            _history.InsertBulk(entries);
    }

    private long AppendEvents(IReadOnlyList<HubEvent> events, long sequence, string? tenant)
    {
        foreach (var e in events)
        {
            e.Sequence = ++sequence;
            e.Tenant ??= tenant;
            _events.Insert(e);
        }

        return sequence;
    }
}

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

    private readonly LiteDatabase _db;
    private readonly ILiteCollection<HubMessage> _messages;
    private readonly ILiteCollection<MessageHistoryEntry> _history;
    private readonly ILiteCollection<HubEvent> _events;
    private readonly ILiteCollection<CheckpointDocument> _checkpoints;
    private readonly ILiteCollection<StoredRecord> _records;
    private readonly ILiteCollection<OutboxDelivery> _outbox;
    private readonly ILiteCollection<QuarantinedItem> _quarantine;
    private readonly Lock _writeLock = new();
    private long _lastEventSequence;

    /// <summary>Opens (or creates) the store file named by <see cref="McuHubOptions.DatabasePath"/>.</summary>
    /// <param name="options">The engine options.</param>
    public LiteDbHubStore(IOptions<McuHubOptions> options)
        : this(options.Value.DatabasePath, Tenants.TenantDirectory.DefaultOf(options.Value))
    {
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
    {
        ArgumentNullException.ThrowIfNull(defaultTenant);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
            System.IO.Directory.CreateDirectory(directory);

        _db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }, StoreMapper.Create());
        _messages = _db.GetCollection<HubMessage>(Messages);
        _history = _db.GetCollection<MessageHistoryEntry>(History);
        _events = _db.GetCollection<HubEvent>(Events);
        _checkpoints = _db.GetCollection<CheckpointDocument>(Checkpoints);
        _records = _db.GetCollection<StoredRecord>(Records);
        _outbox = _db.GetCollection<OutboxDelivery>(Outbox);
        _quarantine = _db.GetCollection<QuarantinedItem>(QuarantineCollection);

        AssignTenant(defaultTenant);
        _messages.EnsureIndex(m => m.ExternalId);
        // A redelivery is the same (tenant, channel, external id): two municipalities may use the same API channel code.
        _messages.EnsureIndex("ux_tenant_source", "$.Tenant + '|' + $.Channel + '|' + $.ExternalId", unique: true);
        _messages.EnsureIndex(m => m.Status);
        _messages.EnsureIndex(m => m.Channel);
        _messages.EnsureIndex(m => m.Category);
        _messages.EnsureIndex(m => m.RegisteredAt);
        _messages.EnsureIndex(m => m.DueAt);
        _messages.EnsureIndex("recipients", "$.Recipients[*]", unique: false);
        _history.EnsureIndex(h => h.MessageId);
        _quarantine.EnsureIndex(q => q.State);
        _outbox.EnsureIndex(d => d.State);
        _outbox.EnsureIndex(d => d.MessageId);
        _records.EnsureIndex(r => r.Type);
        _records.EnsureIndex(r => r.OccurredAt);

        _lastEventSequence = _events.Query().OrderByDescending("_id").Limit(1).FirstOrDefault()?.Sequence ?? 0;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<IntakeOutcome>> CommitIntakeAsync(IntakeBatch batch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writeLock)
        {
            var outcomes = new IntakeOutcome[batch.Items.Count];
            var inBatch = new Dictionary<string, string>(StringComparer.Ordinal);
            var sequence = _lastEventSequence;
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

                    var existing = FindBySource(message.Tenant, message.Channel, message.ExternalId);
                    if (existing is not null)
                    {
                        outcomes[i] = new(existing.Id, true);
                        inBatch[key] = existing.Id;
                        continue;
                    }

                    _messages.Insert(message);
                    AppendHistory(item.History);
                    sequence = AppendEvents(item.Events, sequence, message.Tenant);
                    inBatch[key] = message.Id;
                    outcomes[i] = new(message.Id, false);
                }

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

                _db.Commit();
            }
            catch
            {
                _db.Rollback();
                throw;
            }

            _db.Checkpoint();
            _lastEventSequence = sequence;
            return Task.FromResult<IReadOnlyList<IntakeOutcome>>(outcomes);
        }
    }

    /// <inheritdoc />
    public Task<bool> UpdateMessageAsync(HubMessage message, int expectedVersion, MessageUpdate update, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writeLock)
        {
            var sequence = _lastEventSequence;
            _db.BeginTrans();
            try
            {
                var stored = _messages.FindById(message.Id);
                if (stored is null || stored.Version != expectedVersion)
                {
                    _db.Rollback();
                    return Task.FromResult(false);
                }

                message.Version = expectedVersion + 1;
                _messages.Update(message);
                AppendHistory(update.History);
                sequence = AppendEvents(update.Events, sequence, message.Tenant);
                foreach (var delivery in update.Deliveries)
                    _outbox.Insert(delivery);
                _db.Commit();
            }
            catch
            {
                _db.Rollback();
                throw;
            }

            _db.Checkpoint();
            _lastEventSequence = sequence;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxDelivery>> GetDueDeliveriesAsync(string channel, DateTimeOffset now, int maxCount, CancellationToken cancellationToken)
    {
        var due = _outbox.Query()
            .Where(BsonExpression.Create("$.State IN @0", new BsonArray(new BsonValue(nameof(DeliveryState.Pending)), new BsonValue(nameof(DeliveryState.Sent)))))
            .Where(Query.EQ("Channel", channel))
            .Where(Query.LTE("NextAttemptAt", StoreMapper.ToBson(now)))
            .OrderBy("NextAttemptAt")
            .Limit(maxCount)
            .ToList();
        return Task.FromResult<IReadOnlyList<OutboxDelivery>>(due);
    }

    /// <inheritdoc />
    public Task SaveDeliveryAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writeLock)
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
            q = q.Where(Query.EQ("MessageId", messageId));
        return Task.FromResult<IReadOnlyList<OutboxDelivery>>(q.OrderBy("ChangedAt").Limit(maxCount).ToList());
    }

    /// <inheritdoc />
    public Task<OutboxDelivery?> GetDeliveryAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult<OutboxDelivery?>(_outbox.FindById(id));

    /// <inheritdoc />
    public Task<HubMessage?> GetMessageAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult<HubMessage?>(_messages.FindById(id));

    /// <inheritdoc />
    public Task<HubMessage?> FindBySourceAsync(string channel, string externalId, CancellationToken cancellationToken) =>
        Task.FromResult(_messages.Find(m => m.ExternalId == externalId).FirstOrDefault(m => m.Channel == channel));

    /// <inheritdoc />
    public Task<HubMessage?> FindBySourceAsync(string tenant, string channel, string externalId, CancellationToken cancellationToken) =>
        Task.FromResult(FindBySource(tenant, channel, externalId));

    /// <inheritdoc />
    public Task<MessagePage> ListMessagesAsync(MessageQuery query, CancellationToken cancellationToken)
    {
        var filters = new List<BsonExpression>();
        if (query.Tenants.Count > 0)
            filters.Add(BsonExpression.Create("$.Tenant IN @0", new BsonArray(query.Tenants.Select(t => t.Length == 0 ? BsonValue.Null : new BsonValue(t)))));
        if (query.Statuses.Count > 0)
            filters.Add(BsonExpression.Create("$.Status IN @0", new BsonArray(query.Statuses.Select(s => new BsonValue(s.ToString())))));
        if (query.Channel is not null)
            filters.Add(Query.EQ("Channel", query.Channel));
        if (query.Category is not null)
            filters.Add(Query.Or(Query.EQ("Category", query.Category), Query.EQ("Block", query.Category)));
        if (query.Recipient is not null)
            filters.Add(BsonExpression.Create("$.Recipients[*] ANY = @0", new BsonValue(query.Recipient)));
        if (query.RegisteredFrom is { } from)
            filters.Add(Query.GTE("RegisteredAt", StoreMapper.ToBson(from)));
        if (query.RegisteredTo is { } to)
            filters.Add(Query.LT("RegisteredAt", StoreMapper.ToBson(to)));
        if (query.DueBefore is { } dueBefore)
            filters.Add(Query.And(Query.Not("DueAt", BsonValue.Null), Query.LT("DueAt", StoreMapper.ToBson(dueBefore))));
        if (query.Cursor is not null)
            filters.Add(Query.LT("_id", query.Cursor));

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
    public Task<IReadOnlyList<MessageHistoryEntry>> GetHistoryAsync(string messageId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MessageHistoryEntry>>(_history.Find(h => h.MessageId == messageId).OrderBy(h => h.Id).ToList());

    /// <inheritdoc />
    public Task<string?> GetCheckpointAsync(string channel, CancellationToken cancellationToken) =>
        Task.FromResult(_checkpoints.FindById(channel)?.Value);

    /// <inheritdoc />
    public Task<IReadOnlyList<HubEvent>> ReadEventsAsync(long afterSequence, int maxCount, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<HubEvent>>(_events.Query().Where(Query.GT("_id", afterSequence)).OrderBy("_id").Limit(maxCount).ToList());

    /// <inheritdoc />
    public Task<long> AppendEventAsync(HubEvent hubEvent, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writeLock)
        {
            var sequence = AppendEvents([hubEvent], _lastEventSequence, hubEvent.Tenant);
            _db.Checkpoint();
            _lastEventSequence = sequence;
            return Task.FromResult(sequence);
        }
    }

    /// <inheritdoc />
    public Task<long> GetLastEventSequenceAsync(CancellationToken cancellationToken)
    {
        lock (_writeLock)
            return Task.FromResult(_lastEventSequence);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredRecord>> ListRecordsAsync(RecordQuery query, CancellationToken cancellationToken)
    {
        var q = _records.Query();
        if (query.Channel is not null)
            q = q.Where(Query.EQ("Channel", query.Channel));
        if (query.Type is not null)
            q = q.Where(Query.EQ("Type", query.Type));
        if (query.From is { } from)
            q = q.Where(Query.GTE("OccurredAt", StoreMapper.ToBson(from)));
        if (query.To is { } to)
            q = q.Where(Query.LT("OccurredAt", StoreMapper.ToBson(to)));
        return Task.FromResult<IReadOnlyList<StoredRecord>>(q.OrderBy("OccurredAt").Limit(query.Limit).ToList());
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<QuarantinedItem>> ListQuarantineAsync(QuarantineState? state, string? channel, int maxCount, CancellationToken cancellationToken)
    {
        var q = _quarantine.Query();
        if (state is { } s)
            q = q.Where(Query.EQ("State", s.ToString()));
        if (channel is not null)
            q = q.Where(Query.EQ("Channel", channel));
        return Task.FromResult<IReadOnlyList<QuarantinedItem>>(q.OrderBy("QuarantinedAt").Limit(maxCount).ToList());
    }

    /// <inheritdoc />
    public Task<QuarantinedItem?> GetQuarantinedAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult<QuarantinedItem?>(_quarantine.FindById(id));

    /// <inheritdoc />
    public Task SaveQuarantinedAsync(QuarantinedItem item, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writeLock)
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
        lock (_writeLock)
        {
            _db.GetCollection<CheckpointDocument>(Settings).Upsert(new CheckpointDocument { Channel = key, Value = value });
            _db.Checkpoint();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<long> CountMessagesAsync(CancellationToken cancellationToken) => Task.FromResult(_messages.LongCount());

    /// <inheritdoc />
    public void Dispose() => _db.Dispose();

    /// <summary>Gets the open database, for the engine's other LiteDB-backed stores that share this file.</summary>
    internal LiteDatabase Database => _db;

    /// <summary>Gets the lock every write to <see cref="Database"/> must hold (LiteDB binds a transaction to a thread).</summary>
    internal Lock WriteLock => _writeLock;

    private HubMessage? FindBySource(string tenant, string channel, string externalId) =>
        _messages.Find(m => m.ExternalId == externalId).FirstOrDefault(m => m.Channel == channel && m.Tenant == tenant);

    /// <summary>
    /// Gives messages written before tenants existed (or under another default) the default tenant, once, before the
    /// unique source index that includes the tenant is built; the older index without it is dropped.
    /// </summary>
    private void AssignTenant(string defaultTenant)
    {
        _messages.EnsureIndex(m => m.Tenant);
        // LiteDB keeps an empty string as null: in a hub with no tenant code, legacy and new messages look the same.
        var legacy = defaultTenant.Length > 0 ? _messages.Find(Query.EQ("Tenant", BsonValue.Null)).ToList() : [];
        if (legacy.Count > 0)
        {
            lock (_writeLock)
            {
                _db.BeginTrans();
                foreach (var message in legacy)
                {
                    message.Tenant = defaultTenant;
                    _messages.Update(message);
                }

                _db.Commit();
            }
        }

        _messages.DropIndex("ux_source");
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

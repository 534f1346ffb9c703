using MCU.Hub.Events;
using MCU.Hub.Messages;
using MCU.Hub.Outbox;
using MCU.Hub.Quarantine;
using MCU.Hub.Records;
using MCU.Hub.Storage.PostgreSql.Internal;
using Npgsql;
using NpgsqlTypes;

namespace MCU.Hub.Storage.PostgreSql;

/// <summary>
/// The hub store in a PostgreSQL database, shared by any number of hub instances: documents as jsonb with the columns
/// the engine filters by, dedup by a unique (tenant, channel, external id) constraint, events numbered without gaps.
/// </summary>
/// <remarks>
/// Every write is one transaction, durable when its task completes (PostgreSQL's commit with the server's
/// <c>synchronous_commit</c>, on by default). Event sequence numbers come from a one-row counter whose row lock a writer
/// holds until it commits, so numbers become visible in order and a rolled-back write leaves no gap. Each write that
/// appends events sends <c>NOTIFY mcuhub_events</c> on commit, so other instances wake their subscribers.
/// </remarks>
public sealed class PostgreSqlHubStore : IHubStore, IBulkMessageReader, IDisposable, IAsyncDisposable
{
    /// <summary>The notification channel of new events.</summary>
    public const string EventsChannel = "mcuhub_events";

    private const string MessageColumns = "id, tenant, channel, external_id, status, block, category, territory, registered_at, due_at, version, doc";

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;

    /// <summary>Opens the store on a data source; the schema must be current (<see cref="PostgreSqlMigrator"/>).</summary>
    /// <param name="dataSource">The database.</param>
    public PostgreSqlHubStore(NpgsqlDataSource dataSource)
        : this(dataSource, ownsDataSource: false)
    {
    }

    /// <summary>Opens the store on a data source, disposing it with the store when <paramref name="ownsDataSource"/> is set.</summary>
    internal PostgreSqlHubStore(NpgsqlDataSource dataSource, bool ownsDataSource)
    {
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
    }

    /// <summary>Gets the database, for the other stores of the hub that live in it.</summary>
    public NpgsqlDataSource DataSource => _dataSource;

    /// <summary>Migrates the database and opens the store on it.</summary>
    /// <param name="connectionString">The connection string.</param>
    /// <returns>The store, owning its data source.</returns>
    public static PostgreSqlHubStore Open(string connectionString)
    {
        PostgreSqlMigrator.MigrateAsync(connectionString, CancellationToken.None).GetAwaiter().GetResult();
        return new PostgreSqlHubStore(NpgsqlDataSource.Create(connectionString), ownsDataSource: true);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IntakeOutcome>> CommitIntakeAsync(IntakeBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await CommitIntakeOnceAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure && attempt < 3)
            {
                // Rolled back as a whole; two instances writing the same sources at once. Try again.
            }
        }
    }

    private async Task<IReadOnlyList<IntakeOutcome>> CommitIntakeOnceAsync(IntakeBatch batch, CancellationToken cancellationToken)
    {
        var outcomes = new IntakeOutcome[batch.Items.Count];
        var firstOf = new Dictionary<(string, string, string), int>();
        var candidates = new List<int>();
        for (var i = 0; i < batch.Items.Count; i++)
        {
            var m = batch.Items[i].Message;
            if (firstOf.TryAdd((m.Tenant, m.Channel, m.ExternalId), i))
                candidates.Add(i);
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        if (candidates.Count > 0)
        {
            await using (var insert = new NpgsqlCommand($"""
                INSERT INTO messages ({MessageColumns})
                SELECT * FROM unnest(@id, @tenant, @channel, @external, @status, @block, @category, @territory, @registered, @due, @version, @doc)
                ON CONFLICT (tenant, channel, external_id) DO NOTHING
                RETURNING id
                """, connection, tx))
            {
                // In key order, so two writers of overlapping sources take the unique index's locks in the same order.
                AddMessageArrays(insert, [.. candidates.Select(i => batch.Items[i].Message)
                    .OrderBy(m => m.Tenant, StringComparer.Ordinal).ThenBy(m => m.Channel, StringComparer.Ordinal).ThenBy(m => m.ExternalId, StringComparer.Ordinal)]);
                await using var reader = await insert.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
                while (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false))
                    inserted.Add(reader.GetString(0));
            }

            var existing = new Dictionary<(string, string, string), string>();
            var duplicates = candidates.Where(i => !inserted.Contains(batch.Items[i].Message.Id)).Select(i => batch.Items[i].Message).ToList();
            if (duplicates.Count > 0)
            {
                await using var find = new NpgsqlCommand("""
                    SELECT m.id, m.tenant, m.channel, m.external_id FROM messages m
                    JOIN unnest(@tenant, @channel, @external) AS k(tenant, channel, external_id)
                      ON m.tenant = k.tenant AND m.channel = k.channel AND m.external_id = k.external_id
                    """, connection, tx);
                find.Parameters.AddWithValue("tenant", duplicates.Select(m => m.Tenant).ToArray());
                find.Parameters.AddWithValue("channel", duplicates.Select(m => m.Channel).ToArray());
                find.Parameters.AddWithValue("external", duplicates.Select(m => m.ExternalId).ToArray());
                await using var reader = await find.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
                while (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false))
                    existing[(reader.GetString(1), reader.GetString(2), reader.GetString(3))] = reader.GetString(0);
            }

            for (var i = 0; i < batch.Items.Count; i++)
            {
                var m = batch.Items[i].Message;
                var key = (m.Tenant, m.Channel, m.ExternalId);
                var first = firstOf[key];
                if (first == i && inserted.Contains(m.Id))
                    outcomes[i] = new(m.Id, false);
                else
                    outcomes[i] = new(first == i || !inserted.Contains(batch.Items[first].Message.Id) ? existing[key] : batch.Items[first].Message.Id, true);
            }
        }

        var fresh = candidates.Where(i => inserted.Contains(batch.Items[i].Message.Id)).Select(i => batch.Items[i]).ToList();
        await AppendHistoryAsync(connection, tx, fresh.SelectMany(item => item.History).ToList()).ConfigureAwait(false);

        foreach (var record in batch.Records)
        {
            await using var upsert = new NpgsqlCommand("""
                INSERT INTO records (id, channel, type, occurred_at, doc) VALUES (@id, @channel, @type, @at, @doc)
                ON CONFLICT (id) DO UPDATE SET channel = excluded.channel, type = excluded.type, occurred_at = excluded.occurred_at, doc = excluded.doc
                WHERE records.occurred_at < excluded.occurred_at
                """, connection, tx);
            upsert.Parameters.AddWithValue("id", record.Id);
            upsert.Parameters.AddWithValue("channel", record.Channel);
            upsert.Parameters.AddWithValue("type", record.Type);
            upsert.Parameters.AddWithValue("at", StoreJson.Ticks(record.OccurredAt));
            upsert.Parameters.AddWithValue("doc", NpgsqlDbType.Jsonb, StoreJson.Serialize(record));
            await upsert.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }

        foreach (var held in batch.Quarantine)
        {
            await using var insert = new NpgsqlCommand(QuarantineUpsert(onConflictUpdate: false), connection, tx);
            AddQuarantine(insert, held);
            await insert.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }

        foreach (var (channel, checkpoint) in batch.Checkpoints)
        {
            await using var upsert = new NpgsqlCommand(
                "INSERT INTO checkpoints (channel, value) VALUES (@c, @v) ON CONFLICT (channel) DO UPDATE SET value = excluded.value", connection, tx);
            upsert.Parameters.AddWithValue("c", channel);
            upsert.Parameters.AddWithValue("v", (object?)checkpoint ?? DBNull.Value);
            await upsert.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }

        // Last: the counter's row lock is held until the commit, so it is held as briefly as possible.
        await AppendEventsAsync(connection, tx, fresh.SelectMany(item => item.Events.Select(e => (e, (string?)item.Message.Tenant))).ToList()).ConfigureAwait(false);
        await tx.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return outcomes;
    }

    /// <inheritdoc />
    public async Task<bool> UpdateMessageAsync(HubMessage message, int expectedVersion, MessageUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(update);
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
        var previous = message.Version;
        message.Version = expectedVersion + 1;
        int changed;
        await using (var command = new NpgsqlCommand("""
            UPDATE messages SET tenant = @tenant, channel = @channel, external_id = @external, status = @status, block = @block,
                category = @category, territory = @territory, registered_at = @registered, due_at = @due, version = @version, doc = @doc
            WHERE id = @id AND version = @expected
            """, connection, tx))
        {
            AddMessage(command, message);
            command.Parameters.AddWithValue("expected", expectedVersion);
            changed = await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }

        if (changed == 0)
        {
            message.Version = previous;
            await tx.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            return false;
        }

        await AppendHistoryAsync(connection, tx, update.History).ConfigureAwait(false);
        foreach (var delivery in update.Deliveries)
        {
            await using var insert = new NpgsqlCommand(DeliveryUpsert, connection, tx);
            AddDelivery(insert, delivery);
            await insert.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await AppendEventsAsync(connection, tx, [.. update.Events.Select(e => (e, (string?)message.Tenant))]).ConfigureAwait(false);
        await tx.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OutboxDelivery>> GetDueDeliveriesAsync(string channel, DateTimeOffset now, int maxCount, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT doc FROM outbox WHERE channel = @channel AND state IN ('Pending', 'Sent') AND next_attempt_at <= @now
            ORDER BY next_attempt_at LIMIT @max
            """);
        command.Parameters.AddWithValue("channel", channel);
        command.Parameters.AddWithValue("now", StoreJson.Ticks(now));
        command.Parameters.AddWithValue("max", maxCount);
        return await ReadDocsAsync<OutboxDelivery>(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SaveDeliveryAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        cancellationToken.ThrowIfCancellationRequested();
        await using var command = _dataSource.CreateCommand(DeliveryUpsert);
        AddDelivery(command, delivery);
        await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OutboxDelivery>> ListDeliveriesAsync(IReadOnlyList<DeliveryState> states, string? messageId, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(states);
        await using var command = _dataSource.CreateCommand("""
            SELECT doc FROM outbox WHERE (cardinality(@states) = 0 OR state = ANY(@states)) AND (@message::text IS NULL OR message_id = @message)
            ORDER BY changed_at LIMIT @max
            """);
        command.Parameters.AddWithValue("states", states.Select(s => s.ToString()).ToArray());
        command.Parameters.AddWithValue("message", NpgsqlDbType.Text, (object?)messageId ?? DBNull.Value);
        command.Parameters.AddWithValue("max", maxCount);
        return await ReadDocsAsync<OutboxDelivery>(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<OutboxDelivery?> GetDeliveryAsync(string id, CancellationToken cancellationToken) =>
        ReadOneAsync<OutboxDelivery>("SELECT doc FROM outbox WHERE id = @id", id, cancellationToken);

    /// <inheritdoc />
    public Task<HubMessage?> GetMessageAsync(string id, CancellationToken cancellationToken) =>
        ReadOneAsync<HubMessage>("SELECT doc FROM messages WHERE id = @id", id, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<HubMessage>> GetMessagesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
            return [];
        await using var command = _dataSource.CreateCommand("SELECT doc FROM messages WHERE id = ANY(@ids)");
        command.Parameters.AddWithValue("ids", ids.ToArray());
        return await ReadDocsAsync<HubMessage>(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<HubMessage> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // One streamed query rather than pages. Cutting the large fields out in SQL (jsonb_build_object or the '-'
        // operator) was measured slower than sending the whole document: the server's jsonb work costs more than the
        // bytes it saves.
        await using var command = _dataSource.CreateCommand("SELECT doc FROM messages");
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            yield return StoreJson.Deserialize<HubMessage>(reader.GetString(0));
    }

    /// <inheritdoc />
    public async Task<HubMessage?> FindBySourceAsync(string channel, string externalId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT doc FROM messages WHERE external_id = @external AND channel = @channel ORDER BY id LIMIT 1");
        command.Parameters.AddWithValue("channel", channel);
        command.Parameters.AddWithValue("external", externalId);
        return (await ReadDocsAsync<HubMessage>(command, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    /// <inheritdoc />
    public async Task<HubMessage?> FindBySourceAsync(string tenant, string channel, string externalId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT doc FROM messages WHERE tenant = @tenant AND channel = @channel AND external_id = @external");
        command.Parameters.AddWithValue("tenant", tenant ?? "");
        command.Parameters.AddWithValue("channel", channel);
        command.Parameters.AddWithValue("external", externalId);
        return (await ReadDocsAsync<HubMessage>(command, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    /// <inheritdoc />
    public async Task<MessagePage> ListMessagesAsync(MessageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = new List<string>();
        await using var command = _dataSource.CreateCommand();
        if (query.Tenants.Count > 0)
        {
            where.Add("tenant = ANY(@tenants)");
            command.Parameters.AddWithValue("tenants", query.Tenants.ToArray());
        }

        if (query.Statuses.Count > 0)
        {
            where.Add("status = ANY(@statuses)");
            command.Parameters.AddWithValue("statuses", query.Statuses.Select(s => s.ToString()).ToArray());
        }

        if (query.Channel is not null)
        {
            where.Add("channel = @channel");
            command.Parameters.AddWithValue("channel", query.Channel);
        }

        if (query.Category is not null)
        {
            where.Add("(category = @category OR block = @category)");
            command.Parameters.AddWithValue("category", query.Category);
        }

        if (query.Recipient is not null)
        {
            where.Add("doc -> 'Recipients' ? @recipient");
            command.Parameters.AddWithValue("recipient", query.Recipient);
        }

        if (query.RegisteredFrom is { } from)
        {
            where.Add("registered_at >= @from");
            command.Parameters.AddWithValue("from", StoreJson.Ticks(from));
        }

        if (query.RegisteredTo is { } to)
        {
            where.Add("registered_at < @to");
            command.Parameters.AddWithValue("to", StoreJson.Ticks(to));
        }

        if (query.DueFrom is { } dueFrom)
        {
            where.Add("due_at >= @dueFrom");
            command.Parameters.AddWithValue("dueFrom", StoreJson.Ticks(dueFrom));
        }

        if (query.DueBefore is { } dueBefore)
        {
            where.Add("due_at IS NOT NULL AND due_at < @dueBefore");
            command.Parameters.AddWithValue("dueBefore", StoreJson.Ticks(dueBefore));
        }

        if (query.Cursor is not null)
        {
            where.Add("id < @cursor");
            command.Parameters.AddWithValue("cursor", query.Cursor);
        }

        command.CommandText = "SELECT doc FROM messages" + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") + " ORDER BY id DESC LIMIT @limit";
        command.Parameters.AddWithValue("limit", query.PageSize + 1);
        var items = await ReadDocsAsync<HubMessage>(command, cancellationToken).ConfigureAwait(false);
        string? next = null;
        if (items.Count > query.PageSize)
        {
            items.RemoveAt(items.Count - 1);
            next = items[^1].Id;
        }

        return new MessagePage(items, next);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MessageHistoryEntry>> GetHistoryAsync(string messageId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT id, doc FROM history WHERE message_id = @id ORDER BY id");
        command.Parameters.AddWithValue("id", messageId);
        var entries = new List<MessageHistoryEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var entry = StoreJson.Deserialize<MessageHistoryEntry>(reader.GetString(1));
            entry.Id = reader.GetInt64(0);
            entries.Add(entry);
        }

        return entries;
    }

    /// <inheritdoc />
    public async Task<string?> GetCheckpointAsync(string channel, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT value FROM checkpoints WHERE channel = @c");
        command.Parameters.AddWithValue("c", channel);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<HubEvent>> ReadEventsAsync(long afterSequence, int maxCount, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT doc FROM events WHERE sequence > @after ORDER BY sequence LIMIT @max");
        command.Parameters.AddWithValue("after", afterSequence);
        command.Parameters.AddWithValue("max", maxCount);
        return await ReadDocsAsync<HubEvent>(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long> AppendEventAsync(HubEvent hubEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hubEvent);
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
        await AppendEventsAsync(connection, tx, [(hubEvent, hubEvent.Tenant)]).ConfigureAwait(false);
        await tx.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return hubEvent.Sequence;
    }

    /// <inheritdoc />
    public async Task<long> GetLastEventSequenceAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT last FROM event_counter WHERE id = 1");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredRecord>> ListRecordsAsync(RecordQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = _dataSource.CreateCommand("""
            SELECT doc FROM records
            WHERE (@channel::text IS NULL OR channel = @channel) AND (@type::text IS NULL OR type = @type)
              AND (@from::bigint IS NULL OR occurred_at >= @from) AND (@to::bigint IS NULL OR occurred_at < @to)
            ORDER BY occurred_at LIMIT @limit
            """);
        command.Parameters.AddWithValue("channel", NpgsqlDbType.Text, (object?)query.Channel ?? DBNull.Value);
        command.Parameters.AddWithValue("type", NpgsqlDbType.Text, (object?)query.Type ?? DBNull.Value);
        command.Parameters.AddWithValue("from", NpgsqlDbType.Bigint, query.From is { } f ? StoreJson.Ticks(f) : DBNull.Value);
        command.Parameters.AddWithValue("to", NpgsqlDbType.Bigint, query.To is { } t ? StoreJson.Ticks(t) : DBNull.Value);
        command.Parameters.AddWithValue("limit", query.Limit);
        return await ReadDocsAsync<StoredRecord>(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<QuarantinedItem>> ListQuarantineAsync(QuarantineState? state, string? channel, int maxCount, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT doc FROM quarantine WHERE (@state::text IS NULL OR state = @state) AND (@channel::text IS NULL OR channel = @channel)
            ORDER BY quarantined_at LIMIT @max
            """);
        command.Parameters.AddWithValue("state", NpgsqlDbType.Text, state is { } s ? s.ToString() : DBNull.Value);
        command.Parameters.AddWithValue("channel", NpgsqlDbType.Text, (object?)channel ?? DBNull.Value);
        command.Parameters.AddWithValue("max", maxCount);
        return await ReadDocsAsync<QuarantinedItem>(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<QuarantinedItem?> GetQuarantinedAsync(string id, CancellationToken cancellationToken) =>
        ReadOneAsync<QuarantinedItem>("SELECT doc FROM quarantine WHERE id = @id", id, cancellationToken);

    /// <inheritdoc />
    public async Task SaveQuarantinedAsync(QuarantinedItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        cancellationToken.ThrowIfCancellationRequested();
        await using var command = _dataSource.CreateCommand(QuarantineUpsert(onConflictUpdate: true));
        AddQuarantine(command, item);
        await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<string?> GetSettingAsync(string key, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT value FROM settings WHERE key = @k");
        command.Parameters.AddWithValue("k", key);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    /// <inheritdoc />
    public async Task SetSettingAsync(string key, string value, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var command = _dataSource.CreateCommand("INSERT INTO settings (key, value) VALUES (@k, @v) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        command.Parameters.AddWithValue("k", key);
        command.Parameters.AddWithValue("v", value);
        await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long> CountMessagesAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT count(*) FROM messages");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsDataSource)
            _dataSource.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_ownsDataSource)
            await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private const string DeliveryUpsert = """
        INSERT INTO outbox (id, message_id, channel, state, next_attempt_at, changed_at, doc) VALUES (@id, @message, @channel, @state, @next, @changed, @doc)
        ON CONFLICT (id) DO UPDATE SET message_id = excluded.message_id, channel = excluded.channel, state = excluded.state,
            next_attempt_at = excluded.next_attempt_at, changed_at = excluded.changed_at, doc = excluded.doc
        """;

    private static string QuarantineUpsert(bool onConflictUpdate) => """
        INSERT INTO quarantine (id, channel, state, quarantined_at, doc) VALUES (@id, @channel, @state, @at, @doc)
        ON CONFLICT (id) DO
        """ + (onConflictUpdate
            ? " UPDATE SET channel = excluded.channel, state = excluded.state, quarantined_at = excluded.quarantined_at, doc = excluded.doc"
            : " NOTHING");

    private static void AddDelivery(NpgsqlCommand command, OutboxDelivery delivery)
    {
        command.Parameters.AddWithValue("id", delivery.Id);
        command.Parameters.AddWithValue("message", delivery.MessageId);
        command.Parameters.AddWithValue("channel", delivery.Channel);
        command.Parameters.AddWithValue("state", delivery.State.ToString());
        command.Parameters.AddWithValue("next", StoreJson.Ticks(delivery.NextAttemptAt));
        command.Parameters.AddWithValue("changed", StoreJson.Ticks(delivery.ChangedAt));
        command.Parameters.AddWithValue("doc", NpgsqlDbType.Jsonb, StoreJson.Serialize(delivery));
    }

    private static void AddQuarantine(NpgsqlCommand command, QuarantinedItem item)
    {
        command.Parameters.AddWithValue("id", item.Id);
        command.Parameters.AddWithValue("channel", item.Channel);
        command.Parameters.AddWithValue("state", item.State.ToString());
        command.Parameters.AddWithValue("at", StoreJson.Ticks(item.QuarantinedAt));
        command.Parameters.AddWithValue("doc", NpgsqlDbType.Jsonb, StoreJson.Serialize(item));
    }

    private static void AddMessage(NpgsqlCommand command, HubMessage m)
    {
        command.Parameters.AddWithValue("id", m.Id);
        command.Parameters.AddWithValue("tenant", m.Tenant);
        command.Parameters.AddWithValue("channel", m.Channel);
        command.Parameters.AddWithValue("external", m.ExternalId);
        command.Parameters.AddWithValue("status", m.Status.ToString());
        command.Parameters.AddWithValue("block", NpgsqlDbType.Text, (object?)m.Block ?? DBNull.Value);
        command.Parameters.AddWithValue("category", NpgsqlDbType.Text, (object?)m.Category ?? DBNull.Value);
        command.Parameters.AddWithValue("territory", NpgsqlDbType.Text, (object?)m.Territory ?? DBNull.Value);
        command.Parameters.AddWithValue("registered", StoreJson.Ticks(m.RegisteredAt));
        command.Parameters.AddWithValue("due", NpgsqlDbType.Bigint, m.DueAt is { } due ? StoreJson.Ticks(due) : DBNull.Value);
        command.Parameters.AddWithValue("version", m.Version);
        command.Parameters.AddWithValue("doc", NpgsqlDbType.Jsonb, StoreJson.Serialize(m));
    }

    private static void AddMessageArrays(NpgsqlCommand command, List<HubMessage> messages)
    {
        command.Parameters.AddWithValue("id", messages.Select(m => m.Id).ToArray());
        command.Parameters.AddWithValue("tenant", messages.Select(m => m.Tenant).ToArray());
        command.Parameters.AddWithValue("channel", messages.Select(m => m.Channel).ToArray());
        command.Parameters.AddWithValue("external", messages.Select(m => m.ExternalId).ToArray());
        command.Parameters.AddWithValue("status", messages.Select(m => m.Status.ToString()).ToArray());
        command.Parameters.AddWithValue("block", NpgsqlDbType.Array | NpgsqlDbType.Text, messages.Select(m => m.Block).ToArray());
        command.Parameters.AddWithValue("category", NpgsqlDbType.Array | NpgsqlDbType.Text, messages.Select(m => m.Category).ToArray());
        command.Parameters.AddWithValue("territory", NpgsqlDbType.Array | NpgsqlDbType.Text, messages.Select(m => m.Territory).ToArray());
        command.Parameters.AddWithValue("registered", messages.Select(m => StoreJson.Ticks(m.RegisteredAt)).ToArray());
        command.Parameters.AddWithValue("due", NpgsqlDbType.Array | NpgsqlDbType.Bigint, messages.Select(m => m.DueAt is { } d ? StoreJson.Ticks(d) : (long?)null).ToArray());
        command.Parameters.AddWithValue("version", messages.Select(m => m.Version).ToArray());
        command.Parameters.AddWithValue("doc", NpgsqlDbType.Array | NpgsqlDbType.Jsonb, messages.Select(StoreJson.Serialize).ToArray());
    }

    private static async Task AppendHistoryAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<MessageHistoryEntry> entries)
    {
        if (entries.Count == 0)
            return;
        await using var command = new NpgsqlCommand("""
            INSERT INTO history (message_id, doc)
            SELECT message_id, doc FROM unnest(@message, @doc) WITH ORDINALITY AS h(message_id, doc, n) ORDER BY n
            RETURNING id
            """, connection, tx);
        command.Parameters.AddWithValue("message", entries.Select(e => e.MessageId).ToArray());
        command.Parameters.AddWithValue("doc", NpgsqlDbType.Array | NpgsqlDbType.Jsonb, entries.Select(StoreJson.Serialize).ToArray());
        var ids = new List<long>(entries.Count);
        await using var reader = await command.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
        while (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false))
            ids.Add(reader.GetInt64(0));
        ids.Sort();
        for (var i = 0; i < entries.Count && i < ids.Count; i++)
            entries[i].Id = ids[i];
    }

    /// <summary>Numbers the events from the counter (whose row lock is then held until the commit) and writes them.</summary>
    private static async Task AppendEventsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, List<(HubEvent Event, string? Tenant)> events)
    {
        if (events.Count == 0)
            return;
        long last;
        await using (var counter = new NpgsqlCommand("UPDATE event_counter SET last = last + @n WHERE id = 1 RETURNING last", connection, tx))
        {
            counter.Parameters.AddWithValue("n", (long)events.Count);
            last = (long)(await counter.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false))!;
        }

        var sequence = last - events.Count;
        foreach (var (e, tenant) in events)
        {
            e.Sequence = ++sequence;
            e.Tenant ??= tenant;
        }

        await using var insert = new NpgsqlCommand("""
            INSERT INTO events (sequence, doc) SELECT * FROM unnest(@sequence, @doc);
            SELECT pg_notify('mcuhub_events', @last::text);
            """, connection, tx);
        insert.Parameters.AddWithValue("sequence", events.Select(e => e.Event.Sequence).ToArray());
        insert.Parameters.AddWithValue("doc", NpgsqlDbType.Array | NpgsqlDbType.Jsonb, events.Select(e => StoreJson.Serialize(e.Event)).ToArray());
        insert.Parameters.AddWithValue("last", last);
        await insert.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private async Task<T?> ReadOneAsync<T>(string sql, string id, CancellationToken cancellationToken)
        where T : class
    {
        await using var command = _dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", id);
        return (await ReadDocsAsync<T>(command, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    private static async Task<List<T>> ReadDocsAsync<T>(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            list.Add(StoreJson.Deserialize<T>(reader.GetString(0)));
        return list;
    }
}

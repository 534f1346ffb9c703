using MCU.Hub.Audit;
using MCU.Hub.Kpi;
using MCU.Hub.Reports;
using MCU.Hub.Storage.PostgreSql.Internal;
using Npgsql;
using NpgsqlTypes;

namespace MCU.Hub.Storage.PostgreSql;

/// <summary>Generated reports in the <c>reports</c> table, their files in <c>report_files</c>, written in one transaction.</summary>
public sealed class PostgreSqlReportStore : IReportStore
{
    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Creates the store.</summary>
    /// <param name="store">The hub store whose database keeps the reports.</param>
    public PostgreSqlReportStore(PostgreSqlHubStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _dataSource = store.DataSource;
    }

    /// <inheritdoc />
    public async Task SaveAsync(StoredReport report, IReadOnlyDictionary<string, byte[]> contents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(contents);
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
        await using (var upsert = new NpgsqlCommand("""
            INSERT INTO reports (id, kind, period, doc) VALUES (@id, @kind, @period, @doc)
            ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, period = excluded.period, doc = excluded.doc
            """, connection, tx))
        {
            upsert.Parameters.AddWithValue("id", report.Id);
            upsert.Parameters.AddWithValue("kind", report.Kind.ToString());
            upsert.Parameters.AddWithValue("period", report.Period);
            upsert.Parameters.AddWithValue("doc", NpgsqlDbType.Jsonb, StoreJson.Serialize(report));
            await upsert.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }

        foreach (var file in report.Files)
        {
            await using var insert = new NpgsqlCommand("""
                INSERT INTO report_files (report_id, format, content) VALUES (@id, @format, @content)
                ON CONFLICT (report_id, format) DO UPDATE SET content = excluded.content
                """, connection, tx);
            insert.Parameters.AddWithValue("id", report.Id);
            insert.Parameters.AddWithValue("format", file.Format);
            insert.Parameters.AddWithValue("content", contents[file.Format]);
            await insert.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await tx.CommitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredReport>> ListAsync(ReportKind? kind, string? period, int maxCount, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT doc FROM reports WHERE (@kind::text IS NULL OR kind = @kind) AND (@period::text IS NULL OR period = @period)
            ORDER BY id DESC LIMIT @max
            """);
        command.Parameters.AddWithValue("kind", NpgsqlDbType.Text, kind is { } k ? k.ToString() : DBNull.Value);
        command.Parameters.AddWithValue("period", NpgsqlDbType.Text, (object?)period ?? DBNull.Value);
        command.Parameters.AddWithValue("max", maxCount);
        return await Docs.ReadAsync<StoredReport>(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<StoredReport?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT doc FROM reports WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        return (await Docs.ReadAsync<StoredReport>(command, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    /// <inheritdoc />
    public async Task<byte[]?> GetContentAsync(string id, string format, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT content FROM report_files WHERE report_id = @id AND format = @format");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("format", format);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[];
    }
}

/// <summary>Daily backlog snapshots in the <c>backlog_snapshots</c> table.</summary>
public sealed class PostgreSqlBacklogSnapshotStore : IBacklogSnapshotStore
{
    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Creates the store.</summary>
    /// <param name="store">The hub store whose database keeps the snapshots.</param>
    public PostgreSqlBacklogSnapshotStore(PostgreSqlHubStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _dataSource = store.DataSource;
    }

    /// <inheritdoc />
    public async Task<BacklogSnapshot?> GetAsync(DateOnly date, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT doc FROM backlog_snapshots WHERE id = @id");
        command.Parameters.AddWithValue("id", date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return (await Docs.ReadAsync<BacklogSnapshot>(command, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    /// <inheritdoc />
    public async Task<DateOnly?> GetLatestDateAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT max(id) FROM backlog_snapshots");
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string id
            ? DateOnly.ParseExact(id, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }

    /// <inheritdoc />
    public async Task SaveAsync(BacklogSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        cancellationToken.ThrowIfCancellationRequested();
        await using var command = _dataSource.CreateCommand("INSERT INTO backlog_snapshots (id, doc) VALUES (@id, @doc) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc");
        command.Parameters.AddWithValue("id", snapshot.Id);
        command.Parameters.AddWithValue("doc", NpgsqlDbType.Jsonb, StoreJson.Serialize(snapshot));
        await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }
}

/// <summary>The audit log in the <c>audit</c> table.</summary>
public sealed class PostgreSqlAuditLog : IAuditLog
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;

    /// <summary>Creates the log.</summary>
    /// <param name="store">The hub store whose database keeps the log.</param>
    /// <param name="time">The clock, for the time-ordered ids.</param>
    public PostgreSqlAuditLog(PostgreSqlHubStore store, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        _dataSource = store.DataSource;
        _time = time;
    }

    /// <inheritdoc />
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        if (entry.Id.Length == 0)
            entry.Id = Guid.CreateVersion7(_time.GetUtcNow()).ToString("N");
        await using var command = _dataSource.CreateCommand("INSERT INTO audit (id, tenant, doc) VALUES (@id, @tenant, @doc)");
        command.Parameters.AddWithValue("id", entry.Id);
        command.Parameters.AddWithValue("tenant", entry.Tenant);
        command.Parameters.AddWithValue("doc", NpgsqlDbType.Jsonb, StoreJson.Serialize(entry));
        await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(IReadOnlyCollection<string> tenants, string? before, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        await using var command = _dataSource.CreateCommand("""
            SELECT doc FROM audit WHERE (cardinality(@tenants) = 0 OR tenant = ANY(@tenants)) AND (@before::text IS NULL OR id < @before)
            ORDER BY id DESC LIMIT @max
            """);
        command.Parameters.AddWithValue("tenants", tenants.ToArray());
        command.Parameters.AddWithValue("before", NpgsqlDbType.Text, (object?)before ?? DBNull.Value);
        command.Parameters.AddWithValue("max", maxCount);
        return await Docs.ReadAsync<AuditEntry>(command, cancellationToken).ConfigureAwait(false);
    }
}

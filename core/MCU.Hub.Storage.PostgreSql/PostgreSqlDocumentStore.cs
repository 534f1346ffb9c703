using MCU.Hub.Storage;
using MCU.Hub.Storage.Internal;
using Npgsql;
using NpgsqlTypes;

namespace MCU.Hub.Storage.PostgreSql;

/// <summary>Working-cycle documents in the <c>documents</c> table, with optimistic concurrency on their version.</summary>
public sealed class PostgreSqlDocumentStore : IDocumentStore
{
    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Creates the store.</summary>
    /// <param name="store">The hub store whose database keeps the documents.</param>
    public PostgreSqlDocumentStore(PostgreSqlHubStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _dataSource = store.DataSource;
    }

    /// <inheritdoc />
    public async Task<T?> GetAsync<T>(string id, CancellationToken cancellationToken) where T : class, IStoredDocument
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var command = _dataSource.CreateCommand("SELECT body::text, version FROM documents WHERE collection = @c AND id = @id");
        command.Parameters.AddWithValue("c", DocumentJson.CollectionOf<T>());
        command.Parameters.AddWithValue("id", id);
        var list = await ReadAsync<T>(command, cancellationToken).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    /// <inheritdoc />
    public async Task<bool> SaveAsync<T>(T document, CancellationToken cancellationToken) where T : class, IStoredDocument
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentException.ThrowIfNullOrEmpty(document.Id);
        var expected = document.Version;
        document.Version = expected + 1;
        try
        {
            // Version 0 inserts (a concurrent insert makes it a no-op); later versions update only the version read.
            await using var command = _dataSource.CreateCommand(expected == 0
                ? """
                  INSERT INTO documents (collection, id, tenant, key, version, body) VALUES (@c, @id, @tenant, @key, @version, @body)
                  ON CONFLICT (collection, id) DO NOTHING
                  """
                : """
                  UPDATE documents SET tenant = @tenant, key = @key, version = @version, body = @body
                  WHERE collection = @c AND id = @id AND version = @expected
                  """);
            command.Parameters.AddWithValue("c", DocumentJson.CollectionOf<T>());
            command.Parameters.AddWithValue("id", document.Id);
            command.Parameters.AddWithValue("tenant", document.Tenant);
            command.Parameters.AddWithValue("key", NpgsqlDbType.Text, (object?)document.Key ?? DBNull.Value);
            command.Parameters.AddWithValue("version", document.Version);
            command.Parameters.AddWithValue("expected", expected);
            command.Parameters.AddWithValue("body", NpgsqlDbType.Jsonb, DocumentJson.Serialize(document));
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
                return true;
        }
        catch
        {
            document.Version = expected;
            throw;
        }

        document.Version = expected;
        return false;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync<T>(T document, CancellationToken cancellationToken) where T : class, IStoredDocument
    {
        ArgumentNullException.ThrowIfNull(document);
        await using var command = _dataSource.CreateCommand("DELETE FROM documents WHERE collection = @c AND id = @id AND version = @version");
        command.Parameters.AddWithValue("c", DocumentJson.CollectionOf<T>());
        command.Parameters.AddWithValue("id", document.Id);
        command.Parameters.AddWithValue("version", document.Version);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<T>> ListAsync<T>(DocumentQuery query, CancellationToken cancellationToken) where T : class, IStoredDocument
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = _dataSource.CreateCommand("""
            SELECT body::text, version FROM documents
            WHERE collection = @c AND (cardinality(@tenants) = 0 OR tenant = ANY(@tenants))
              AND (@key::text IS NULL OR key = @key) AND (@after::text IS NULL OR id > @after)
            ORDER BY id LIMIT @limit
            """);
        command.Parameters.AddWithValue("c", DocumentJson.CollectionOf<T>());
        command.Parameters.AddWithValue("tenants", query.Tenants.ToArray());
        command.Parameters.AddWithValue("key", NpgsqlDbType.Text, (object?)query.Key ?? DBNull.Value);
        command.Parameters.AddWithValue("after", NpgsqlDbType.Text, (object?)query.After ?? DBNull.Value);
        command.Parameters.AddWithValue("limit", Math.Max(0, query.Limit));
        return await ReadAsync<T>(command, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<T>> ReadAsync<T>(NpgsqlCommand command, CancellationToken cancellationToken) where T : class, IStoredDocument
    {
        var list = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var document = DocumentJson.Deserialize<T>(reader.GetString(0));
            document.Version = reader.GetInt32(1);
            list.Add(document);
        }

        return list;
    }
}

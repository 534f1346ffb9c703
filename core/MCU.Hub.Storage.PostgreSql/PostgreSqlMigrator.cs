using System.Reflection;
using Npgsql;

namespace MCU.Hub.Storage.PostgreSql;

/// <summary>
/// Brings a database's schema up to date: the versioned SQL scripts embedded in this assembly
/// (<c>Migrations/NNNN_name.sql</c>), applied in order, each in its own transaction and recorded in
/// <c>schema_migrations</c>.
/// </summary>
/// <remarks>
/// A session advisory lock serialises migrators, so instances started together do not race: the first applies the
/// scripts, the others wait and then find nothing left to do.
/// </remarks>
public static class PostgreSqlMigrator
{
    /// <summary>The advisory lock key of the migrator ("mcuhub-m").</summary>
    private const long LockKey = 0x6D63_7568_7562_2D6D;

    private const string ResourcePrefix = "MCU.Hub.Storage.PostgreSql.Migrations.";

    /// <summary>Gets the scripts this version of the store knows, in the order they apply.</summary>
    /// <returns>The version and name of each script.</returns>
    public static IReadOnlyList<(int Version, string Name)> Known() =>
        [.. Scripts().Select(s => (s.Version, s.Name))];

    /// <summary>Applies the scripts the database does not have yet.</summary>
    /// <param name="connectionString">The database.</param>
    /// <param name="cancellationToken">Cancels between scripts.</param>
    /// <returns>The versions applied now (empty when the schema was current).</returns>
    public static async Task<IReadOnlyList<int>> MigrateAsync(string connectionString, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({LockKey})", cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, null, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken).ConfigureAwait(false);
            var applied = new HashSet<int>();
            await using (var read = new NpgsqlCommand("SELECT version FROM schema_migrations", connection))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    applied.Add(reader.GetInt32(0));
            }

            var known = Scripts();
            var newer = applied.Where(v => known.All(s => s.Version != v)).ToList();
            if (newer.Count > 0)
                throw new InvalidOperationException($"Схема базы данных новее этой версии хаба: миграции {string.Join(", ", newer.Order())} ей неизвестны. Обновите хаб.");

            var done = new List<int>();
            foreach (var script in known.Where(s => !applied.Contains(s.Version)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await using var tx = await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
                await ExecuteAsync(connection, tx, script.Sql, CancellationToken.None).ConfigureAwait(false);
                await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name) VALUES (@v, @n)", connection, tx))
                {
                    record.Parameters.AddWithValue("v", script.Version);
                    record.Parameters.AddWithValue("n", script.Name);
                    await record.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
                }

                await tx.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                done.Add(script.Version);
            }

            return done;
        }
        finally
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static List<(int Version, string Name, string Sql)> Scripts()
    {
        var assembly = typeof(PostgreSqlMigrator).Assembly;
        var scripts = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..^4];
            var separator = name.IndexOf('_', StringComparison.Ordinal);
            var version = int.Parse(separator > 0 ? name[..separator] : name, System.Globalization.CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var text = new StreamReader(stream);
            scripts.Add((version, name, text.ReadToEnd()));
        }

        return [.. scripts.OrderBy(s => s.Item1)];
    }
}

using MCU.Hub.Storage;
using MCU.Hub.Storage.PostgreSql;
using Npgsql;

namespace MCU.Hub.Storage.PostgreSql.Tests;

/// <summary>One empty database of a backend; <see cref="Open"/> opens a store on it (again after a restart, say).</summary>
public abstract class StoreBackend : IAsyncDisposable
{
    /// <summary>Opens a new store instance on the backend's database.</summary>
    public abstract IHubStore Open();

    /// <summary>Opens the working-cycle document store on a store this backend opened.</summary>
    public abstract IDocumentStore Documents(IHubStore store);

    public abstract ValueTask DisposeAsync();
}

/// <summary>A temporary LiteDB file.</summary>
public sealed class LiteDbBackend : StoreBackend
{
    private readonly string _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mcu-hub-store-tests", Guid.NewGuid().ToString("N"));
    private readonly List<LiteDbHubStore> _open = [];

    public string Path => System.IO.Path.Combine(_folder, "hub.db");

    public override IHubStore Open()
    {
        // LiteDB opens its file exclusively: a second instance is a restart of the first.
        foreach (var store in _open)
            store.Dispose();
        _open.Clear();
        var opened = new LiteDbHubStore(Path);
        _open.Add(opened);
        return opened;
    }

    public override IDocumentStore Documents(IHubStore store) => new Storage.Internal.LiteDbDocumentStore((LiteDbHubStore)store);

    public override ValueTask DisposeAsync()
    {
        foreach (var store in _open)
            store.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>A fresh database on the PostgreSQL server named by <c>MCUHUB_TEST_POSTGRES</c>, dropped afterwards.</summary>
public sealed class PostgreSqlBackend : StoreBackend
{
    /// <summary>The environment variable with the connection string of the test server.</summary>
    public const string Variable = "MCUHUB_TEST_POSTGRES";

    private readonly string _admin;
    private readonly List<PostgreSqlHubStore> _open = [];

    private PostgreSqlBackend(string admin, string connectionString, string database)
    {
        _admin = admin;
        ConnectionString = connectionString;
        Database = database;
    }

    public string ConnectionString { get; }

    public string Database { get; }

    /// <summary>Gets the connection string of the test server, failing with a clear message when it is not set.</summary>
    public static string ServerConnectionString() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set: the PostgreSQL store tests need a server, e.g. {Variable}=\"Host=127.0.0.1;Port=5432;Username=mcuhub;Password=mcuhub;Database=mcuhub_test\" " +
                "(the user needs CREATEDB). .ci/run starts one from Debian's postgresql package.");

    /// <summary>Creates an empty, migrated database.</summary>
    public static async Task<PostgreSqlBackend> CreateAsync()
    {
        var server = ServerConnectionString();
        var database = "mcuhub_t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        await PostgreSqlMigrator.MigrateAsync(connectionString, CancellationToken.None);
        return new PostgreSqlBackend(server, connectionString, database);
    }

    public override IHubStore Open()
    {
        var store = new PostgreSqlHubStore(NpgsqlDataSource.Create(ConnectionString));
        _open.Add(store);
        return store;
    }

    public override IDocumentStore Documents(IHubStore store) => new PostgreSqlDocumentStore((PostgreSqlHubStore)store);

    public override async ValueTask DisposeAsync()
    {
        foreach (var store in _open)
            await store.DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await DropDatabaseAsync(_admin, Database);
    }

    /// <summary>Drops a test database; an autovacuum worker still in it (which a non-superuser may not end) is waited out.</summary>
    public static async Task DropDatabaseAsync(string admin, string database)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse && attempt < 50)
            {
                await Task.Delay(200);
            }
        }
    }
}

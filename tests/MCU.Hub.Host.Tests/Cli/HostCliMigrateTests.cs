using MCU.Hub.Host.Cli;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace MCU.Hub.Host.Tests.Cli;

/// <summary><c>migrate</c> against a fresh PostgreSQL database (<c>MCUHUB_TEST_POSTGRES</c>).</summary>
public sealed class HostCliMigrateTests
{
    [Fact]
    public async Task Migrate_AppliesTheSchemaOnce_AndWithoutAConnectionNamesTheSetting()
    {
        var server = Environment.GetEnvironmentVariable("MCUHUB_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("MCUHUB_TEST_POSTGRES is not set: the migrate test needs a PostgreSQL server whose user may CREATE DATABASE (.ci/run starts one).");
        var database = "mcuhub_cli_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["McuHub:Storage:Provider"] = "postgresql",
            ["McuHub:Storage:ConnectionString"] = connectionString,
        }).Build();
        try
        {
            var output = new StringWriter();
            Assert.Equal(0, HostCli.Run(["migrate"], output, new StringWriter(), configuration));
            Assert.Contains("Применены миграции: 0001", output.ToString(), StringComparison.Ordinal);

            var again = new StringWriter();
            Assert.Equal(0, HostCli.Run(["migrate", "--connection", connectionString], again, new StringWriter(), configuration));
            Assert.Contains("актуальна", again.ToString(), StringComparison.Ordinal);

            var list = new StringWriter();
            Assert.Equal(0, HostCli.Run(["migrate", "--list"], list, new StringWriter(), configuration));
            Assert.StartsWith("0001 0001_initial", list.ToString(), StringComparison.Ordinal);

            var error = new StringWriter();
            Assert.Equal(2, HostCli.Run(["migrate"], new StringWriter(), error, new ConfigurationBuilder().Build()));
            Assert.Contains("McuHub:Storage:ConnectionString", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database}", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

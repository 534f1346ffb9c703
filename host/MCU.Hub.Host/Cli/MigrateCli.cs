using System.CommandLine;
using MCU.Hub.Storage.PostgreSql;

namespace MCU.Hub.Host.Cli;

/// <summary>
/// <c>migrate</c>: brings the PostgreSQL schema up to date and exits, for deployments that migrate before rolling out
/// new instances (with <c>McuHub:Storage:PostgreSql:MigrateOnStart=false</c> on the instances).
/// </summary>
internal static class MigrateCli
{
    public static Command Command(McuHubOptions options, TextWriter output, TextWriter error)
    {
        var connection = new Option<string?>("--connection") { Description = "Строка подключения PostgreSQL; по умолчанию McuHub:Storage:ConnectionString" };
        var list = new Option<bool>("--list") { Description = "Только показать известные миграции" };
        var command = new Command("migrate", "Применить миграции схемы PostgreSQL и выйти") { connection, list };
        command.SetAction(parse =>
        {
            if (parse.GetValue(list))
            {
                foreach (var (version, name) in PostgreSqlMigrator.Known())
                    output.WriteLine($"{version:D4} {name}");
                return 0;
            }

            var connectionString = parse.GetValue(connection) ?? options.Storage.ConnectionString;
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                error.WriteLine("migrate: нет строки подключения: задайте --connection или McuHub:Storage:ConnectionString (McuHub__Storage__ConnectionString)");
                return 2;
            }

            try
            {
                var applied = PostgreSqlMigrator.MigrateAsync(connectionString, CancellationToken.None).GetAwaiter().GetResult();
                output.WriteLine(applied.Count == 0
                    ? "Схема базы данных актуальна, миграций не требуется"
                    : $"Применены миграции: {string.Join(", ", applied.Select(v => v.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)))}");
                return 0;
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException or ArgumentException)
            {
                error.WriteLine($"migrate: {ex.Message}");
                return 1;
            }
        });
        return command;
    }
}

using System.Diagnostics;
using System.Globalization;
using MCU.Hub.Channels;
using MCU.Hub.Directories;
using MCU.Hub.Intake;
using MCU.Hub.Kpi;
using MCU.Hub.Routing;
using MCU.Hub.Storage;
using MCU.Hub.Storage.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MCU.Hub.Bench.Storage;

/// <summary>
/// The same workload on both store backends: ingest through the intake (msgs/s), then the full KPI set over everything
/// stored, cold (a fresh engine: the projection is loaded from the store) and warm; on PostgreSQL also the same
/// counts as SQL <c>GROUP BY</c>, the push-down alternative.
/// </summary>
internal static class StoreBenchmark
{
    private static readonly string[] Texts =
    [
        "На улице Ленина у дома {0} огромная яма, машины пробивают колёса",
        "Во дворе дома {0} по улице Мира не вывозят мусор уже неделю, контейнеры переполнены",
        "В квартире {0} холодные батареи, отопление не работает третий день",
        "На остановке у дома {0} не работает освещение, вечером темно и опасно",
        "Прошу отремонтировать детскую площадку у дома {0}, сломаны качели",
    ];

    /// <summary>Runs the benchmark and prints its table.</summary>
    /// <param name="options">The parsed options.</param>
    /// <returns>The exit code: 0, or 2 when PostgreSQL is asked for without a server.</returns>
    public static async Task<int> RunAsync(StoreOptions options)
    {
        var (backends, messages, batch, writers, server) = options;
        Console.WriteLine($"# Store backends: {messages:N0} messages, batches of {batch:N0}, {writers} writer(s)");
        var rows = new List<string>();
        foreach (var backend in backends)
        {
            if (backend == StorageOptions.PostgreSql && string.IsNullOrEmpty(server))
            {
                Console.Error.WriteLine("postgresql: --connection or MCUHUB_BENCH_POSTGRES is required (a user that may CREATE DATABASE)");
                return 2;
            }

            rows.Add(await RunBackendAsync(backend, server, messages, batch, writers));
        }

        Console.WriteLine();
        Console.WriteLine("| backend | ingest msgs/s | KPI set, cold (load + compute) | KPI set, warm (median of 5) | SQL GROUP BY (median of 5) | size, MB |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
            Console.WriteLine(row);
        return 0;
    }

    private static async Task<string> RunBackendAsync(string backend, string? server, int messages, int batch, int writers)
    {
        var folder = Path.Combine(Path.GetTempPath(), "mcu-hub-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = "mcuhub_bench_" + Guid.NewGuid().ToString("N")[..10];
        string? connectionString = null;
        if (backend == StorageOptions.PostgreSql)
        {
            await ExecuteAsync(server!, $"CREATE DATABASE {database}");
            connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        }

        try
        {
            double ingest;
            await using (var provider = Engine(backend, folder, connectionString))
            {
                var intake = provider.GetRequiredService<IMessageIntake>();
                var start = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.FromHours(3));
                var chunks = Enumerable.Range(0, messages).Chunk(batch).ToArray();
                var next = -1;
                var watch = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
                {
                    int index;
                    while ((index = Interlocked.Increment(ref next)) < chunks.Length)
                    {
                        var items = chunks[index].Select(i => Item(i, start, messages)).ToList();
                        var results = await intake.SubmitBatchAsync("api", items, checkpoint: null, "bench", CancellationToken.None);
                        if (results.Any(r => !r.Accepted))
                            throw new InvalidOperationException("an item was refused: " + results.First(r => !r.Accepted).Error);
                    }
                })));
                watch.Stop();
                ingest = messages / watch.Elapsed.TotalSeconds;
                Console.WriteLine($"  {backend}: ingest {watch.Elapsed.TotalSeconds:N1} s, {ingest:N0} msgs/s");
            }

            // A fresh engine on the stored data: its first KPI set loads the projection from the store.
            TimeSpan cold;
            var warm = new List<double>();
            await using (var provider = Engine(backend, folder, connectionString))
            {
                var kpi = provider.GetRequiredService<KpiService>();
                var period = KpiPeriod.Year(2026);
                var watch = Stopwatch.StartNew();
                var values = await kpi.ComputeAsync(period, KpiSlice.All, [], CancellationToken.None);
                cold = watch.Elapsed;
                for (var i = 0; i < 5; i++)
                {
                    watch.Restart();
                    await kpi.ComputeAsync(period, KpiSlice.All, [], CancellationToken.None);
                    warm.Add(watch.Elapsed.TotalMilliseconds);
                }

                Console.WriteLine($"  {backend}: KPI set of {values.Count} indicators over {provider.GetRequiredService<MessageFactsProjection>().Count:N0} messages: cold {cold.TotalSeconds:N2} s, warm {Median(warm):N1} ms");
            }

            var sql = "–";
            long bytes;
            if (connectionString is not null)
            {
                var groupBy = new List<double>();
                for (var i = 0; i < 5; i++)
                {
                    var watch = Stopwatch.StartNew();
                    await ExecuteAsync(connectionString, """
                        SELECT channel, block, status, count(*), count(*) FILTER (WHERE due_at IS NOT NULL AND due_at < registered_at + 864000000000 * 30)
                        FROM messages GROUP BY channel, block, status
                        """);
                    groupBy.Add(watch.Elapsed.TotalMilliseconds);
                }

                sql = $"{Median(groupBy):N0} ms";
                bytes = await ScalarAsync(connectionString, "SELECT pg_database_size(current_database())");
            }
            else
            {
                bytes = new FileInfo(Path.Combine(folder, "hub.db")).Length;
            }

            return string.Create(CultureInfo.InvariantCulture,
                $"| {backend} | {ingest:N0} | {cold.TotalSeconds:N2} s | {Median(warm):N1} ms | {sql} | {bytes / 1048576.0:N0} |");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (connectionString is not null)
                await DropAsync(server!, database);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static ServiceProvider Engine(string backend, string folder, string? connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var hub = services.AddMcuHub(o =>
        {
            o.DatabasePath = Path.Combine(folder, "hub.db");
            o.MaxCommitBatch = 1_000;
            o.Recipients = [new Recipient { Code = "roads", Name = "Дороги" }, new Recipient { Code = "housing", Name = "ЖКХ" }];
            o.Rules =
            [
                new RoutingRule { Name = "Дороги", Order = 1, Categories = ["roads"], Recipients = ["roads"] },
                new RoutingRule { Name = "ЖКХ", Order = 2, Categories = ["housing-utilities", "waste"], Recipients = ["housing"] },
            ];
        });
        if (backend == StorageOptions.PostgreSql)
            hub.UsePostgreSql(o => o.ConnectionString = connectionString!);
        return services.BuildServiceProvider();
    }

    private static InboundItem Item(int i, DateTimeOffset start, int total) => new()
    {
        ExternalId = "b-" + i.ToString(CultureInfo.InvariantCulture),
        Text = string.Format(CultureInfo.InvariantCulture, Texts[i % Texts.Length], i % 120 + 1),
        // Spread over the year, so the KPI set has every day to count.
        CreatedAt = start.AddSeconds((double)i / total * 360 * 86_400),
        Address = "ул. Ленина, " + (i % 120 + 1).ToString(CultureInfo.InvariantCulture),
        Author = new AuthorInfo { Name = "Иванова Мария", Phone = "+7912000" + (i % 10_000).ToString("D4", CultureInfo.InvariantCulture) },
    };

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    private static async Task DropAsync(string server, string database)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
                return;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse && attempt < 100)
            {
                // An autovacuum worker still in the database, which a non-superuser may not end: wait it out.
                await Task.Delay(500);
            }
        }
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}

using System.Diagnostics;
using System.Globalization;
using LiteDB;
using MCU.Hub.Channels;
using MCU.Hub.Directories;
using MCU.Hub.Intake;
using MCU.Hub.Messages;
using MCU.Hub.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MCU.Hub.Bench.Ingest;

/// <summary>
/// The intake (validate, deduplicate, classify, route, deadline, one durable transaction per batch) against raw LiteDB
/// batched inserts of the same number of documents on the same disk: the store's limit for our ingest.
/// </summary>
internal static class IngestBenchmark
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
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(IngestOptions options)
    {
        var (messages, batch) = options;
        var folder = Path.Combine(Path.GetTempPath(), "mcu-hub-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        Console.WriteLine($"# Ingest: {messages:N0} messages in batches of {batch:N0}, on {folder}");
        try
        {
            var raw = Raw(Path.Combine(folder, "raw.db"), messages, batch);
            var sequential = await IntakeAsync(Path.Combine(folder, "hub-1.db"), messages, batch, writers: 1);
            var concurrent = await IntakeAsync(Path.Combine(folder, "hub-4.db"), messages, batch, writers: 4);

            Console.WriteLine();
            Console.WriteLine("| path | msgs/s | ratio to raw LiteDB | file, MB |");
            Console.WriteLine("|---|---:|---:|---:|");
            Row("raw LiteDB: Insert(IEnumerable) per batch, one transaction each", raw, raw);
            Row("intake: one writer, SubmitBatchAsync per batch", sequential, raw);
            Row("intake: four writers at once (group commit)", concurrent, raw);
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Row(string path, Result r, Result raw) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {path} | {r.PerSecond:N0} | {r.PerSecond / raw.PerSecond:P0} | {r.FileBytes / 1048576.0:N0} |"));

    private static Result Raw(string path, int messages, int batch)
    {
        var items = Enumerable.Range(0, messages).Select(Message).ToList();
        using var db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
        var collection = db.GetCollection<HubMessage>("messages");
        collection.EnsureIndex(m => m.ExternalId);
        var watch = Stopwatch.StartNew();
        foreach (var chunk in items.Chunk(batch))
        {
            db.BeginTrans();
            collection.Insert(chunk);
            db.Commit();
        }

        db.Checkpoint();
        watch.Stop();
        Console.WriteLine($"  raw LiteDB: {watch.Elapsed.TotalSeconds:N1} s");
        return new(messages / watch.Elapsed.TotalSeconds, new FileInfo(path).Length);
    }

    private static async Task<Result> IntakeAsync(string path, int messages, int batch, int writers)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMcuHub(o =>
        {
            o.DatabasePath = path;
            o.Recipients = [new Recipient { Code = "roads", Name = "Дороги" }, new Recipient { Code = "housing", Name = "ЖКХ" }];
            o.Rules =
            [
                new RoutingRule { Name = "Дороги", Order = 1, Categories = ["roads"], Recipients = ["roads"] },
                new RoutingRule { Name = "ЖКХ", Order = 2, Categories = ["housing-utilities", "waste"], Recipients = ["housing"] },
            ];
        });
        await using var provider = services.BuildServiceProvider();
        var intake = provider.GetRequiredService<IMessageIntake>();
        var start = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(3));
        var chunks = Enumerable.Range(0, messages).Chunk(batch).ToArray();
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < chunks.Length)
            {
                var items = chunks[index].Select(i => Item(i, start)).ToList();
                var results = await intake.SubmitBatchAsync("api", items, checkpoint: null, "bench", CancellationToken.None);
                if (results.Any(r => !r.Accepted))
                    throw new InvalidOperationException("an item was refused: " + results.First(r => !r.Accepted).Error);
            }
        })));
        watch.Stop();
        Console.WriteLine($"  intake, {writers} writer(s): {watch.Elapsed.TotalSeconds:N1} s");
        var size = new FileInfo(path).Length;
        return new(messages / watch.Elapsed.TotalSeconds, size);
    }

    private static InboundItem Item(int i, DateTimeOffset start) => new()
    {
        ExternalId = "b-" + i.ToString(CultureInfo.InvariantCulture),
        Text = string.Format(CultureInfo.InvariantCulture, Texts[i % Texts.Length], i % 120 + 1),
        CreatedAt = start.AddSeconds(i),
        Address = "ул. Ленина, " + (i % 120 + 1).ToString(CultureInfo.InvariantCulture),
        Author = new AuthorInfo { Name = "Иванова Мария", Phone = "+7912000" + (i % 10_000).ToString("D4", CultureInfo.InvariantCulture) },
    };

    private static HubMessage Message(int i) => new()
    {
        Id = Guid.CreateVersion7().ToString("N"),
        Channel = "api",
        ExternalId = "b-" + i.ToString(CultureInfo.InvariantCulture),
        Text = string.Format(CultureInfo.InvariantCulture, Texts[i % Texts.Length], i % 120 + 1),
        Address = "ул. Ленина, " + (i % 120 + 1).ToString(CultureInfo.InvariantCulture),
        AuthorName = "Иванова Мария",
        Recipients = ["roads"],
        Category = "road-repair",
        Block = "roads",
    };

    private sealed record Result(double PerSecond, long FileBytes);
}

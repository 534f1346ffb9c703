using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using LiteDB;
using MCU.Hub.Storage.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace MCU.Hub.Bench.All;

/// <summary>
/// Issue 10 in one run on one machine: end-to-end ingest against raw LiteDB, the gRPC API against the ingest and a
/// trivial echo service, and memory after 100k against after the full volume.
/// </summary>
internal static class AllBenchmark
{
    private const double IngestTarget = 0.50;
    private const double StreamTarget = 0.80;
    private const double UnaryP99TargetMs = 10;
    private const double MemoryGrowthTarget = 1.25;

    /// <summary>Runs the benchmark and prints its table.</summary>
    /// <param name="options">The parsed options.</param>
    /// <param name="ingest">Whether the end-to-end ingest and memory part runs.</param>
    /// <param name="grpc">Whether the gRPC part runs.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(AllOptions options, bool ingest, bool grpc)
    {
        var (messages, batch, probe, grpcMessages, streams, concurrency, seconds, escalationScan, keep) = options;
        var folder = Path.Combine(Path.GetTempPath(), "mcu-hub-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var hubPath = Path.Combine(folder, "hub.db");
        Console.Error.WriteLine($"# MCU.Hub bench: {messages:N0} messages end to end, gRPC {grpcMessages:N0} streamed in {streams} call(s) and {concurrency} unary callers for {seconds:N0} s; files in {folder}");
        var rows = new List<string>();
        var started = Stopwatch.StartNew();
        try
        {
            Ingest? e2e = null;
            Hub? hub = null;
            double? raw = null, rawAll = null, rawGated = null;
            var storeIndexes = 0;
            var rawRuns = new List<double>();
            if (ingest)
            {
                await using (var emulator = await Step("emulator: generating", () => EmulatorProcess.StartAsync(messages, seed: 10)))
                {
                    await using var host = await BenchHost.StartAsync(hubPath, emulator.BaseAddress, batch, escalationScan);
                    e2e = await EndToEndAsync(host, messages, probe);
                }

                // The raw reference is taken twice, right after the ingest and after the gRPC runs, and the better run
                // counts: the machine is shared, and the faster reference is the stricter one for the ratio.
                rawRuns.Add(RawCopy(hubPath, Path.Combine(folder, "raw-1.db"), allIndexes: false, messages).PerSecond);
                if (grpc)
                {
                    // The gRPC runs write into the store that holds the whole ingest, as a loaded hub would.
                    await using var host = await BenchHost.StartAsync(hubPath, pos: null, batch, escalationScan);
                    hub = await HubGrpcAsync(host, grpcMessages, streams, concurrency, seconds);
                }
            }
            else if (grpc)
            {
                await using var host = await BenchHost.StartAsync(hubPath, pos: null, batch, escalationScan);
                hub = await HubGrpcAsync(host, grpcMessages, streams, concurrency, seconds);
            }

            Echo? echo = grpc ? await EchoAsync(grpcMessages, streams, concurrency, seconds) : null;
            if (ingest)
            {
                rawRuns.Add(RawCopy(hubPath, Path.Combine(folder, "raw-2.db"), allIndexes: false, messages).PerSecond);
                raw = rawRuns.Max();
                (rawAll, storeIndexes) = RawCopy(hubPath, Path.Combine(folder, "raw-all.db"), allIndexes: true, messages);
                rawGated = RawCopy(hubPath, Path.Combine(folder, "raw-gated.db"), allIndexes: false, messages, gated: true).PerSecond;
            }

            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"MCU.Hub bench, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {messages:N0} messages, {started.Elapsed.TotalSeconds:N0} s"));
            Console.WriteLine();
            Console.WriteLine("| measure | value | reference | ratio | target | result |");
            Console.WriteLine("|---|---:|---:|---:|---|---|");
            if (e2e is not null)
            {
                Row($"raw LiteDB: the same {messages:N0} message documents, `Insert(IEnumerable)` of 1,000 per transaction, `_id` + one index, docs/s (better of {string.Join(" and ", rawRuns.Select(N))})", raw!.Value, null, null, "machine limit");
                Row($"raw LiteDB, the store's own {storeIndexes} message indexes besides `_id` (read from its file), docs/s", rawAll!.Value, raw.Value, null, "information");
                Row("raw LiteDB, `_id` + one index, each commit behind the store's write gate (LiteDB's log writer off the committing thread), docs/s", rawGated!.Value, raw.Value, null, "information");
                Row($"end-to-end ingest: ПОС emulator → connector → pipeline → LiteDB (durable), msgs/s", e2e.PerSecond, raw.Value, IngestTarget, "≥ 50 % of raw");
            }

            if (hub is not null && echo is not null)
            {
                Row($"gRPC `SubmitMessages`, {streams} stream(s), msgs/s — against end-to-end ingest", hub.StreamPerSecond, e2e?.PerSecond, e2e is null ? null : StreamTarget, "≥ 80 % of ingest");
                Row("gRPC `SubmitMessages` — against the echo service", hub.StreamPerSecond, echo.StreamPerSecond, null, "information");
                Row($"gRPC `SubmitMessage`, {concurrency} concurrent, req/s — against end-to-end ingest", hub.Unary.PerSecond, e2e?.PerSecond, null, "information");
                Row("gRPC `SubmitMessage` — against the echo service", hub.Unary.PerSecond, echo.Unary.PerSecond, null, "information");
                Line($"gRPC `SubmitMessage` latency p50 / p99, ms", $"{hub.Unary.P50Ms:N2} / {hub.Unary.P99Ms:N2}", $"echo {echo.Unary.P50Ms:N2} / {echo.Unary.P99Ms:N2}", "—", "p99 < 10 ms",
                    hub.Unary.P99Ms < UnaryP99TargetMs ? "PASS" : "FAIL");
                Line($"hub restarted on the store: KPI facts of {hub.Stored:N0} messages rebuilt before the gRPC runs (not in their figures), s", hub.FactsRebuild.TotalSeconds.ToString("N1", CultureInfo.InvariantCulture), "—", "—", "information", "");
            }

            if (e2e is not null)
            {
                var heapRatio = (double)e2e.HeapAfter / e2e.HeapAtProbe;
                Line($"managed heap after full GC, after {messages:N0} vs after {probe:N0}, MB", Mb(e2e.HeapAfter), Mb(e2e.HeapAtProbe), $"{heapRatio:N2}×", "≤ 1.25×",
                    heapRatio <= MemoryGrowthTarget ? "PASS" : "FAIL");
                Line($"working set, after {messages:N0} vs after {probe:N0}, MB", Mb(e2e.WorkingSetAfter), Mb(e2e.WorkingSetAtProbe), $"{(double)e2e.WorkingSetAfter / e2e.WorkingSetAtProbe:N2}×", "information", "");
                Line("peak working set during ingest, MB", Mb(e2e.PeakWorkingSet), "—", "—", "information", "");
                Line("hub file after ingest, MB", Mb(e2e.FileBytes), "—", "—", "information", "");
                Line($"of the heap, LiteDB's page cache, after {messages:N0} vs after {probe:N0}, MB", Mb(e2e.LiteDbCacheAfter), Mb(e2e.LiteDbCacheAtProbe), $"{(double)e2e.LiteDbCacheAfter / Math.Max(1, e2e.LiteDbCacheAtProbe):N2}×", "information", "");
                Line($"the heap less LiteDB's page cache, after {messages:N0} vs after {probe:N0}, MB", Mb(e2e.HeapAfter - e2e.LiteDbCacheAfter), Mb(e2e.HeapAtProbe - e2e.LiteDbCacheAtProbe), $"{(double)(e2e.HeapAfter - e2e.LiteDbCacheAfter) / Math.Max(1, e2e.HeapAtProbe - e2e.LiteDbCacheAtProbe):N2}×", "information", "");
                Line("facts projection file (memory-mapped, beside the hub file), MB", Mb(e2e.FactsFileBytes), "—", "—", "information", "");
            }

            return 0;
        }
        finally
        {
            try
            {
                if (keep)
                    Console.Error.WriteLine($"  files kept in {folder}");
                else
                    Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        void Row(string measure, double value, double? reference, double? target, string targetText)
        {
            var ratio = reference is { } r ? value / r : (double?)null;
            var result = target is { } t && ratio is { } x ? (x >= t ? "PASS" : "FAIL") : "";
            Line(measure, N(value), reference is { } rr ? N(rr) : "—", ratio is { } q ? q.ToString("P0", CultureInfo.InvariantCulture) : "—", targetText, result);
        }

        void Line(string measure, string value, string reference, string ratio, string target, string result) =>
            rows.Add(Print($"| {measure} | {value} | {reference} | {ratio} | {target} | {result} |"));
    }

    private static string Print(string line)
    {
        Console.WriteLine(line);
        return line;
    }

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("N0", CultureInfo.InvariantCulture);

    private static async Task<T> Step<T>(string what, Func<Task<T>> step)
    {
        var watch = Stopwatch.StartNew();
        var result = await step();
        Console.Error.WriteLine($"  {what}: {watch.Elapsed.TotalSeconds:N1} s");
        return result;
    }

    /// <summary>Waits until the ПОС channel's checkpoint has passed every message, sampling memory on the way.</summary>
    private static async Task<Ingest> EndToEndAsync(BenchHost host, int messages, int probe)
    {
        using var process = Process.GetCurrentProcess();
        var store = host.Store;
        var watch = Stopwatch.StartNew();
        var paused = TimeSpan.Zero;
        long heapAtProbe = 0, wsAtProbe = 0, cacheAtProbe = 0;
        var lastReport = 0L;
        long done;
        while ((done = await ProgressAsync(store)) < messages)
        {
            if (heapAtProbe == 0 && done >= probe)
            {
                var pause = Stopwatch.StartNew();
                (heapAtProbe, wsAtProbe, cacheAtProbe) = await MemoryAsync(host, process);
                paused += pause.Elapsed;
                Console.Error.WriteLine($"  at {done:N0}: heap {Mb(heapAtProbe)} MB (LiteDB's page cache {Mb(cacheAtProbe)} MB), working set {Mb(wsAtProbe)} MB");
            }

            if (watch.ElapsedMilliseconds - lastReport > 10_000)
            {
                lastReport = watch.ElapsedMilliseconds;
                Console.Error.WriteLine($"  ingest: {done:N0} of {messages:N0}, {done / (watch.Elapsed - paused).TotalSeconds:N0} msgs/s");
            }

            await Task.Delay(100);
        }

        watch.Stop();
        var elapsed = watch.Elapsed - paused;
        var count = await store.CountMessagesAsync(CancellationToken.None);
        if (count != messages)
            throw new InvalidOperationException($"stored {count:N0} messages, expected {messages:N0}");
        var (heap, ws, cache) = await MemoryAsync(host, process);
        process.Refresh();
        Console.Error.WriteLine($"  end-to-end ingest: {messages:N0} in {elapsed.TotalSeconds:N1} s; heap {Mb(heap)} MB (LiteDB's page cache {Mb(cache)} MB), working set {Mb(ws)} MB");
        var file = new FileInfo(host.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<McuHubOptions>>().Value.DatabasePath).Length;
        var factsPath = host.App.Services.GetRequiredService<global::MCU.Hub.Kpi.MessageFactsProjection>().FilePath;
        var facts = factsPath is null ? null : new FileInfo(factsPath);
        return new(messages / elapsed.TotalSeconds, heapAtProbe, wsAtProbe, heap, ws, process.PeakWorkingSet64, file, facts is { Exists: true } ? facts.Length : 0, cacheAtProbe, cache);
    }

    /// <summary>
    /// Brings the facts projection up to date first, as a KPI query does: otherwise a probe finds it built or not
    /// depending on whether the host's minutely backlog pass has run yet. The heap is the least of five full-GC samples
    /// half a second apart: a pull or a background pass in flight at one instant holds its own batch, which says nothing
    /// about the stored volume.
    /// </summary>
    private static async Task<(long Heap, long WorkingSet, long LiteDbCache)> MemoryAsync(BenchHost host, Process process)
    {
        await host.App.Services.GetRequiredService<global::MCU.Hub.Kpi.MessageFactsProjection>().EnsureCurrentAsync(CancellationToken.None);
        var heap = long.MaxValue;
        for (var sample = 0; sample < 5; sample++)
        {
            if (sample > 0)
                await Task.Delay(500);
            heap = Math.Min(heap, GC.GetTotalMemory(forceFullCollection: true));
        }

        process.Refresh();
        return (heap, process.WorkingSet64, host.Store is global::MCU.Hub.Storage.LiteDbHubStore lite ? lite.CacheBytes : 0);
    }

    /// <summary>How many emulator messages are committed: the channel checkpoint is the emulator's log position.</summary>
    private static async Task<long> ProgressAsync(global::MCU.Hub.Storage.IHubStore store)
    {
        var checkpoint = await store.GetCheckpointAsync("pos", CancellationToken.None);
        if (checkpoint is null)
            return 0;
        var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(checkpoint));
        return long.Parse(text.AsSpan(text.IndexOf(':', StringComparison.Ordinal) + 1), NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private static async Task<Hub> HubGrpcAsync(BenchHost host, int grpcMessages, int streams, int concurrency, double seconds)
    {
        // A restarted hub rebuilds its KPI facts from every stored message (at the first KPI query or the minutely backlog
        // pass); measured apart, so that the API's figures are those of a hub that has finished starting.
        var rebuild = Stopwatch.StartNew();
        await host.App.Services.GetRequiredService<global::MCU.Hub.Kpi.MessageFactsProjection>().EnsureCurrentAsync(CancellationToken.None);
        rebuild.Stop();
        var stored = await host.Store.CountMessagesAsync(CancellationToken.None);
        Console.Error.WriteLine($"  hub started on the store: KPI facts of {stored:N0} messages built in {rebuild.Elapsed.TotalSeconds:N1} s");
        using var channel = BenchGrpc.CreateChannel(host.Address);
        await GrpcLoad.StreamAsync(channel, "warm-s-", 1, 2_000);
        await GrpcLoad.UnaryAsync(channel, "warm-u-", concurrency, TimeSpan.FromSeconds(1));
        var stream = await GrpcLoad.StreamAsync(channel, "s-", streams, grpcMessages / streams);
        Console.Error.WriteLine($"  hub streaming: {stream:N0} msgs/s");
        var unary = await GrpcLoad.UnaryAsync(channel, "u-", concurrency, TimeSpan.FromSeconds(seconds));
        Console.Error.WriteLine($"  hub unary: {unary.PerSecond:N0} req/s, p50 {unary.P50Ms:N2} ms, p99 {unary.P99Ms:N2} ms, {unary.Calls:N0} calls");
        return new(stream, unary, rebuild.Elapsed, stored);
    }

    private static async Task<Echo> EchoAsync(int grpcMessages, int streams, int concurrency, double seconds)
    {
        await using var echo = await EchoServer.StartAsync();
        using var channel = BenchGrpc.CreateChannel(echo.Address);
        await GrpcLoad.StreamAsync(channel, "warm-s-", 1, 20_000);
        await GrpcLoad.UnaryAsync(channel, "warm-u-", concurrency, TimeSpan.FromSeconds(1));
        var stream = await GrpcLoad.StreamAsync(channel, "s-", streams, Math.Max(grpcMessages, 200_000) / streams);
        Console.Error.WriteLine($"  echo streaming: {stream:N0} msgs/s");
        var unary = await GrpcLoad.UnaryAsync(channel, "u-", concurrency, TimeSpan.FromSeconds(seconds));
        Console.Error.WriteLine($"  echo unary: {unary.PerSecond:N0} req/s, p50 {unary.P50Ms:N2} ms, p99 {unary.P99Ms:N2} ms");
        return new(stream, unary);
    }

    /// <summary>
    /// Inserts the very documents the ingest stored (read back from its file, untimed) into a fresh file, 1,000 per
    /// transaction, timing only the inserts and the final checkpoint.
    /// </summary>
    private static (double PerSecond, int Indexes) RawCopy(string source, string target, bool allIndexes, int limit, bool gated = false)
    {
        using var from = new LiteDatabase(new ConnectionString { Filename = source, Connection = ConnectionType.Direct, ReadOnly = true });
        using var to = new LiteDatabase(new ConnectionString { Filename = target, Connection = ConnectionType.Direct });
        var read = from.GetCollection("messages");
        var write = to.GetCollection("messages");
        var indexes = 1;
        if (allIndexes)
        {
            // Exactly the indexes the hub's file has on its messages, read from LiteDB's own index list.
            indexes = 0;
            foreach (var index in from.GetCollection("$indexes").Find(BsonExpression.Create("collection = @0", "messages")))
            {
                if (index["name"].AsString == "_id")
                    continue;
                write.EnsureIndex(index["name"].AsString, index["expression"].AsString, index["unique"].AsBoolean);
                indexes++;
            }
        }
        else
        {
            write.EnsureIndex("ExternalId");
        }

        var gate = new LiteDbWriteGate();
        var timed = TimeSpan.Zero;
        var count = 0;
        BsonValue last = BsonValue.MinValue;
        while (count < limit)
        {
            var chunk = read.Query().Where(BsonExpression.Create("_id > @0", last)).OrderBy("_id").Limit(Math.Min(1_000, limit - count)).ToList();
            if (chunk.Count == 0)
                break;
            last = chunk[^1]["_id"];
            var watch = Stopwatch.StartNew();
            if (gated)
            {
                using (gate.Enter())
                    Commit(chunk);
            }
            else
            {
                Commit(chunk);
            }

            timed += watch.Elapsed;
            count += chunk.Count;
        }

        void Commit(List<BsonDocument> chunk)
        {
            to.BeginTrans();
            write.Insert(chunk);
            to.Commit();
        }

        var flush = Stopwatch.StartNew();
        to.Checkpoint();
        timed += flush.Elapsed;
        Console.Error.WriteLine($"  raw LiteDB ({indexes} index(es) besides _id): {count:N0} in {timed.TotalSeconds:N1} s");
        File.Delete(target);
        return (count / timed.TotalSeconds, indexes);
    }

    private sealed record Ingest(double PerSecond, long HeapAtProbe, long WorkingSetAtProbe, long HeapAfter, long WorkingSetAfter, long PeakWorkingSet, long FileBytes, long FactsFileBytes, long LiteDbCacheAtProbe, long LiteDbCacheAfter);

    private sealed record Hub(double StreamPerSecond, GrpcLoad.UnaryResult Unary, TimeSpan FactsRebuild, long Stored);

    private sealed record Echo(double StreamPerSecond, GrpcLoad.UnaryResult Unary);
}

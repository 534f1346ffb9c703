using System.Diagnostics;
using System.Globalization;
using Grpc.Net.Client;
using MCU.Hub.Grpc.V1;

namespace MCU.Hub.Bench.All;

/// <summary>The same client load against the hub and against the echo service.</summary>
internal static class GrpcLoad
{
    private static readonly string[] Texts =
    [
        "На улице Ленина у дома {0} огромная яма, машины пробивают колёса",
        "Во дворе дома {0} по улице Мира не вывозят мусор уже неделю, контейнеры переполнены",
        "В квартире {0} холодные батареи, отопление не работает третий день",
        "На остановке у дома {0} не работает освещение, вечером темно и опасно",
        "Прошу отремонтировать детскую площадку у дома {0}, сломаны качели",
    ];

    /// <summary>A request with a unique external id, like the ones a regional system (ЦУР) submits.</summary>
    public static SubmitMessageRequest Request(string prefix, long i) => new()
    {
        Channel = "api",
        ExternalId = prefix + i.ToString(CultureInfo.InvariantCulture),
        Kind = Grpc.V1.MessageKind.Message,
        Text = string.Format(CultureInfo.InvariantCulture, Texts[i % Texts.Length], i % 120 + 1),
        Address = "ул. Ленина, " + (i % 120 + 1).ToString(CultureInfo.InvariantCulture),
        Author = new Author { Name = "Иванова Мария", Phone = "+7912000" + (i % 10_000).ToString("D4", CultureInfo.InvariantCulture) },
    };

    /// <summary>
    /// <paramref name="streams"/> concurrent <c>SubmitMessages</c> calls of <paramref name="perStream"/> messages each;
    /// the rate is messages over the time from the first write to the last response.
    /// </summary>
    public static async Task<double> StreamAsync(GrpcChannel channel, string prefix, int streams, int perStream)
    {
        var client = new MessageService.MessageServiceClient(channel);
        var watch = Stopwatch.StartNew();
        var accepted = await Task.WhenAll(Enumerable.Range(0, streams).Select(async s =>
        {
            using var call = client.SubmitMessages();
            for (var i = 0; i < perStream; i++)
                await call.RequestStream.WriteAsync(Request(prefix + s.ToString(CultureInfo.InvariantCulture) + "-", i));
            await call.RequestStream.CompleteAsync();
            var response = await call;
            return response.Results.Count(r => r.Id.Length > 0);
        }));
        watch.Stop();
        if (accepted.Sum() != streams * perStream)
            throw new InvalidOperationException($"streaming: {accepted.Sum()} of {streams * perStream} accepted");
        return streams * perStream / watch.Elapsed.TotalSeconds;
    }

    /// <summary><paramref name="concurrency"/> callers of <c>SubmitMessage</c>, each one call at a time, for <paramref name="duration"/>.</summary>
    public static async Task<UnaryResult> UnaryAsync(GrpcChannel channel, string prefix, int concurrency, TimeSpan duration)
    {
        var client = new MessageService.MessageServiceClient(channel);
        long next = 0;
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var start = Stopwatch.GetTimestamp();
        var latencies = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var mine = new List<long>(4096);
            while (Stopwatch.GetTimestamp() < end)
            {
                var request = Request(prefix, Interlocked.Increment(ref next));
                var before = Stopwatch.GetTimestamp();
                var reply = await client.SubmitMessageAsync(request);
                mine.Add(Stopwatch.GetTimestamp() - before);
                if (reply.Id.Length == 0)
                    throw new InvalidOperationException("unary: refused");
            }

            return mine;
        })));
        var elapsed = Stopwatch.GetElapsedTime(start);
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new(all.Length / elapsed.TotalSeconds, Ms(Percentile(all, 0.50)), Ms(Percentile(all, 0.99)), all.Length);
    }

    private static long Percentile(long[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    /// <summary>Unary throughput and latency.</summary>
    public sealed record UnaryResult(double PerSecond, double P50Ms, double P99Ms, int Calls);
}

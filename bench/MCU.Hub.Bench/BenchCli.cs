using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using MCU.Hub.Bench.All;
using MCU.Hub.Bench.Ingest;
using MCU.Hub.Bench.Rules;
using MCU.Hub.Bench.Storage;
using MCU.Hub.Storage;

namespace MCU.Hub.Bench;

/// <summary>
/// The bench's command line: one verb per benchmark (<c>all</c>, <c>endtoend</c>, <c>grpc</c>, <c>rules</c>, <c>ingest</c>,
/// <c>store</c>) and the hidden <c>emulator</c> verb that <see cref="EmulatorProcess"/> starts as its child process.
/// Integer counts accept thousands separators (<c>1_000_000</c>, <c>1,000,000</c>); numbers are read in the invariant culture.
/// </summary>
internal static class BenchCli
{
    /// <summary>Builds the root command with every verb.</summary>
    /// <returns>The root command, ready to parse the arguments.</returns>
    public static RootCommand Root()
    {
        var root = new RootCommand("Benchmarks of the MCU.Hub engine: `dotnet run -c Release --project bench/MCU.Hub.Bench -- <benchmark> [options]`.");
        root.Subcommands.Add(AllCommand("all", "Issue 10 in one run: end-to-end ingest vs raw LiteDB, gRPC vs ingest and vs an echo service, memory after 100k vs after all messages; a Markdown table with targets and PASS/FAIL", ingest: true, grpc: true));
        root.Subcommands.Add(AllCommand("endtoend", "The ingest and memory part of `all`", ingest: true, grpc: false));
        root.Subcommands.Add(AllCommand("grpc", "The gRPC part of `all` on an empty store (no ingest reference)", ingest: false, grpc: true));
        root.Subcommands.Add(RulesCommand());
        root.Subcommands.Add(IngestCommand());
        root.Subcommands.Add(StoreCommand());
        root.Subcommands.Add(EmulatorCommand());
        return root;
    }

    private static Command AllCommand(string name, string description, bool ingest, bool grpc)
    {
        var messages = Count("--messages", 1_000_000, "Messages the ПОС emulator publishes and the hub ingests");
        var batch = Count("--batch", 500, "Items per pull (and page size)");
        var memoryAt = new Option<int?>("--memory-at")
        {
            Description = "Where the first memory sample is taken (default: 100000, or half of --messages when that is less)",
            CustomParser = result => ParseCount(result),
        };
        var grpcMessages = Count("--grpc-messages", 100_000, "Messages streamed through SubmitMessages");
        var streams = Count("--streams", 1, "Concurrent SubmitMessages calls");
        var concurrency = Count("--concurrency", 64, "Concurrent SubmitMessage callers");
        var seconds = Number("--seconds", 10, "Duration of the unary run, seconds");
        var escalationScan = new Option<string?>("--escalation-scan") { Description = "McuHub:Escalation:ScanInterval of the host, e.g. 00:00:10 (default: the host's, 1 min)" };
        var keep = new Option<bool>("--keep") { Description = "Keep the files (hub, facts) for inspection" };
        var command = new Command(name, description) { messages, batch, memoryAt, grpcMessages, streams, concurrency, seconds, escalationScan, keep };
        command.SetAction((parse, _) =>
        {
            var count = parse.GetValue(messages);
            var options = new AllOptions(
                Messages: count,
                Batch: parse.GetValue(batch),
                MemoryAt: parse.GetValue(memoryAt) ?? Math.Min(100_000, count / 2),
                GrpcMessages: parse.GetValue(grpcMessages),
                Streams: parse.GetValue(streams),
                Concurrency: parse.GetValue(concurrency),
                Seconds: parse.GetValue(seconds),
                EscalationScan: parse.GetValue(escalationScan),
                Keep: parse.GetValue(keep));
            return AllBenchmark.RunAsync(options, ingest, grpc);
        });
        return command;
    }

    private static Command RulesCommand()
    {
        var sizes = new Option<int[]>("--sizes")
        {
            Description = "Rule counts, a comma list",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [10, 100, 1_000, 10_000],
            CustomParser = ParseCountList,
        };
        var seconds = Number("--seconds", 4, "Measuring time per engine and size, seconds");
        var messages = Count("--messages", 2_000, "Distinct messages per size");
        var command = new Command("rules", "Routing rules: our indexed evaluator vs Microsoft RulesEngine, side by side") { sizes, seconds, messages };
        command.SetAction((parse, _) => RulesBenchmark.RunAsync(new RulesOptions(parse.GetValue(sizes)!, parse.GetValue(seconds), parse.GetValue(messages))));
        return command;
    }

    private static Command IngestCommand()
    {
        var messages = Count("--messages", 100_000, "Messages");
        var batch = Count("--batch", 1_000, "Messages per batch");
        var command = new Command("ingest", "The intake (durable, batched) vs raw LiteDB batched inserts of as many documents") { messages, batch };
        command.SetAction((parse, _) => IngestBenchmark.RunAsync(new IngestOptions(parse.GetValue(messages), parse.GetValue(batch))));
        return command;
    }

    private static Command StoreCommand()
    {
        var backend = new Option<string[]>("--backend")
        {
            Description = $"Backends to run, a comma list of {StorageOptions.LiteDb} and {StorageOptions.PostgreSql}",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => [StorageOptions.LiteDb, StorageOptions.PostgreSql],
            CustomParser = ParseBackends,
        };
        var messages = Count("--messages", 100_000, "Messages");
        var batch = Count("--batch", 1_000, "Intake batch size");
        var writers = Count("--writers", 4, "Concurrent writers");
        var connection = new Option<string?>("--connection") { Description = "PostgreSQL server, \"Host=…\" (default: MCUHUB_BENCH_POSTGRES, then MCUHUB_TEST_POSTGRES); the user needs CREATEDB" };
        var command = new Command("store", "Both store backends: ingest msgs/s, KPI set cold and warm, SQL GROUP BY on PostgreSQL") { backend, messages, batch, writers, connection };
        command.SetAction((parse, _) => StoreBenchmark.RunAsync(new StoreOptions(
            Backends: parse.GetValue(backend)!,
            Messages: parse.GetValue(messages),
            Batch: parse.GetValue(batch),
            Writers: parse.GetValue(writers),
            Connection: parse.GetValue(connection) ?? Environment.GetEnvironmentVariable("MCUHUB_BENCH_POSTGRES") ?? Environment.GetEnvironmentVariable("MCUHUB_TEST_POSTGRES"))));
        return command;
    }

    private static Command EmulatorCommand()
    {
        var messages = Count("--messages", 1_000_000, "Messages the emulator publishes, all at once");
        var seed = Count("--seed", 10, "Seed of the generated messages");
        var command = new Command("emulator", "Internal: the ПОС emulator as the child process of `all` and `endtoend`; serves until standard input closes") { messages, seed };
        command.Hidden = true;
        command.SetAction((parse, _) => EmulatorProcess.RunChildAsync(parse.GetValue(messages), parse.GetValue(seed)));
        return command;
    }

    private static Option<int> Count(string name, int fallback, string description) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => fallback,
        CustomParser = result => ParseCount(result) ?? fallback,
    };

    private static Option<double> Number(string name, double fallback, string description) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => fallback,
        CustomParser = result =>
        {
            var text = Single(result);
            if (text is not null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                return value;
            result.AddError($"{OptionName(result)}: '{text}' is not a number");
            return fallback;
        },
    };

    /// <summary>Reads an integer count; thousands separators (<c>1_000_000</c>, <c>1,000,000</c>) are allowed.</summary>
    private static int? ParseCount(ArgumentResult result)
    {
        var text = Single(result);
        if (text is not null && TryParseCount(text.Replace(",", "", StringComparison.Ordinal), out var value))
            return value;
        result.AddError($"{OptionName(result)}: '{text}' is not an integer");
        return null;
    }

    /// <summary>Reads a comma list of integers; <c>_</c> may separate thousands (the comma separates the items).</summary>
    private static int[] ParseCountList(ArgumentResult result)
    {
        var values = new List<int>();
        foreach (var item in Items(result))
        {
            if (!TryParseCount(item, out var value))
            {
                result.AddError($"{OptionName(result)}: '{item}' is not an integer");
                return [];
            }

            values.Add(value);
        }

        return [.. values];
    }

    private static string[] ParseBackends(ArgumentResult result)
    {
        var backends = Items(result);
        if (backends.FirstOrDefault(b => b is not StorageOptions.LiteDb and not StorageOptions.PostgreSql) is { } unknown)
            result.AddError($"{OptionName(result)}: unknown backend '{unknown}' (known: {StorageOptions.LiteDb}, {StorageOptions.PostgreSql})");
        return backends;
    }

    private static bool TryParseCount(string text, out int value) =>
        int.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    private static string[] Items(ArgumentResult result) =>
        [.. result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    private static string? Single(ArgumentResult result) => result.Tokens.Count == 1 ? result.Tokens[0].Value : null;

    private static string OptionName(ArgumentResult result) => (result.Parent as OptionResult)?.Option.Name ?? result.Argument.Name;
}

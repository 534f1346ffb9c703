using MCU.Hub.Bench.Ingest;
using MCU.Hub.Bench.Rules;
using MCU.Hub.Bench.Storage;

// Each benchmark is a verb: `dotnet run -c Release --project bench/MCU.Hub.Bench -- rules [options]`.
return args.FirstOrDefault() switch
{
    "rules" => await RulesBenchmark.RunAsync(args[1..]),
    "ingest" => await IngestBenchmark.RunAsync(args[1..]),
    "store" => await StoreBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        Usage: MCU.Hub.Bench <benchmark> [options]

        Benchmarks:
          rules   routing rules: our indexed evaluator vs Microsoft RulesEngine, side by side
                  --sizes 10,100,1000,10000   rule counts
                  --seconds 4                 measuring time per engine and size
                  --messages 2000             distinct messages per size
          ingest  the intake (durable, batched) vs raw LiteDB batched inserts of as many documents
                  --messages 100000           messages
                  --batch 1000                messages per batch
          store   both store backends: ingest msgs/s, KPI set cold and warm, SQL GROUP BY on PostgreSQL
                  --backend litedb,postgresql  backends to run
                  --messages 100000           messages
                  --batch 1000 --writers 4    intake batches and concurrent writers
                  --connection "Host=…"       PostgreSQL server (or MCUHUB_BENCH_POSTGRES); the user needs CREATEDB
        """);
    return 2;
}

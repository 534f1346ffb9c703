using MCU.Hub.Bench.All;
using MCU.Hub.Bench.Ingest;
using MCU.Hub.Bench.Rules;
using MCU.Hub.Bench.Storage;

// Each benchmark is a verb: `dotnet run -c Release --project bench/MCU.Hub.Bench -- rules [options]`.
return args.FirstOrDefault() switch
{
    "rules" => await RulesBenchmark.RunAsync(args[1..]),
    "ingest" => await IngestBenchmark.RunAsync(args[1..]),
    "all" => await AllBenchmark.RunAsync(args[1..], ingest: true, grpc: true),
    "endtoend" => await AllBenchmark.RunAsync(args[1..], ingest: true, grpc: false),
    "grpc" => await AllBenchmark.RunAsync(args[1..], ingest: false, grpc: true),
    "emulator" => await EmulatorProcess.RunChildAsync(args[1..]),
    "store" => await StoreBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        Usage: MCU.Hub.Bench <benchmark> [options]

        Benchmarks:
          all       issue 10 in one run: end-to-end ingest vs raw LiteDB, gRPC vs ingest and vs an echo service,
                    memory after 100k vs after all messages; a Markdown table with targets and PASS/FAIL
                      --messages 1000000      messages the ПОС emulator publishes and the hub ingests
                      --batch 500             items per pull (and page size)
                      --memory-at 100000      where the first memory sample is taken
                      --grpc-messages 100000  messages streamed through SubmitMessages
                      --streams 1             concurrent SubmitMessages calls
                      --concurrency 64        concurrent SubmitMessage callers
                      --seconds 10            duration of the unary run
                      --escalation-scan T     McuHub:Escalation:ScanInterval of the host (default: the host's, 1 min)
          endtoend  the ingest and memory part of `all`
          grpc      the gRPC part of `all` on an empty store (no ingest reference)
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

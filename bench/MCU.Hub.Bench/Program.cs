using MCU.Hub.Bench.Ingest;
using MCU.Hub.Bench.Rules;

// Each benchmark is a verb: `dotnet run -c Release --project bench/MCU.Hub.Bench -- rules [options]`.
return args.FirstOrDefault() switch
{
    "rules" => await RulesBenchmark.RunAsync(args[1..]),
    "ingest" => await IngestBenchmark.RunAsync(args[1..]),
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
        """);
    return 2;
}

using MCU.Hub.Bench;

// Each benchmark is a verb: `dotnet run -c Release --project bench/MCU.Hub.Bench -- rules [options]`; `--help` lists them.
return await BenchCli.Root().Parse(args).InvokeAsync();

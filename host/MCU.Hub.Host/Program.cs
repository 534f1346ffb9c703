using MCU.Hub.Host;
using MCU.Hub.Host.Cli;

if (HostCli.IsCommand(args))
    return HostCli.Run(args, Console.Out, Console.Error);

try
{
    var app = McuHubHost.Build(McuHubHost.CreateBuilder(args));
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (MCU.Hub.Storage.HubStoreUnavailableException.Find(ex) is { } store)
{
    // The operator needs the file and the cause, not a stack trace.
    await Console.Error.WriteLineAsync("MCU.Hub не запущен: " + store.Message);
    return 3;
}

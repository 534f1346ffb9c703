using MCU.Hub.Host;
using MCU.Hub.Host.Cli;

if (HostCli.IsCommand(args))
    return HostCli.Run(args, Console.Out, Console.Error);

var app = McuHubHost.Build(McuHubHost.CreateBuilder(args));
await app.RunAsync();
return 0;

using MCU.Hub.Host;

var builder = McuHubHost.CreateBuilder(args);
var app = McuHubHost.Build(builder);
await app.RunAsync();

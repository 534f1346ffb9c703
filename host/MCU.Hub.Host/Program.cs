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
catch (Exception ex) when (InvalidSettings(ex) is { Count: > 0 } failures)
{
    // A setting out of range is the operator's to fix: each failure names its setting; a stack trace would bury it.
    await Console.Error.WriteLineAsync("MCU.Hub не запущен: неверная конфигурация: " + string.Join("; ", failures));
    return 2;
}

// The options validated at start fail as one OptionsValidationException, or several in an AggregateException.
static List<string> InvalidSettings(Exception error) => error switch
{
    Microsoft.Extensions.Options.OptionsValidationException invalid => [.. invalid.Failures],
    AggregateException many => [.. many.InnerExceptions.SelectMany(InvalidSettings)],
    _ => [],
};

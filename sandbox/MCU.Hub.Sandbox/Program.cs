using System.Globalization;
using MCU.Hub;
using MCU.Hub.Emulators.Pos;
using MCU.Hub.Host;
using MCU.Hub.Host.Channels;
using MCU.Hub.Storage;
using Microsoft.Extensions.Options;

// The demo run: an emulated ПОС on loopback produces Russian citizen messages; the hub loads its plugins,
// pulls them through the ПОС connector into a LiteDB file and serves the gRPC API.
var emulatorPort = int.Parse(Environment.GetEnvironmentVariable("MCUHUB_DEMO_POS_PORT") ?? "5190", CultureInfo.InvariantCulture);
await using var pos = await PosEmulator.StartAsync(new PosEmulatorOptions
{
    Port = emulatorPort,
    Seed = 2026,
    TotalMessages = 5_000,
    InitialMessages = 300,
    MessagesPerSecond = 3,
    Token = "demo-token",
});

var builder = McuHubHost.CreateBuilder(args, b =>
{
    b.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "demo.json"), optional: false);
    b.Configuration.AddInMemoryCollection([new("McuHub:Channels:pos:Settings:BaseAddress", pos.BaseAddress.AbsoluteUri)]);
    b.Configuration.AddEnvironmentVariables();
    b.Configuration.AddCommandLine(args);
});
var app = McuHubHost.Build(builder);
await app.StartAsync();

var options = app.Services.GetRequiredService<IOptions<McuHubOptions>>().Value;
Console.WriteLine();
Console.WriteLine("MCU.Hub — демонстрационный запуск");
Console.WriteLine($"  gRPC API:           {string.Join(", ", app.Urls)}");
Console.WriteLine($"  эмулятор ПОС:       {pos.BaseAddress}");
Console.WriteLine($"  база данных LiteDB: {Path.GetFullPath(options.DatabasePath)}");
Console.WriteLine("  Ctrl+C — остановить.");
Console.WriteLine();

var store = app.Services.GetRequiredService<IHubStore>();
var statuses = app.Services.GetRequiredService<ChannelStatusRegistry>();
var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
try
{
    while (!lifetime.ApplicationStopping.IsCancellationRequested)
    {
        await Task.Delay(TimeSpan.FromSeconds(10), lifetime.ApplicationStopping);
        var stored = await store.CountMessagesAsync(CancellationToken.None);
        var channels = string.Join("; ", statuses.All.Select(s => $"{s.DisplayName}: принято {s.Ingested}, повторов {s.Duplicates}, отклонено {s.Rejected}"));
        Console.WriteLine($"[{app.Services.GetRequiredService<TimeProvider>().GetLocalNow():HH:mm:ss}] в базе {stored} сообщений; {channels}");
    }
}
catch (OperationCanceledException)
{
}

await app.WaitForShutdownAsync();

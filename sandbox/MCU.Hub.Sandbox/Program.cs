using System.Globalization;
using MCU.Hub;
using MCU.Hub.Emulators.Edds;
using MCU.Hub.Emulators.GovPublics;
using MCU.Hub.Emulators.IncidentManagement;
using MCU.Hub.Emulators.PayAttention;
using MCU.Hub.Emulators.Pos;
using MCU.Hub.Host;
using MCU.Hub.Host.Channels;
using MCU.Hub.Storage;
using Microsoft.Extensions.Options;

// The demo run: emulators of the five channels on loopback produce Russian citizens' messages, incidents, official
// pages and ЕДДС cards; the hub loads its plugins, pulls everything into a LiteDB file and serves the gRPC API.
// The emulators start afresh on every run, so the demo's database does too (pass --keep-data to keep it).
var keepData = args.Contains("--keep-data");
args = [.. args.Where(a => a != "--keep-data")];
var basePort = int.Parse(Environment.GetEnvironmentVariable("MCUHUB_DEMO_PORT_BASE") ?? "5190", CultureInfo.InvariantCulture);
const string Token = "demo-token";
const string DemoAdminKey = "demo-admin-key";
const string DemoRegionKey = "demo-region-key";
const string DemoHeadKey = "demo-head-key";
const string DemoSpecialistKey = "demo-specialist-key";
const string DemoExecutorKey = "demo-executor-key";
await using var pos = await PosEmulator.StartAsync(new PosEmulatorOptions
{
    Port = basePort, Seed = 2026, TotalMessages = 5_000, InitialMessages = 300, MessagesPerSecond = 3, Token = Token,
});
await using var incidents = await IncidentManagementEmulator.StartAsync(new IncidentManagementEmulatorOptions
{
    Port = basePort + 1, Seed = 2026, TotalIncidents = 2_000, InitialIncidents = 60, IncidentsPerSecond = 0.5, Token = Token,
});
await using var portal = await PayAttentionEmulator.StartAsync(new PayAttentionEmulatorOptions
{
    Port = basePort + 2, Seed = 2026, TotalMessages = 2_000, InitialMessages = 80, MessagesPerSecond = 0.5, Token = Token,
});
await using var publics = await GovPublicsEmulator.StartAsync(new GovPublicsEmulatorOptions
{
    Port = basePort + 3, Seed = 2026, PageCount = 14, HistoryWeeks = 8, Token = Token,
});
await using var edds = await EddsEmulator.StartAsync(new EddsEmulatorOptions
{
    Port = basePort + 4, Seed = 2026, TotalCards = 2_000, InitialCards = 150, CardsPerSecond = 0.5, Token = Token,
});

var builder = McuHubHost.CreateBuilder(args, b =>
{
    b.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "demo.json"), optional: false);
    b.Configuration.AddInMemoryCollection(
    [
        new("McuHub:Channels:pos:Settings:BaseAddress", pos.BaseAddress.AbsoluteUri),
        new("McuHub:Channels:incident-management:Settings:BaseAddress", incidents.BaseAddress.AbsoluteUri),
        new("McuHub:Channels:pay-attention:Settings:BaseAddress", portal.BaseAddress.AbsoluteUri),
        new("McuHub:Channels:gov-publics:Settings:BaseAddress", publics.BaseAddress.AbsoluteUri),
        new("McuHub:Channels:edds:Settings:BaseAddress", edds.BaseAddress.AbsoluteUri),
        // Demo credentials, printed below; a real host takes its own from «apikey new».
        new("McuHub:Security:ApiKeys:0:Name", "demo-admin"),
        new("McuHub:Security:ApiKeys:0:KeyHash", MCU.Hub.Host.Security.ApiKeyHash.Of(DemoAdminKey)),
        new("McuHub:Security:ApiKeys:0:Scopes:0", "admin"),
        new("McuHub:Security:ApiKeys:1:Name", "demo-region"),
        new("McuHub:Security:ApiKeys:1:KeyHash", MCU.Hub.Host.Security.ApiKeyHash.Of(DemoRegionKey)),
        new("McuHub:Security:ApiKeys:1:Scopes:0", "region"),

        // The working cycle's people: the МЦУ head edits rules, a specialist approves answers, an executor of the
        // roads department drafts them (and may neither approve nor edit rules).
        new("McuHub:Security:ApiKeys:2:Name", "demo-head"),
        new("McuHub:Security:ApiKeys:2:KeyHash", MCU.Hub.Host.Security.ApiKeyHash.Of(DemoHeadKey)),
        new("McuHub:Security:ApiKeys:2:Roles:0", MCU.Hub.People.Roles.Head),
        new("McuHub:Security:ApiKeys:3:Name", "demo-specialist"),
        new("McuHub:Security:ApiKeys:3:KeyHash", MCU.Hub.Host.Security.ApiKeyHash.Of(DemoSpecialistKey)),
        new("McuHub:Security:ApiKeys:3:Roles:0", MCU.Hub.People.Roles.McuSpecialist),
        new("McuHub:Security:ApiKeys:4:Name", "demo-executor"),
        new("McuHub:Security:ApiKeys:4:KeyHash", MCU.Hub.Host.Security.ApiKeyHash.Of(DemoExecutorKey)),
        new("McuHub:Security:ApiKeys:4:Roles:0", MCU.Hub.People.Roles.Executor),
        new("McuHub:Security:ApiKeys:4:Recipients:0", "roads-dept"),
    ]);
    b.Configuration.AddEnvironmentVariables();
    b.Configuration.AddCommandLine(args);
});
var databasePath = builder.Configuration["McuHub:DatabasePath"]!;
if (!keepData)
{
    foreach (var file in new[] { databasePath, Path.ChangeExtension(databasePath, null) + "-log" + Path.GetExtension(databasePath) })
    {
        if (File.Exists(file))
            File.Delete(file);
    }
}

var app = McuHubHost.Build(builder);
await app.StartAsync();

var options = app.Services.GetRequiredService<IOptions<McuHubOptions>>().Value;
Console.WriteLine();
Console.WriteLine("MCU.Hub — демонстрационный запуск");
Console.WriteLine($"  gRPC и JSON API:     {string.Join(", ", app.Urls)} (gRPC — HTTP/2, JSON — HTTP/1.1)");
Console.WriteLine($"  эмуляторы:          ПОС {pos.BaseAddress}, «Инцидент Менеджмент» {incidents.BaseAddress},");
Console.WriteLine($"                      «Обращаем внимание» {portal.BaseAddress}, «Госпаблики» {publics.BaseAddress}, ЕДДС {edds.BaseAddress}");
Console.WriteLine($"  база данных LiteDB: {Path.GetFullPath(options.DatabasePath)}");
Console.WriteLine($"  ключи API (x-api-key): администратор {DemoAdminKey}, ЦУР (без персональных данных) {DemoRegionKey}");
Console.WriteLine($"                      руководитель МЦУ {DemoHeadKey}, специалист МЦУ {DemoSpecialistKey},");
Console.WriteLine($"                      исполнитель (дорожный отдел) {DemoExecutorKey}");
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
        var channels = string.Join("; ", statuses.All.Select(s => $"{s.DisplayName}: {s.Ingested}" + (s.Records > 0 ? $" (+{s.Records} зап.)" : "") + (s.LastError is null ? "" : " — ошибка")));
        Console.WriteLine($"[{app.Services.GetRequiredService<TimeProvider>().GetLocalNow():HH:mm:ss}] в базе {stored} сообщений; {channels}");
    }
}
catch (OperationCanceledException)
{
}

await app.WaitForShutdownAsync();

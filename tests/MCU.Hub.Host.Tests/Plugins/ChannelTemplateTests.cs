using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using MCU.Hub.Grpc.V1;
using MCU.Hub.Host.Plugins;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MCU.Hub.Host.Tests.Plugins;

/// <summary>
/// A municipality's own connector: made from the <c>mcuhub-channel</c> template, built against the packed
/// MCU.Hub.Abstractions package alone (outside this repository's build), then loaded and run by the host.
/// </summary>
public sealed class ChannelTemplateTests
{
    private static readonly string RepoRoot = FindRepoRoot();

    [Fact]
    public async Task Template_BuiltOutOfTree_IsLoadedByTheHostAndExchangesMessagesAndAnswers()
    {
        var work = Path.Combine(Path.GetTempPath(), "mcu-hub-tests", "template-" + Guid.NewGuid().ToString("N"));
        var feed = Path.Combine(work, "feed");
        var source = Path.Combine(work, "src");
        var plugins = Path.Combine(work, "plugins");
        System.IO.Directory.CreateDirectory(work);
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

        await RunAsync("dotnet", work, "pack", Path.Combine(RepoRoot, "core", "MCU.Hub.Abstractions", "MCU.Hub.Abstractions.csproj"), "--no-build", "-c", configuration, "-o", feed);
        await RunAsync("dotnet", work, "new", "install", Path.Combine(RepoRoot, "templates", "McuHub.Channel"), "--debug:custom-hive", Path.Combine(work, "hive"));
        await RunAsync("dotnet", work, "new", "mcuhub-channel", "-n", "Gorod.Portal", "-o", source, "--code", "gorod-portal", "--displayName", "Портал «Наш город»", "--debug:custom-hive", Path.Combine(work, "hive"));
        await File.WriteAllTextAsync(Path.Combine(source, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{Path.Combine(work, "packages")}" /></config>
              <packageSources><add key="mcu-hub-local" value="{feed}" /></packageSources>
            </configuration>
            """);
        await RunAsync("dotnet", source, "publish", "-c", "Release", "-o", Path.Combine(plugins, "Gorod.Portal"));
        Assert.False(File.Exists(Path.Combine(plugins, "Gorod.Portal", "MCU.Hub.Abstractions.dll")), "the plugin must not ship the contract");

        await using var portal = await PortalEmulator.StartAsync();
        await using var host = await TestHost.StartAsync(Path.Combine(work, "hub.db"), new Dictionary<string, string?>
        {
            ["McuHub:Host:PluginsPath"] = plugins,
            ["McuHub:Host:Outbox:PollInterval"] = "00:00:00.100",
            ["McuHub:Channels:gorod-portal:Enabled"] = "true",
            ["McuHub:Channels:gorod-portal:PollInterval"] = "00:00:00.200",
            ["McuHub:Channels:gorod-portal:Settings:BaseAddress"] = portal.BaseAddress,
        });

        var loaded = Assert.Single(host.App.Services.GetRequiredService<PluginCatalog>().Loaded);
        Assert.Equal("Портал «Наш город»", loaded.Descriptor!.DisplayName);
        Assert.Equal(PortalEmulator.Count, await host.WaitForMessagesAsync(PortalEmulator.Count, TimeSpan.FromSeconds(30)));

        var id = (await host.Store.FindBySourceAsync("gorod-portal", "p-3", CancellationToken.None))!.Id;
        await new MessageService.MessageServiceClient(host.Channel).AnswerMessageAsync(new AnswerMessageRequest { Id = id, Text = "Контейнеры вывезены." });
        var deadline = Environment.TickCount64 + 30_000;
        while (portal.Answers.IsEmpty && Environment.TickCount64 < deadline)
            await Task.Delay(100);
        await Task.Delay(300);
        Assert.Equal(["p-3: Контейнеры вывезены."], portal.Answers.ToArray());

        System.IO.Directory.Delete(work, recursive: true);
    }

    private static async Task RunAsync(string file, string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} exited {process.ExitCode}:\n{await output}\n{await error}");
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MCU.Hub.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException("MCU.Hub.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The external system the template's connector speaks to: the JSON contract written in its remarks.</summary>
    private sealed class PortalEmulator : IAsyncDisposable
    {
        public const int Count = 12;
        private readonly WebApplication _app;
        private readonly ConcurrentDictionary<string, string> _keys = new();

        private PortalEmulator(WebApplication app) => _app = app;

        public ConcurrentQueue<string> Answers { get; } = new();

        public string BaseAddress => _app.Urls.First() + "/";

        public static async Task<PortalEmulator> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Configuration.Sources.Clear();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http1));
            var app = builder.Build();
            var emulator = new PortalEmulator(app);
            var created = new DateTimeOffset(2026, 11, 16, 9, 0, 0, TimeSpan.FromHours(3));
            var items = Enumerable.Range(1, Count).Select(i => new
            {
                id = "p-" + i,
                text = $"Обращение {i}: переполнены мусорные контейнеры во дворе дома {i} по улице Мира",
                created_at = created.AddMinutes(i),
                address = $"ул. Мира, {i}",
            }).ToArray();
            app.MapGet("/items", (int limit, string? after) =>
            {
                var start = after is null ? 0 : int.Parse(after, System.Globalization.CultureInfo.InvariantCulture);
                var page = items.Skip(start).Take(limit).ToArray();
                var next = start + page.Length;
                return Results.Json(new { items = page, next_cursor = next.ToString(System.Globalization.CultureInfo.InvariantCulture), has_more = next < items.Length });
            });
            app.MapPost("/items/{id}/answers", (string id, AnswerBody body) =>
            {
                var first = emulator._keys.TryAdd(body.idempotency_key, id);
                if (first)
                    emulator.Answers.Enqueue($"{id}: {body.text}");
                return Results.Json(new { answer_id = "a-" + body.idempotency_key });
            });
            await app.StartAsync();
            return emulator;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();

#pragma warning disable IDE1006, SA1300 // JSON field names of the template's contract.
        private sealed record AnswerBody(string text, string status, string idempotency_key);
#pragma warning restore IDE1006, SA1300
    }
}

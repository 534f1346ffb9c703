using System.Globalization;
using MCU.Hub.Host;
using MCU.Hub.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MCU.Hub.Bench.All;

/// <summary>The real MCU.Hub host in this process: plugins from disk, the channel workers, Kestrel and the gRPC API.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private BenchHost(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public IHubStore Store => App.Services.GetRequiredService<IHubStore>();

    /// <summary>Starts the host on <paramref name="databasePath"/>; with <paramref name="pos"/>, the ПОС channel pulls from it.</summary>
    public static async Task<BenchHost> StartAsync(string databasePath, Uri? pos, int batchSize, string? escalationScan = null)
    {
        var config = new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Grpc:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:Grpc:Protocols"] = "Http2",
            ["Kestrel:Endpoints:Http:Url"] = "http://127.0.0.1:0",
            ["McuHub:DatabasePath"] = databasePath,
            ["McuHub:Host:PluginsPath"] = "plugins",
            ["McuHub:ApiChannels:0"] = "api",
            ["McuHub:Recipients:0:Code"] = "roads-dept",
            ["McuHub:Recipients:0:Name"] = "Управление дорожного хозяйства",
            ["McuHub:Recipients:1:Code"] = "housing-dept",
            ["McuHub:Recipients:1:Name"] = "Управление ЖКХ",
            ["McuHub:Rules:0:Name"] = "Дороги",
            ["McuHub:Rules:0:Categories:0"] = "roads",
            ["McuHub:Rules:0:Recipients:0"] = "roads-dept",
            ["McuHub:Rules:1:Name"] = "ЖКХ",
            ["McuHub:Rules:1:Categories:0"] = "housing-utilities",
            ["McuHub:Rules:1:Recipients:0"] = "housing-dept",
            ["McuHub:Reports:Schedule"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in BenchGrpc.HostSettings)
            config[key] = value;
        if (escalationScan is not null)
            config["McuHub:Escalation:ScanInterval"] = escalationScan;
        if (pos is not null)
        {
            var size = batchSize.ToString(CultureInfo.InvariantCulture);
            config["McuHub:Channels:pos:Enabled"] = "true";
            config["McuHub:Channels:pos:PollInterval"] = "00:00:00.200";
            config["McuHub:Channels:pos:BatchSize"] = size;
            config["McuHub:Channels:pos:MaxRequestsPerSecond"] = "0";
            config["McuHub:Channels:pos:Settings:BaseAddress"] = pos.AbsoluteUri;
            config["McuHub:Channels:pos:Settings:Token"] = EmulatorProcess.Token;
            config["McuHub:Channels:pos:Settings:PageSize"] = size;
        }

        var builder = McuHubHost.CreateBuilder([], b => b.Configuration.AddInMemoryCollection(config));
        var app = McuHubHost.Build(builder);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BenchHost(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

using Grpc.Core;
using Grpc.Net.Client;
using MCU.Hub.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MCU.Hub.Host.Tests;

/// <summary>The real host on a loopback port and a LiteDB file, with a gRPC channel to it.</summary>
internal sealed class TestHost : IAsyncDisposable
{
    /// <summary>The key of the default test credential: the default municipality, scopes read, write and admin.</summary>
    public const string AdminKey = "test-admin-key";

    private TestHost(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
        Channel = ChannelFor(address, AdminKey);
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public GrpcChannel Channel { get; }

    public IHubStore Store => App.Services.GetRequiredService<IHubStore>();

    /// <summary>Opens a gRPC channel whose every call carries an API key (none when <see langword="null"/>).</summary>
    public static GrpcChannel ChannelFor(Uri address, string? apiKey)
    {
        if (apiKey is null)
            return GrpcChannel.ForAddress(address);
        var credentials = CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("x-api-key", apiKey);
            return Task.CompletedTask;
        });
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, credentials),
            UnsafeUseInsecureChannelCallCredentials = true,
        });
    }

    /// <summary>Opens a channel with another API key to this host.</summary>
    public GrpcChannel ChannelFor(string? apiKey) => ChannelFor(Address, apiKey);

    /// <summary>The settings of an API key credential at an index of <c>McuHub:Security:ApiKeys</c>.</summary>
    public static Dictionary<string, string?> Credential(int index, string name, string key, string tenant, params string[] scopes)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"McuHub:Security:ApiKeys:{index}:Name"] = name,
            [$"McuHub:Security:ApiKeys:{index}:KeyHash"] = global::MCU.Hub.Host.Security.ApiKeyHash.Of(key),
            [$"McuHub:Security:ApiKeys:{index}:Tenant"] = tenant,
            [$"McuHub:Security:ApiKeys:{index}:RequestsPerSecond"] = "0",
        };
        for (var i = 0; i < scopes.Length; i++)
            settings[$"McuHub:Security:ApiKeys:{index}:Scopes:{i}"] = scopes[i];
        return settings;
    }

    public static string NewDatabasePath() =>
        Path.Combine(Path.GetTempPath(), "mcu-hub-tests", Guid.NewGuid().ToString("N"), "hub.db");

    public static async Task<TestHost> StartAsync(string databasePath, IDictionary<string, string?>? settings = null)
    {
        var config = new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Grpc:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:Grpc:Protocols"] = "Http2",
            ["McuHub:DatabasePath"] = databasePath,
            ["McuHub:Host:PluginsPath"] = "test-plugins",
            ["McuHub:ApiChannels:0"] = "api",
            ["McuHub:Recipients:0:Code"] = "roads-dept",
            ["McuHub:Recipients:0:Name"] = "Управление дорожного хозяйства",
            ["McuHub:Rules:0:Name"] = "Дороги",
            ["McuHub:Rules:0:Categories:0"] = "roads",
            ["McuHub:Rules:0:Recipients:0"] = "roads-dept",
            ["Logging:LogLevel:Default"] = "Warning",
            // Scheduled reports would add «report.ready» events to tests that count events; the schedule has tests of its own.
            ["McuHub:Reports:Schedule"] = "false",
        };
        foreach (var (key, value) in Credential(0, "test-admin", AdminKey, "", "read", "write", "admin"))
            config[key] = value;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            config[key] = value;

        var builder = McuHubHost.CreateBuilder([], b => b.Configuration.AddInMemoryCollection(config));
        var app = McuHubHost.Build(builder);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestHost(app, new Uri(address));
    }

    public async Task<long> WaitForMessagesAsync(long count, TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        long stored;
        while ((stored = await Store.CountMessagesAsync(CancellationToken.None)) < count && Environment.TickCount64 < deadline)
            await Task.Delay(50);
        return stored;
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using MCU.Hub.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MCU.Hub.Host.Tests;

/// <summary>The real host on a loopback port and a LiteDB file, with a gRPC channel to it.</summary>
internal sealed class TestHost : IAsyncDisposable
{
    /// <summary>The key of the default test credential: the default municipality, scopes read, write and admin.</summary>
    public const string AdminKey = "test-admin-key";

    private TestHost(WebApplication app, Uri address, Uri httpAddress)
    {
        App = app;
        Address = address;
        HttpAddress = httpAddress;
        Channel = ChannelFor(address, AdminKey);
        Http = HttpFor(AdminKey);
    }

    public WebApplication App { get; }

    /// <summary>Gets the gRPC (HTTP/2) endpoint.</summary>
    public Uri Address { get; }

    /// <summary>Gets the JSON (HTTP/1.1) endpoint of the same services.</summary>
    public Uri HttpAddress { get; }

    /// <summary>Gets an HTTP/1.1 client of <see cref="HttpAddress"/> whose every request carries <see cref="AdminKey"/>.</summary>
    public HttpClient Http { get; }

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

    /// <summary>Creates an HTTP/1.1 client of the JSON endpoint whose every request carries an API key (none when <see langword="null"/>).</summary>
    public HttpClient HttpFor(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = HttpAddress, DefaultRequestVersion = HttpVersion.Version11, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        if (apiKey is not null)
            client.DefaultRequestHeaders.Add("x-api-key", apiKey);
        return client;
    }

    public static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

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

    public static async Task<TestHost> StartAsync(string databasePath, IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var config = new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Grpc:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:Grpc:Protocols"] = "Http2",
            ["Kestrel:Endpoints:Http:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:Http:Protocols"] = "Http1",
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

        // Both endpoints bind port 0; Kestrel writes the bound port back into each endpoint's ListenOptions.
        ListenOptions? grpc = null, http = null;
        var builder = McuHubHost.CreateBuilder([], b =>
        {
            b.Configuration.AddInMemoryCollection(config);
            b.WebHost.ConfigureKestrel(k => k.ConfigurationLoader!
                .Endpoint("Grpc", e => grpc = e.ListenOptions)
                .Endpoint("Http", e => http = e.ListenOptions));
            configure?.Invoke(b);
        });
        var app = McuHubHost.Build(builder);
        await app.StartAsync();
        return new TestHost(app, Url(grpc), Url(http));
    }

    private static Uri Url(ListenOptions? options) =>
        options?.IPEndPoint is { } endPoint ? new Uri($"http://{endPoint}") : throw new InvalidOperationException("Kestrel did not bind the endpoint.");

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
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

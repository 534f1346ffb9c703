using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MCU.Hub.Host;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;

namespace MCU.Hub.Dashboard.Tests;

/// <summary>The real host on loopback ports and a LiteDB file, with the credentials the dashboard tests sign in with.</summary>
internal sealed class DashboardHost : IAsyncDisposable
{
    /// <summary>Scopes read, write and admin in the default municipality.</summary>
    public const string AdminKey = "dash-admin-key";

    /// <summary>Scope read only.</summary>
    public const string ReaderKey = "dash-reader-key";

    /// <summary>A regional center (ЦУР): scope region, personal data masked.</summary>
    public const string RegionKey = "dash-region-key";

    private DashboardHost(WebApplication app, Uri httpAddress, string databasePath)
    {
        App = app;
        HttpAddress = httpAddress;
        DatabasePath = databasePath;
    }

    public WebApplication App { get; }

    /// <summary>Gets the HTTP/1.1 endpoint: the dashboard and the JSON API.</summary>
    public Uri HttpAddress { get; }

    public string DatabasePath { get; }

    public static async Task<DashboardHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var databasePath = Path.Combine(Path.GetTempPath(), "mcu-hub-dashboard-tests", Guid.NewGuid().ToString("N"), "hub.db");
        var year = TimeProvider.System.GetLocalNow().Year.ToString(CultureInfo.InvariantCulture);
        var config = new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Grpc:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:Grpc:Protocols"] = "Http2",
            ["Kestrel:Endpoints:Http:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:Http:Protocols"] = "Http1",
            ["McuHub:DatabasePath"] = databasePath,
            ["McuHub:Host:PluginsPath"] = "no-plugins",
            ["McuHub:Tenants:0:Oktmo"] = "71879000",
            ["McuHub:Tenants:0:Name"] = "Город Нягань",
            ["McuHub:ApiChannels:0"] = "api",
            ["McuHub:ApiChannels:1"] = "pos",
            ["McuHub:ApiChannels:2"] = "pay-attention",
            ["McuHub:Recipients:0:Code"] = "roads-dept",
            ["McuHub:Recipients:0:Name"] = "Управление дорожного хозяйства",
            ["McuHub:Recipients:1:Code"] = "utilities",
            ["McuHub:Recipients:1:Name"] = "МКУ «Служба ЖКХ»",
            ["McuHub:Recipients:2:Code"] = "improvement",
            ["McuHub:Recipients:2:Name"] = "Отдел благоустройства",
            ["McuHub:Territories:0:Code"] = "central",
            ["McuHub:Territories:0:Name"] = "Центральный район",
            ["McuHub:Territories:0:AddressKeywords:0"] = "Ленина",
            ["McuHub:Territories:0:GeoJson"] = """{"type":"Polygon","coordinates":[[[65.36,62.13],[65.42,62.13],[65.42,62.16],[65.36,62.16],[65.36,62.13]]]}""",
            ["McuHub:Territories:1:Code"] = "north",
            ["McuHub:Territories:1:Name"] = "Северный район",
            ["McuHub:Territories:1:AddressKeywords:0"] = "Северная",
            ["McuHub:Territories:1:GeoJson"] = """{"type":"Polygon","coordinates":[[[65.36,62.16],[65.42,62.16],[65.42,62.19],[65.36,62.19],[65.36,62.16]]]}""",
            ["McuHub:Rules:0:Name"] = "Дороги",
            ["McuHub:Rules:0:Categories:0"] = "roads",
            ["McuHub:Rules:0:Recipients:0"] = "roads-dept",
            ["McuHub:Rules:0:FastTrack"] = "true",
            ["McuHub:Rules:0:AutomatedDelivery"] = "true",
            ["McuHub:Rules:1:Name"] = "ЖКХ",
            ["McuHub:Rules:1:Categories:0"] = "housing-utilities",
            ["McuHub:Rules:1:Recipients:0"] = "utilities",
            ["McuHub:Rules:1:AutomatedDelivery"] = "true",
            ["McuHub:Rules:2:Name"] = "Благоустройство и мусор",
            ["McuHub:Rules:2:Categories:0"] = "improvement",
            ["McuHub:Rules:2:Categories:1"] = "waste",
            ["McuHub:Rules:2:Recipients:0"] = "improvement",
            ["McuHub:Kpi:Rating:MinimumVolume"] = "1",
            [$"McuHub:Kpi:Plans:fast-track-share:{year}"] = "90",
            [$"McuHub:Kpi:Plans:automated-delivery-share:{year}"] = "70",
            [$"McuHub:Kpi:Plans:automated-control-share:{year}"] = "50",
            ["McuHub:Reports:Schedule"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        Add(config, Credential(0, "Руководитель МЦУ", AdminKey, "read", "write", "admin"));
        Add(config, Credential(1, "Специалист МЦУ", ReaderKey, "read"));
        Add(config, Credential(2, "ЦУР", RegionKey, "region"));
        Add(config, settings);

        ListenOptions? http = null;
        var builder = McuHubHost.CreateBuilder([], b =>
        {
            b.Configuration.AddInMemoryCollection(config);
            b.WebHost.ConfigureKestrel(k => k.ConfigurationLoader!.Endpoint("Http", e => http = e.ListenOptions));
        });
        var app = McuHubHost.Build(builder);
        await app.StartAsync();
        var address = http?.IPEndPoint is { } endPoint ? new Uri($"http://{endPoint}") : throw new InvalidOperationException("Kestrel did not bind the Http endpoint.");
        return new DashboardHost(app, address, databasePath);
    }

    private static void Add(Dictionary<string, string?> config, IDictionary<string, string?>? settings)
    {
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            config[key] = value;
    }

    private static Dictionary<string, string?> Credential(int index, string name, string key, params string[] scopes)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"McuHub:Security:ApiKeys:{index}:Name"] = name,
            [$"McuHub:Security:ApiKeys:{index}:KeyHash"] = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key))),
            [$"McuHub:Security:ApiKeys:{index}:RequestsPerSecond"] = "0",
        };
        for (var i = 0; i < scopes.Length; i++)
            settings[$"McuHub:Security:ApiKeys:{index}:Scopes:{i}"] = scopes[i];
        return settings;
    }

    /// <summary>Creates an HTTP/1.1 client of the JSON API whose every request carries an API key (none when <see langword="null"/>).</summary>
    public HttpClient Api(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = HttpAddress, DefaultRequestVersion = HttpVersion.Version11, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        if (apiKey is not null)
            client.DefaultRequestHeaders.Add("x-api-key", apiKey);
        return client;
    }

    /// <summary>Calls the JSON API and returns the body; fails the test on any status but 200.</summary>
    public async Task<JsonElement> GetAsync(string path, string apiKey = AdminKey)
    {
        using var client = Api(apiKey);
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Posts JSON to the API and returns the body; fails the test on any status but 200.</summary>
    public async Task<JsonElement> PostAsync(string path, object body, string apiKey = AdminKey)
    {
        using var client = Api(apiKey);
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST {path}: {(int)response.StatusCode} {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(Path.GetDirectoryName(DatabasePath)!, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left to the temp folder's cleanup.
        }
    }
}

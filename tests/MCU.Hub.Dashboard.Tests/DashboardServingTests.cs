using System.Net;
using System.Text.RegularExpressions;

namespace MCU.Hub.Dashboard.Tests;

/// <summary>How the host serves the dashboard: anonymously, with every asset its own, behind a strict content security policy.</summary>
public sealed partial class DashboardServingTests
{
    [Fact]
    public async Task Root_RedirectsToTheDashboard_WhoseFilesNeedNoKey()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.HttpAddress };

        using var root = await client.GetAsync("/");
        using var index = await client.GetAsync("/dashboard/");
        using var vendor = await client.GetAsync("/dashboard/vendor/chart.js/chart.umd.min.js");
        using var licence = await client.GetAsync("/dashboard/vendor/leaflet/LICENSE.txt");
        using var missing = await client.GetAsync("/dashboard/nothing-here.js");
        using var api = await client.GetAsync("/v1/session");

        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/dashboard/", root.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", index.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, vendor.StatusCode);
        Assert.Equal(HttpStatusCode.OK, licence.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        // The data is not anonymous: the API still wants a key.
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task OwnFiles_ReferenceNothingOutsideTheHost()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.Api(null);

        foreach (var file in new[] { "/dashboard/", "/dashboard/app.js", "/dashboard/app.css" })
        {
            var text = await client.GetStringAsync(file);
            Assert.Empty(ExternalReference().Matches(text));
        }
    }

    [Fact]
    public async Task Session_ReportsCallerScopesAndMasking()
    {
        await using var host = await DashboardHost.StartAsync();

        var admin = await host.GetAsync("/v1/session");
        var region = await host.GetAsync("/v1/session", DashboardHost.RegionKey);

        Assert.Equal("Руководитель МЦУ", admin.GetProperty("name").GetString());
        Assert.Equal(["read", "write", "admin"], admin.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.False(admin.GetProperty("personalDataMasked").GetBoolean());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", admin.GetProperty("today").GetString());
        Assert.True(region.GetProperty("personalDataMasked").GetBoolean());
        Assert.Equal(1, region.GetProperty("visibleTenants").GetArrayLength());
    }

    [Fact]
    public async Task TileUrl_GoesToThePageAndIntoTheContentSecurityPolicy()
    {
        await using var host = await DashboardHost.StartAsync(new Dictionary<string, string?>
        {
            ["McuHub:Dashboard:TileUrl"] = "https://tiles.example.ru/{z}/{x}/{y}.png",
            ["McuHub:Dashboard:TileAttribution"] = "© участники OpenStreetMap",
        });
        using var client = host.Api(null);

        using var index = await client.GetAsync("/dashboard/");
        var config = await client.GetStringAsync("/dashboard/config.json");

        Assert.Contains("img-src 'self' data: blob: https://tiles.example.ru", index.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("https://tiles.example.ru/{z}/{x}/{y}.png", config, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tiles.example.ru/{z}/{x}/{y}.png", "абсолютный адрес")]
    [InlineData("https://tiles.example.ru/{z}/{x}.png", "нет {y}")]
    [InlineData("ftp://tiles.example.ru/{z}/{x}/{y}.png", "абсолютный адрес")]
    public async Task TileUrl_Invalid_StopsTheStartNamingTheKey(string tileUrl, string expected)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var host = await DashboardHost.StartAsync(new Dictionary<string, string?> { ["McuHub:Dashboard:TileUrl"] = tileUrl });
        });

        Assert.Contains("McuHub:Dashboard:TileUrl", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabled_ServesNoDashboard()
    {
        await using var host = await DashboardHost.StartAsync(new Dictionary<string, string?> { ["McuHub:Dashboard:Enabled"] = "false" });
        using var client = host.Api(null);

        using var index = await client.GetAsync("/dashboard/");

        Assert.NotEqual(HttpStatusCode.OK, index.StatusCode);
    }

    // src=, href= or url() with a scheme and host: anything a browser would fetch from elsewhere.
    [GeneratedRegex(@"(src|href)\s*=\s*[""']?\s*(https?:)?//|url\(\s*[""']?(https?:)?//|import\s+[^;]*from\s+[""']https?:", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}

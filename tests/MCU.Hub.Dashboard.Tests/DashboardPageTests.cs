using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace MCU.Hub.Dashboard.Tests;

/// <summary>The dashboard in a real headless Chromium against a host seeded with known messages: what it shows is the API's answer.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardPageTests(DashboardFixture fixture)
{
    private DashboardHost Host => fixture.Host;

    private async Task<string> TodayAsync() => (await Host.GetAsync("/v1/session")).GetProperty("today").GetString()!;

    [Fact]
    public async Task SignIn_AdminKey_ShowsCredentialMunicipalityAndScopes()
    {
        var page = await fixture.SignInAsync(DashboardHost.AdminKey);

        Assert.Equal("Руководитель МЦУ", await page.TextContentAsync("#session-name"));
        Assert.Equal("Город Нягань (ОКТМО 71879000)", await page.TextContentAsync("#session-tenant"));
        var scopes = await page.Locator("#session-scopes [data-scope]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.scope)");
        Assert.Equal(["read", "write", "admin"], scopes);
        Assert.True(await page.Locator("#masked-banner").IsHiddenAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_UnknownKey_ShowsErrorAndStaysOnSignIn()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/dashboard/");
        await page.FillAsync("#api-key", "no-such-key");
        await page.ClickAsync("#signin-submit");

        await page.WaitForSelectorAsync("#signin-error:not([hidden])");
        Assert.Contains("не принят", await page.TextContentAsync("#signin-error"), StringComparison.Ordinal);
        Assert.True(await page.Locator("#app").IsHiddenAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Overview_InflowByChannel_EqualsApi()
    {
        var today = await TodayAsync();
        var api = await Host.GetAsync($"/v1/analytics/kpis/inflow/breakdown?period.from={today}&period.to={today}&dimension=DIMENSION_CHANNEL");
        var expected = api.GetProperty("rows").EnumerateArray()
            .Where(r => DashboardFixture.Number(r.GetProperty("value"), "fact") > 0)
            .ToDictionary(r => r.GetProperty("key").GetString()!, r => DashboardFixture.Number(r.GetProperty("value"), "fact")!.Value);
        var kpis = await Host.GetAsync($"/v1/analytics/kpis?period.from={today}&period.to={today}&indicatorIds=inflow");

        var page = await fixture.SignInAsync(DashboardHost.AdminKey);
        await DashboardFixture.ScreenshotAsync(page, "overview");

        var rows = page.Locator("[data-testid='inflow-by-channel'] tbody tr");
        var shown = new Dictionary<string, double>();
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            var row = rows.Nth(i);
            var cell = row.Locator("td.count");
            var value = DashboardFixture.Value(await cell.GetAttributeAsync("data-value"))!.Value;
            Assert.Equal(value.ToString("0", CultureInfo.InvariantCulture), (await cell.TextContentAsync())!.Trim());
            shown[(await row.GetAttributeAsync("data-channel"))!] = value;
        }

        // The seed: two through the API, three from ПОС, one from «Обращаем внимание».
        Assert.Equal(new Dictionary<string, double> { ["api"] = 2, ["pos"] = 3, ["pay-attention"] = 1 }, expected);
        Assert.Equal(expected, shown);
        var total = DashboardFixture.Number(kpis.GetProperty("values")[0], "fact");
        Assert.Equal(total, DashboardFixture.Value(await page.Locator("[data-testid='inflow-total'] .value").GetAttributeAsync("data-value")));
        Assert.Equal(1, await page.Locator(".chart-box canvas").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Overview_DueList_ShowsOverdueAndNearWithRecipients()
    {
        var page = await fixture.SignInAsync(DashboardHost.AdminKey);

        var overdue = page.Locator($"[data-testid='due-messages'] tr[data-message-id='{fixture.Ids["d-2"]}']");
        var near = page.Locator($"[data-testid='due-messages'] tr[data-message-id='{fixture.Ids["d-3"]}']");

        Assert.Equal("overdue", await overdue.Locator("[data-deadline]").GetAttributeAsync("data-deadline"));
        Assert.Equal("МКУ «Служба ЖКХ»", await overdue.Locator("td.recipients").TextContentAsync());
        Assert.Equal("near", await near.Locator("[data-deadline]").GetAttributeAsync("data-deadline"));
        Assert.Equal("Отдел благоустройства", await near.Locator("td.recipients").TextContentAsync());
        // Due in three days is neither near nor overdue, so it is not on the list.
        Assert.Equal(0, await page.Locator($"[data-testid='due-messages'] tr[data-message-id='{fixture.Ids["d-6"]}']").CountAsync());
        Assert.Equal("1", await page.Locator("[data-testid='overdue-now'] .value").GetAttributeAsync("data-value"));
        Assert.Equal("1", await page.Locator("[data-testid='near-deadline'] .value").GetAttributeAsync("data-value"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Kpi_FactValues_EqualApiForTheChosenPeriod()
    {
        var page = await fixture.SignInAsync(DashboardHost.AdminKey);
        await DashboardFixture.GoAsync(page, "#/kpi");
        var from = await page.InputValueAsync("#period-from");
        var to = await page.InputValueAsync("#period-to");
        var api = await Host.GetAsync($"/v1/analytics/kpis?period.from={from}&period.to={to}");
        await DashboardFixture.ScreenshotAsync(page, "kpi");

        var values = api.GetProperty("values").EnumerateArray().ToList();
        Assert.NotEmpty(values);
        foreach (var value in values)
        {
            var id = value.GetProperty("indicator").GetProperty("id").GetString()!;
            var fact = DashboardFixture.Number(value, "fact");
            var cell = page.Locator($"tr[data-indicator='{id}'] td.fact");
            Assert.Equal(fact, DashboardFixture.Value(await cell.GetAttributeAsync("data-value")));
            var text = (await cell.TextContentAsync())!;
            Assert.StartsWith(fact is { } f ? Math.Round(f, 1).ToString("0.#", CultureInfo.GetCultureInfo("ru-RU")) : "нет данных", text, StringComparison.Ordinal);
        }

        // The seed routes two of six to roads with fast-track: the share, its plan (90) and a progress bar are shown.
        var fastTrack = values.Single(v => v.GetProperty("indicator").GetProperty("id").GetString() == "fast-track-share");
        Assert.Equal(90, DashboardFixture.Number(fastTrack, "plan"));
        Assert.Equal(1, await page.Locator("tr[data-indicator='fast-track-share'] .progress").CountAsync());

        // Another period asks the API again.
        await page.ClickAsync("[data-preset='today']");
        await page.WaitForSelectorAsync("#view [data-page='kpi'][data-ready='true']");
        Assert.Equal(await page.InputValueAsync("#period-to"), await page.InputValueAsync("#period-from"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Messages_ChannelFilter_NarrowsTheList()
    {
        var api = await Host.GetAsync("/v1/messages?channel=pos&pageSize=100");
        var expected = api.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).ToList();
        var page = await fixture.SignInAsync(DashboardHost.AdminKey);
        await DashboardFixture.GoAsync(page, "#/messages");
        var all = await page.Locator("[data-testid='message-list'] tbody tr").CountAsync();

        await page.SelectOptionAsync("select[data-filter='channel']", "pos");
        await page.WaitForFunctionAsync("() => location.hash.includes('channel=pos') && document.querySelector(\"#view [data-page='messages'][data-ready='true']\")");
        await DashboardFixture.ScreenshotAsync(page, "messages-filtered");

        var ids = await page.Locator("[data-testid='message-list'] tbody tr").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.messageId)");
        Assert.Equal(6, all);
        Assert.Equal(3, expected.Count);
        Assert.Equal(expected, ids.Order(StringComparer.Ordinal));
        Assert.Equal("pos", await page.InputValueAsync("select[data-filter='channel']"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Messages_OverdueFilter_ShowsOnlyOverdue()
    {
        var page = await fixture.SignInAsync(DashboardHost.AdminKey);
        await DashboardFixture.GoAsync(page, "#/messages");

        await page.SelectOptionAsync("select[data-filter='due']", "overdue");
        await page.WaitForFunctionAsync("() => location.hash.includes('due=overdue') && document.querySelector(\"#view [data-page='messages'][data-ready='true']\")");

        var ids = await page.Locator("[data-testid='message-list'] tbody tr").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.messageId)");
        Assert.Equal([fixture.Ids["d-2"]], ids);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task MessageCard_Opens_WithTextHistoryRuleAnswerAndDelivery()
    {
        var id = fixture.Ids["d-1"];
        var api = await Host.GetAsync($"/v1/messages/{id}");
        var page = await fixture.SignInAsync(DashboardHost.AdminKey);
        await DashboardFixture.GoAsync(page, "#/messages");

        await page.ClickAsync($"[data-testid='message-list'] tr[data-message-id='{id}']");
        await page.WaitForSelectorAsync("[data-testid='message-card-title']");
        await page.WaitForSelectorAsync("#view [data-ready='true']");
        await DashboardFixture.ScreenshotAsync(page, "message-card");

        Assert.Equal(api.GetProperty("message").GetProperty("text").GetString(), await page.TextContentAsync("[data-testid='message-text']"));
        Assert.Equal(api.GetProperty("history").GetArrayLength(), await page.Locator("[data-testid='history'] tbody tr").CountAsync());
        Assert.True(api.GetProperty("history").GetArrayLength() >= 2);
        Assert.Contains("«Дороги»", await page.TextContentAsync("[data-testid='message-rule']"), StringComparison.Ordinal);
        Assert.Equal("Управление дорожного хозяйства", await page.TextContentAsync("[data-testid='message-recipients']"));
        Assert.StartsWith("Яма будет заделана", await page.TextContentAsync("[data-testid='message-answer']"), StringComparison.Ordinal);
        Assert.Equal("Иванов Иван Петрович", await page.TextContentAsync("[data-testid='author-name']"));
        Assert.Equal(api.GetProperty("deliveries").GetArrayLength(), await page.Locator("[data-testid='deliveries'] tbody tr").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task RegionKey_SeesMaskedAuthorAndNoWriteControls()
    {
        var page = await fixture.SignInAsync(DashboardHost.RegionKey);
        Assert.True(await page.Locator("#masked-banner").IsVisibleAsync());
        Assert.Equal(["region"], await page.Locator("#session-scopes [data-scope]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.scope)"));

        await DashboardFixture.GoAsync(page, "#/messages/" + fixture.Ids["d-1"]);
        await DashboardFixture.ScreenshotAsync(page, "message-card-region");

        Assert.True(await page.Locator("[data-testid='author-masked']").IsVisibleAsync());
        Assert.Equal("—", await page.TextContentAsync("[data-testid='author-name']"));
        Assert.Equal("—", await page.TextContentAsync("[data-testid='author-phone']"));
        var content = await page.ContentAsync();
        Assert.DoesNotContain("Иванов", content, StringComparison.Ordinal);
        Assert.DoesNotContain("123-45-67", content, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("[data-testid='answer-form']").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ReaderKey_HidesAnswerAndReportControls()
    {
        var page = await fixture.SignInAsync(DashboardHost.ReaderKey);
        await DashboardFixture.GoAsync(page, "#/messages/" + fixture.Ids["d-3"]);
        Assert.Equal(0, await page.Locator("[data-testid='answer-form']").CountAsync());
        await DashboardFixture.GoAsync(page, "#/reports");
        Assert.Equal(0, await page.GetByText("Сформировать отчёт").CountAsync());
        await page.Context.CloseAsync();

        var admin = await fixture.SignInAsync(DashboardHost.AdminKey);
        await DashboardFixture.GoAsync(admin, "#/messages/" + fixture.Ids["d-3"]);
        Assert.Equal(1, await admin.Locator("[data-testid='answer-form']").CountAsync());
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task Reports_Listed_AndXlsxDownloadsTheApiFile()
    {
        var api = await Host.GetAsync("/v1/reports?pageSize=100");
        var report = api.GetProperty("reports")[0];
        var xlsx = report.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("format").GetString() == "xlsx");
        var page = await fixture.SignInAsync(DashboardHost.AdminKey);
        await DashboardFixture.GoAsync(page, "#/reports");
        await DashboardFixture.ScreenshotAsync(page, "reports");

        Assert.Equal(api.GetProperty("reports").GetArrayLength(), await page.Locator("[data-testid='reports-table'] tbody tr").CountAsync());
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.ClickAsync($"tr[data-report-id='{report.GetProperty("id").GetString()}'] button[data-format='xlsx']"));
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path!);

        Assert.Equal(xlsx.GetProperty("fileName").GetString(), download.SuggestedFilename);
        Assert.Equal(long.Parse(xlsx.GetProperty("length").ToString(), CultureInfo.InvariantCulture), bytes.LongLength);
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task RatingsGrowthAndMap_ShowTheApiNumbers()
    {
        var page = await fixture.SignInAsync(DashboardHost.AdminKey);
        await DashboardFixture.GoAsync(page, "#/ratings");
        var from = await page.InputValueAsync("#period-from");
        var to = await page.InputValueAsync("#period-to");
        var period = $"period.from={from}&period.to={to}";
        await DashboardFixture.ScreenshotAsync(page, "ratings");

        var ratings = (await Host.GetAsync("/v1/analytics/ratings?" + period)).GetProperty("ratings").EnumerateArray().ToList();
        Assert.Equal(3, ratings.Count);
        foreach (var r in ratings)
        {
            var shown = await page.Locator($"tr[data-recipient='{r.GetProperty("recipient").GetString()}'] td.score").GetAttributeAsync("data-value");
            Assert.Equal(DashboardFixture.Number(r, "score"), DashboardFixture.Value(shown));
        }

        await DashboardFixture.GoAsync(page, "#/growth");
        var alerts = (await Host.GetAsync("/v1/analytics/growth-alerts?" + period)).GetProperty("alerts").GetArrayLength();
        Assert.Equal(alerts, await page.Locator("[data-testid='growth-alert']").CountAsync());

        await DashboardFixture.GoAsync(page, "#/map");
        try
        {
            await page.WaitForSelectorAsync("#points-map path.leaflet-interactive", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException("The map drew no point; the page logged: " + string.Join(" | ", fixture.ConsoleErrors), e);
        }
        await DashboardFixture.ScreenshotAsync(page, "map");
        var cells = (await Host.GetAsync($"/v1/analytics/heat-map?{period}&step=month&rows=block")).GetProperty("cells").EnumerateArray().Sum(c => c.TryGetProperty("count", out var n) ? n.GetInt32() : 0);
        var shownCells = await page.Locator("[data-testid='heat-map'] td.cell").EvaluateAllAsync<int[]>("els => els.map(e => Number(e.dataset.value))");
        Assert.Equal(6, cells);
        Assert.Equal(cells, shownCells.Sum());
        Assert.Equal("5", await page.Locator("#points-map").GetAttributeAsync("data-points"));
        // Five points and two territory outlines.
        Assert.Equal(7, await page.Locator("#points-map path.leaflet-interactive").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task EveryPage_LoadsOnlyFromTheHost_AndLogsNoErrors()
    {
        var page = await fixture.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        await page.GotoAsync("/");
        await page.FillAsync("#api-key", DashboardHost.AdminKey);
        await page.ClickAsync("#signin-submit");
        await page.WaitForSelectorAsync("#view [data-ready='true']");
        foreach (var hash in new[] { "#/kpi", "#/ratings", "#/growth", "#/map", "#/messages", "#/reports", "#/messages/" + fixture.Ids["d-4"] })
            await DashboardFixture.GoAsync(page, hash);

        var origin = Host.HttpAddress.GetLeftPart(UriPartial.Authority);
        Assert.NotEmpty(requests);
        Assert.All(requests, url => Assert.True(url.StartsWith(origin, StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal), url));
        Assert.Contains(requests, url => url.EndsWith("/vendor/chart.js/chart.umd.min.js", StringComparison.Ordinal));
        Assert.Contains(requests, url => url.EndsWith("/vendor/leaflet/leaflet.js", StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.ConsoleErrors, e => !e.Contains("401", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }
}

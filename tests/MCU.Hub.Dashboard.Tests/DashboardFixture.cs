using System.Text.Json;
using Microsoft.Playwright;

namespace MCU.Hub.Dashboard.Tests;

/// <summary>
/// One host seeded with known messages through the API, and one headless Chromium (the system's, never a downloaded one),
/// shared by the browser tests.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    /// <summary>The system Chromium (Debian's <c>chromium</c> package); <c>MCU_HUB_CHROMIUM</c> points elsewhere.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("MCU_HUB_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    // Without the background-networking switches Chromium keeps opening connections of its own, which a closed network refuses.
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--lang=ru-RU",
    ];

    private static readonly string[] ReportFormats = ["xlsx", "html"];

    private IPlaywright? _playwright;

    internal DashboardHost Host { get; private set; } = null!;

    /// <summary>Gets the browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Gets the ids of the seeded messages by their external ids.</summary>
    public Dictionary<string, string> Ids { get; } = [];

    /// <summary>Gets the folder the screenshots are written to: <c>TestResults/screenshots</c> in the test output folder.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"The dashboard tests need Chromium at {ChromiumPath}: install it (apt-get install -y chromium) or set MCU_HUB_CHROMIUM. They never download a browser.");
        _playwright = await Playwright.CreateAsync();
        try
        {
            Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs, Timeout = 60_000 });
        }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException($"Chromium at {ChromiumPath} did not start: {e.Message}", e);
        }

        Directory.CreateDirectory(ScreenshotFolder);
        Host = await DashboardHost.StartAsync();
        await SeedAsync();
    }

    private async Task SeedAsync()
    {
        var now = TimeProvider.System.GetUtcNow();
        var items = new object[]
        {
            Item("api", "d-1", "MESSAGE_KIND_APPEAL", "Яма на дороге у школы № 5 на ул. Ленина, машины объезжают по тротуару", "ул. Ленина, 12", 62.145, 65.385, null,
                new { name = "Иванов Иван Петрович", phone = "+7 900 123-45-67", email = "ivanov@example.ru" }),
            Item("pos", "d-2", "MESSAGE_KIND_MESSAGE", "Нет отопления в доме, батареи холодные третий день", "ул. Северная, 3", 62.172, 65.401, now.AddHours(-2), null),
            Item("pos", "d-3", "MESSAGE_KIND_MESSAGE", "Не вывозят мусор из контейнеров во дворе", "ул. Ленина, 40", 62.141, 65.392, now.AddHours(5), null),
            Item("pay-attention", "d-4", "MESSAGE_KIND_MESSAGE", "Сломаны качели на детской площадке", "ул. Северная, 17", 62.175, 65.388, null, null),
            Item("api", "d-5", "MESSAGE_KIND_MESSAGE", "Просьба проверить работу поликлиники по субботам", "", null, null, null, null),
            Item("pos", "d-6", "MESSAGE_KIND_MESSAGE", "Асфальт разрушен, глубокие выбоины на проезжей части", "ул. Ленина, 2", 62.149, 65.377, now.AddDays(3), null),
        };
        var batch = await Host.PostAsync("/v1/messages/batch", new { items });
        Assert.Equal(items.Length, batch.GetProperty("accepted").GetInt32());
        var results = batch.GetProperty("results").EnumerateArray().ToList();
        for (var i = 0; i < results.Count; i++)
            Ids["d-" + (i + 1)] = results[i].GetProperty("id").GetString()!;

        await Host.PostAsync($"/v1/messages/{Ids["d-1"]}/answer", new { text = "Яма будет заделана до конца недели, работы включены в план.", answeredBy = "Управление дорожного хозяйства" });
        var lastMonth = TimeProvider.System.GetLocalNow().AddMonths(-1);
        await Host.PostAsync("/v1/reports", new { kind = "REPORT_KIND_MONTHLY", period = $"{lastMonth.Year:D4}-{lastMonth.Month:D2}", formats = ReportFormats });
    }

    private static Dictionary<string, object> Item(string channel, string externalId, string kind, string text, string address, double? latitude, double? longitude, DateTimeOffset? dueAt, object? author)
    {
        var item = new Dictionary<string, object> { ["channel"] = channel, ["externalId"] = externalId, ["kind"] = kind, ["text"] = text };
        if (address.Length > 0)
            item["address"] = address;
        if (latitude is { } lat && longitude is { } lon)
            item["coordinates"] = new { latitude = lat, longitude = lon };
        if (dueAt is { } due)
            item["dueAt"] = due.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        if (author is not null)
            item["author"] = author;
        return item;
    }

    /// <summary>Opens a new page (its own context, so its own session storage) on the dashboard.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.HttpAddress.ToString(),
            Locale = "ru-RU",
            TimezoneId = "Europe/Moscow",
            ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                ConsoleErrors.Add(message.Text);
        };
        page.PageError += (_, error) => ConsoleErrors.Add(error);
        return page;
    }

    /// <summary>Gets the errors any page wrote to its console.</summary>
    public List<string> ConsoleErrors { get; } = [];

    /// <summary>Opens the dashboard and signs in with an API key; returns once the first page has loaded.</summary>
    public async Task<IPage> SignInAsync(string apiKey)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/");
        await page.FillAsync("#api-key", apiKey);
        await page.ClickAsync("#signin-submit");
        await page.WaitForSelectorAsync("#view [data-ready='true']");
        return page;
    }

    /// <summary>Goes to a page of the dashboard and waits until it has loaded.</summary>
    public static async Task GoAsync(IPage page, string hash)
    {
        await page.EvaluateAsync("h => { location.hash = h; }", hash);
        try
        {
            await page.WaitForSelectorAsync($"#view [data-page='{hash.TrimStart('#', '/').Split('/', '?')[0]}'][data-ready='true']");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{hash} did not load; the page shows: {await page.InnerTextAsync("#view")}", e);
        }
    }

    /// <summary>Saves a full-page screenshot as <c>TestResults/screenshots/{name}.png</c>.</summary>
    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        if (Host is not null)
            await Host.DisposeAsync();
    }

    /// <summary>Reads a number the page keeps in a <c>data-value</c> attribute.</summary>
    public static double? Value(string? attribute) =>
        string.IsNullOrEmpty(attribute) ? null : double.Parse(attribute, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reads an API number (a bare number, or absent).</summary>
    public static double? Number(JsonElement element, string property) =>
        element.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}

/// <summary>The browser tests share one host and one Chromium.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "dashboard";
}

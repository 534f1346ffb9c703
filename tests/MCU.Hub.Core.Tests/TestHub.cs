using MCU.Hub.Channels;
using MCU.Hub.Directories;
using MCU.Hub.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MCU.Hub.Core.Tests;

/// <summary>A real engine on a temporary LiteDB file, with a fake clock.</summary>
internal sealed class TestHub : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mcu-hub-tests", Guid.NewGuid().ToString("N"));

    public TestHub(Action<McuHubOptions>? configure = null, string? databasePath = null)
    {
        System.IO.Directory.CreateDirectory(_folder);
        DatabasePath = databasePath ?? Path.Combine(_folder, "hub.db");
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddMcuHub(o =>
        {
            o.DatabasePath = DatabasePath;
            o.ApiChannels = ["api", "pos"];
            o.Recipients =
            [
                new Recipient { Code = "roads-dept", Name = "Управление дорожного хозяйства", Blocks = ["roads"] },
                new Recipient { Code = "utilities", Name = "МКУ «Служба ЖКХ»", Blocks = ["housing-utilities"] },
            ];
            o.Territories =
            [
                new Territory { Code = "central", Name = "Центральный район", AddressKeywords = ["ленина", "советск"] },
                new Territory { Code = "north", Name = "Северный микрорайон", AddressKeywords = ["северн"] },
            ];
            o.Rules =
            [
                new RoutingRule { Name = "Дороги", Order = 10, Categories = ["roads"], Recipients = ["roads-dept"] },
                new RoutingRule { Name = "ЖКХ", Order = 20, Categories = ["housing-utilities"], Recipients = ["utilities"] },
            ];
            configure?.Invoke(o);
        });
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public string DatabasePath { get; }

    public FakeTimeProvider Time { get; }

    public ServiceProvider Services { get; }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public static InboundItem Item(string externalId, string text = "Огромная яма на дороге у дома 5 по улице Ленина", string? address = "ул. Ленина, 5") => new()
    {
        ExternalId = externalId,
        Text = text,
        CreatedAt = new DateTimeOffset(2026, 3, 1, 18, 30, 0, TimeSpan.FromHours(3)),
        Address = address,
        Author = new AuthorInfo { Name = "Иванова Мария Петровна", Phone = "+79120000001" },
    };

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

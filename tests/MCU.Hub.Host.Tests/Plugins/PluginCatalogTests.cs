using MCU.Hub.Channels;
using MCU.Hub.Host.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MCU.Hub.Host.Tests.Plugins;

public sealed class PluginCatalogTests
{
    private static readonly string TestPlugins = Path.Combine(AppContext.BaseDirectory, "test-plugins");

    private static (PluginCatalog Catalog, ServiceCollection Services) Load(params string[] enabled)
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(enabled.Select(code => new KeyValuePair<string, string?>($"{code}:Enabled", "true")))
            .Build();
        var services = new ServiceCollection();
        return (PluginCatalog.Load(TestPlugins, services, config), services);
    }

    private static PluginLoadResult Result(PluginCatalog catalog, string folder) =>
        catalog.Results.Single(r => Path.GetFileName(r.Folder) == folder);

    [Fact]
    public void Load_GoodPlugin_SharesTheContractTypeWithTheHost()
    {
        var (catalog, services) = Load("good");
        var good = Result(catalog, "GoodPlugin");

        Assert.Equal(PluginState.Loaded, good.State);
        Assert.Equal("good", good.Descriptor!.Code);
        Assert.Same(typeof(IChannelPlugin), good.Plugin!.GetType().GetInterface(nameof(IChannelPlugin)));
        using var provider = services.BuildServiceProvider();
        Assert.NotNull(provider.GetKeyedService<IChannelConnector>("good"));
    }

    [Fact]
    public void Load_PluginForANewerContractMinor_IsRefusedNamingBothVersions()
    {
        var (catalog, _) = Load("newer-minor");
        var result = Result(catalog, "NewerMinorPlugin");

        Assert.Equal(PluginState.NotSupported, result.State);
        Assert.Contains($"{ContractVersion.Major}.{ContractVersion.Minor + 1}", result.Reason, StringComparison.Ordinal);
        Assert.Contains($"{ContractVersion.Major}.{ContractVersion.Minor}", result.Reason, StringComparison.Ordinal);
        Assert.Contains("NewerMinorPlugin", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PluginForAnotherMajor_IsRefused()
    {
        var (catalog, _) = Load("other-major");
        var result = Result(catalog, "OtherMajorPlugin");

        Assert.Equal(PluginState.NotSupported, result.State);
        Assert.Contains($"{ContractVersion.Major + 1}.0", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PluginThrowingInConfigureServices_IsDisabledAndLeavesNoRegistrations()
    {
        var (catalog, services) = Load("good", "throwing");
        var result = Result(catalog, "ThrowingPlugin");

        Assert.Equal(PluginState.Malfunctioned, result.State);
        Assert.Contains("настройки канала повреждены", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IDisposable));
        Assert.Equal(PluginState.Loaded, Result(catalog, "GoodPlugin").State);
    }

    [Fact]
    public void Load_ChannelNotEnabled_IsLoadedButNotConfigured()
    {
        var (catalog, services) = Load();
        Assert.Equal(PluginState.Disabled, Result(catalog, "GoodPlugin").State);
        Assert.Empty(services);
    }

    [Fact]
    public void Load_FolderWithoutItsAssembly_IsRefusedWithAClearMessage()
    {
        var root = Path.Combine(Path.GetTempPath(), "mcu-hub-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Path.Combine(root, "Empty"));
        var catalog = PluginCatalog.Load(root, new ServiceCollection(), new ConfigurationBuilder().Build());

        var result = Assert.Single(catalog.Results);
        Assert.Equal(PluginState.NotSupported, result.State);
        Assert.Contains("Empty.dll", result.Reason, StringComparison.Ordinal);
    }
}

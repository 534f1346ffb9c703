using System.Reflection;
using MCU.Hub.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Plugins.Pos.Tests;

public sealed class PosPluginTests
{
    [Fact]
    public void Descriptor_Always_DescribesPosChannel()
    {
        var descriptor = new PosPlugin().Descriptor;

        Assert.Equal("pos", descriptor.Code);
        Assert.Equal("ПОС", descriptor.DisplayName);
        Assert.Equal(ChannelCapabilities.Poll | ChannelCapabilities.Reply | ChannelCapabilities.StatusUpdates | ChannelCapabilities.FileImport | ChannelCapabilities.InterimAnswers, descriptor.Capabilities);
        Assert.Equal(typeof(PosOptions), descriptor.OptionsType);
    }

    [Fact]
    public void Assembly_Always_DeclaresTheContractVersion()
    {
        var contract = typeof(PosPlugin).Assembly.GetCustomAttribute<ChannelPluginContractAttribute>();

        Assert.NotNull(contract);
        Assert.Equal((ContractVersion.Major, ContractVersion.Minor), (contract.Major, contract.Minor));
    }

    [Fact]
    public void ConfigureServices_MissingBaseAddress_ThrowsNamingTheFieldAndRegistersNothing()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create<string, string?>(PosTestHost.SectionPath + ":Token", "t")])
            .Build()
            .GetSection(PosTestHost.SectionPath);

        var error = Assert.Throws<OptionsValidationException>(() => new PosPlugin().ConfigureServices(services, configuration));

        Assert.Contains("McuHub:Channels:pos:Settings:BaseAddress is required", error.Message, StringComparison.Ordinal);
        Assert.Empty(services);
    }

    [Theory]
    [InlineData("BaseAddress", "/relative/path", "BaseAddress must be an absolute http(s) address")]
    [InlineData("BaseAddress", "ftp://pos.example.ru/", "BaseAddress must be an absolute http(s) address")]
    [InlineData("PageSize", "0", "PageSize must be 1…1000")]
    [InlineData("PageSize", "5000", "PageSize must be 1…1000")]
    [InlineData("CategoryMap:Дороги", "", "CategoryMap:Дороги must name a target")]
    public void ConfigureServices_InvalidSetting_ThrowsNamingTheField(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { ["BaseAddress"] = "https://pos.example.ru/", [key] = value };

        var error = Assert.Throws<OptionsValidationException>(() => PosTestHost.Build(settings));

        Assert.Contains(PosTestHost.SectionPath + ":" + expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigureServices_ValidSettings_BindsDefaultsAndConfiguresTheNamedClient()
    {
        using var services = PosTestHost.Build(new Dictionary<string, string?> { ["BaseAddress"] = "https://pos.example.ru/api-gw", ["Token"] = "t0k3n" });

        services.GetRequiredService<IStartupValidator>().Validate();
        var options = services.GetRequiredService<IOptions<PosOptions>>().Value;
        using var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(PosPlugin.Code);

        Assert.Equal(PosOptions.DefaultPageSize, options.PageSize);
        Assert.Empty(options.CategoryMap);
        Assert.Equal(new Uri("https://pos.example.ru/api-gw/"), client.BaseAddress);
        Assert.Equal("Bearer t0k3n", client.DefaultRequestHeaders.Authorization?.ToString());
        Assert.IsType<PosConnector>(services.GetRequiredKeyedService<IChannelConnector>(PosPlugin.Code));
    }
}

using System.Reflection;
using MCU.Hub.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Plugins.Edds.Tests;

public sealed class EddsPluginTests
{
    [Fact]
    public void Descriptor_Always_DescribesAPollOnlyChannel()
    {
        var descriptor = new EddsPlugin().Descriptor;

        Assert.Equal("edds", descriptor.Code);
        Assert.Equal("ЕДДС", descriptor.DisplayName);
        Assert.Equal(ChannelCapabilities.Poll, descriptor.Capabilities);
        Assert.Equal(typeof(EddsOptions), descriptor.OptionsType);
    }

    [Fact]
    public void Assembly_Always_DeclaresTheContractVersion()
    {
        var contract = typeof(EddsPlugin).Assembly.GetCustomAttribute<ChannelPluginContractAttribute>();

        Assert.NotNull(contract);
        Assert.Equal((ContractVersion.Major, ContractVersion.Minor), (contract.Major, contract.Minor));
    }

    [Fact]
    public void ConfigureServices_MissingBaseAddress_ThrowsNamingTheKeyAndRegistersNothing()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create<string, string?>(EddsTestHost.SectionPath + ":Token", "t")])
            .Build()
            .GetSection(EddsTestHost.SectionPath);

        var error = Assert.Throws<OptionsValidationException>(() => new EddsPlugin().ConfigureServices(services, configuration));

        Assert.Contains("McuHub:Channels:edds:Settings:BaseAddress is required", error.Message, StringComparison.Ordinal);
        Assert.Empty(services);
    }

    [Theory]
    [InlineData("BaseAddress", "/relative", "BaseAddress must be an absolute http(s) address")]
    [InlineData("PageSize", "0", "PageSize must be 1…1000")]
    [InlineData("PageSize", "1001", "PageSize must be 1…1000")]
    [InlineData("CategoryMap:ЖКХ", "", "CategoryMap:ЖКХ must name a target")]
    [InlineData("ServiceMap:01", " ", "ServiceMap:01 must name a target")]
    [InlineData("MunicipalTypes:0", " ", "MunicipalTypes:0 must name a card category or type")]
    public void ConfigureServices_InvalidSetting_ThrowsNamingTheKey(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { ["BaseAddress"] = "https://edds.example.ru/", [key] = value };

        var error = Assert.Throws<OptionsValidationException>(() => EddsTestHost.Build(settings));

        Assert.Contains(EddsTestHost.SectionPath + ":" + expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigureServices_ValidSettings_BindsAndConfiguresTheNamedClient()
    {
        using var services = EddsTestHost.Build(new Dictionary<string, string?>
        {
            ["BaseAddress"] = "https://edds.example.ru/gw",
            ["Token"] = "t0k3n",
            ["MunicipalTypes:0"] = "Падение дерева",
            ["MunicipalTypes:1"] = "ЖКХ",
        });

        services.GetRequiredService<IStartupValidator>().Validate();
        var options = services.GetRequiredService<IOptions<EddsOptions>>().Value;
        using var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(EddsPlugin.Code);

        Assert.Equal(EddsOptions.DefaultPageSize, options.PageSize);
        Assert.Equal(["Падение дерева", "ЖКХ"], options.MunicipalTypes);
        Assert.Equal(new Uri("https://edds.example.ru/gw/"), client.BaseAddress);
        Assert.Equal("Bearer t0k3n", client.DefaultRequestHeaders.Authorization?.ToString());
        Assert.IsType<EddsConnector>(services.GetRequiredKeyedService<IChannelConnector>(EddsPlugin.Code));
    }
}

using System.Reflection;
using MCU.Hub.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Plugins.GovPublics.Tests;

public sealed class GovPublicsPluginTests
{
    [Fact]
    public void Descriptor_Always_DescribesAPollOnlyChannel()
    {
        var descriptor = new GovPublicsPlugin().Descriptor;

        Assert.Equal("gov-publics", descriptor.Code);
        Assert.Equal("Госпаблики", descriptor.DisplayName);
        Assert.Equal(ChannelCapabilities.Poll, descriptor.Capabilities);
        Assert.Equal(typeof(GovPublicsOptions), descriptor.OptionsType);
    }

    [Fact]
    public void Assembly_Always_DeclaresTheContractVersion()
    {
        var contract = typeof(GovPublicsPlugin).Assembly.GetCustomAttribute<ChannelPluginContractAttribute>();

        Assert.NotNull(contract);
        Assert.Equal((ContractVersion.Major, ContractVersion.Minor), (contract.Major, contract.Minor));
    }

    [Fact]
    public void ConfigureServices_MissingBaseAddress_ThrowsNamingTheKeyAndRegistersNothing()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create<string, string?>(GovPublicsTestHost.SectionPath + ":PageSize", "50")])
            .Build()
            .GetSection(GovPublicsTestHost.SectionPath);

        var error = Assert.Throws<OptionsValidationException>(() => new GovPublicsPlugin().ConfigureServices(services, configuration));

        Assert.Contains("McuHub:Channels:gov-publics:Settings:BaseAddress is required", error.Message, StringComparison.Ordinal);
        Assert.Empty(services);
    }

    [Theory]
    [InlineData("BaseAddress", "gp.example.ru", "BaseAddress must be an absolute http(s) address")]
    [InlineData("PageSize", "0", "PageSize must be 1…1000")]
    [InlineData("PageSize", "1001", "PageSize must be 1…1000")]
    [InlineData("OwnerMap:5299000029", "", "OwnerMap:5299000029 must name a target")]
    [InlineData("NetworkMap:tg", " ", "NetworkMap:tg must name a target")]
    public void ConfigureServices_InvalidSetting_ThrowsNamingTheKey(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { ["BaseAddress"] = "https://gp.example.ru/", [key] = value };

        var error = Assert.Throws<OptionsValidationException>(() => GovPublicsTestHost.Build(settings));

        Assert.Contains(GovPublicsTestHost.SectionPath + ":" + expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigureServices_ValidSettings_BindsDefaultsAndConfiguresTheNamedClient()
    {
        using var services = GovPublicsTestHost.Build(new Dictionary<string, string?> { ["BaseAddress"] = "https://gp.example.ru/gw", ["Token"] = "t0k3n" });

        services.GetRequiredService<IStartupValidator>().Validate();
        var options = services.GetRequiredService<IOptions<GovPublicsOptions>>().Value;
        using var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(GovPublicsPlugin.Code);

        Assert.Equal(GovPublicsOptions.DefaultPageSize, options.PageSize);
        Assert.Empty(options.OwnerMap);
        Assert.Equal(new Uri("https://gp.example.ru/gw/"), client.BaseAddress);
        Assert.Equal("Bearer t0k3n", client.DefaultRequestHeaders.Authorization?.ToString());
        Assert.IsType<GovPublicsConnector>(services.GetRequiredKeyedService<IChannelConnector>(GovPublicsPlugin.Code));
    }
}

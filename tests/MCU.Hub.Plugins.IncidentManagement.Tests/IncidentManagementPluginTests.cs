using System.Reflection;
using MCU.Hub.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Plugins.IncidentManagement.Tests;

public sealed class IncidentManagementPluginTests
{
    [Fact]
    public void Descriptor_Always_DescribesTheChannel()
    {
        var descriptor = new IncidentManagementPlugin().Descriptor;

        Assert.Equal("incident-management", descriptor.Code);
        Assert.Equal("Инцидент Менеджмент", descriptor.DisplayName);
        Assert.Equal(ChannelCapabilities.Poll | ChannelCapabilities.Reply | ChannelCapabilities.StatusUpdates | ChannelCapabilities.FileImport, descriptor.Capabilities);
        Assert.Equal(typeof(IncidentManagementOptions), descriptor.OptionsType);
    }

    [Fact]
    public void Assembly_Always_DeclaresTheContractVersion()
    {
        var contract = typeof(IncidentManagementPlugin).Assembly.GetCustomAttribute<ChannelPluginContractAttribute>();

        Assert.NotNull(contract);
        Assert.Equal((ContractVersion.Major, ContractVersion.Minor), (contract.Major, contract.Minor));
    }

    [Fact]
    public void ConfigureServices_MissingBaseAddress_ThrowsNamingTheKeyAndRegistersNothing()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create<string, string?>(IncidentManagementTestHost.SectionPath + ":Token", "t")])
            .Build()
            .GetSection(IncidentManagementTestHost.SectionPath);

        var error = Assert.Throws<OptionsValidationException>(() => new IncidentManagementPlugin().ConfigureServices(services, configuration));

        Assert.Contains("McuHub:Channels:incident-management:Settings:BaseAddress is required", error.Message, StringComparison.Ordinal);
        Assert.Empty(services);
    }

    [Theory]
    [InlineData("BaseAddress", "/relative/path", "BaseAddress must be an absolute http(s) address")]
    [InlineData("BaseAddress", "ftp://im.example.ru/", "BaseAddress must be an absolute http(s) address")]
    [InlineData("PageSize", "0", "PageSize must be 1…1000")]
    [InlineData("PageSize", "1001", "PageSize must be 1…1000")]
    [InlineData("CategoryMap:ЖКХ", "", "CategoryMap:ЖКХ must name a target")]
    [InlineData("NetworkMap:tg", " ", "NetworkMap:tg must name a target")]
    [InlineData("StatusMap:done", "", "StatusMap:done must name a target")]
    public void ConfigureServices_InvalidSetting_ThrowsNamingTheKey(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { ["BaseAddress"] = "https://im.example.ru/", [key] = value };

        var error = Assert.Throws<OptionsValidationException>(() => IncidentManagementTestHost.Build(settings));

        Assert.Contains(IncidentManagementTestHost.SectionPath + ":" + expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigureServices_ValidSettings_BindsDefaultsAndConfiguresTheNamedClient()
    {
        using var services = IncidentManagementTestHost.Build(new Dictionary<string, string?> { ["BaseAddress"] = "https://im.example.ru/gw", ["Token"] = "t0k3n" });

        services.GetRequiredService<IStartupValidator>().Validate();
        var options = services.GetRequiredService<IOptions<IncidentManagementOptions>>().Value;
        using var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(IncidentManagementPlugin.Code);

        Assert.Equal(IncidentManagementOptions.DefaultPageSize, options.PageSize);
        Assert.Empty(options.CategoryMap);
        Assert.Empty(options.NetworkMap);
        Assert.Equal(new Uri("https://im.example.ru/gw/"), client.BaseAddress);
        Assert.Equal("Bearer t0k3n", client.DefaultRequestHeaders.Authorization?.ToString());
        Assert.IsType<IncidentManagementConnector>(services.GetRequiredKeyedService<IChannelConnector>(IncidentManagementPlugin.Code));
    }
}

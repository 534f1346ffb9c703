using System.Reflection;
using MCU.Hub.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Plugins.PayAttention.Tests;

public sealed class PayAttentionPluginTests
{
    [Fact]
    public void Descriptor_Always_DescribesTheChannel()
    {
        var descriptor = new PayAttentionPlugin().Descriptor;

        Assert.Equal("pay-attention", descriptor.Code);
        Assert.Equal("Обращаем внимание", descriptor.DisplayName);
        Assert.Equal(ChannelCapabilities.Poll | ChannelCapabilities.Reply | ChannelCapabilities.StatusUpdates | ChannelCapabilities.InterimAnswers, descriptor.Capabilities);
        Assert.Equal(typeof(PayAttentionOptions), descriptor.OptionsType);
    }

    [Fact]
    public void Assembly_Always_DeclaresTheContractVersion()
    {
        var contract = typeof(PayAttentionPlugin).Assembly.GetCustomAttribute<ChannelPluginContractAttribute>();

        Assert.NotNull(contract);
        Assert.Equal((ContractVersion.Major, ContractVersion.Minor), (contract.Major, contract.Minor));
    }

    [Fact]
    public void ConfigureServices_MissingBaseAddress_ThrowsNamingTheKeyAndRegistersNothing()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create<string, string?>(PayAttentionTestHost.SectionPath + ":Token", "t")])
            .Build()
            .GetSection(PayAttentionTestHost.SectionPath);

        var error = Assert.Throws<OptionsValidationException>(() => new PayAttentionPlugin().ConfigureServices(services, configuration));

        Assert.Contains("McuHub:Channels:pay-attention:Settings:BaseAddress is required", error.Message, StringComparison.Ordinal);
        Assert.Empty(services);
    }

    [Theory]
    [InlineData("BaseAddress", "/relative/path", "BaseAddress must be an absolute http(s) address")]
    [InlineData("BaseAddress", "ftp://ov.example.ru/", "BaseAddress must be an absolute http(s) address")]
    [InlineData("PageSize", "0", "PageSize must be 1…1000")]
    [InlineData("PageSize", "2000", "PageSize must be 1…1000")]
    [InlineData("CategoryMap:Дороги и тротуары", "", "CategoryMap:Дороги и тротуары must name a target")]
    [InlineData("StatusMap:in_progress", " ", "StatusMap:in_progress must name a target")]
    public void ConfigureServices_InvalidSetting_ThrowsNamingTheKey(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { ["BaseAddress"] = "https://ov.example.ru/", [key] = value };

        var error = Assert.Throws<OptionsValidationException>(() => PayAttentionTestHost.Build(settings));

        Assert.Contains(PayAttentionTestHost.SectionPath + ":" + expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigureServices_ValidSettings_BindsDefaultsAndConfiguresTheNamedClient()
    {
        using var services = PayAttentionTestHost.Build(new Dictionary<string, string?>
        {
            ["BaseAddress"] = "https://ov.example.ru/gw",
            ["Token"] = "t0k3n",
            ["StatusMap:done"] = "closed",
        });

        services.GetRequiredService<IStartupValidator>().Validate();
        var options = services.GetRequiredService<IOptions<PayAttentionOptions>>().Value;
        using var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(PayAttentionPlugin.Code);

        Assert.Equal(PayAttentionOptions.DefaultPageSize, options.PageSize);
        Assert.Empty(options.CategoryMap);
        Assert.Equal("review", options.StatusMap["IN_PROGRESS"]);
        Assert.Equal("interim_answer", options.StatusMap["intermediate_answer"]);
        Assert.Equal("closed", options.StatusMap["done"]);
        Assert.Equal(new Uri("https://ov.example.ru/gw/"), client.BaseAddress);
        Assert.Equal("Bearer t0k3n", client.DefaultRequestHeaders.Authorization?.ToString());
        Assert.IsType<PayAttentionConnector>(services.GetRequiredKeyedService<IChannelConnector>(PayAttentionPlugin.Code));
    }
}

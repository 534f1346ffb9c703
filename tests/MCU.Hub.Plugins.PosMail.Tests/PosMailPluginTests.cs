using System.Reflection;
using MCU.Hub.Channels;
using MCU.Hub.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Plugins.PosMail.Tests;

public sealed class PosMailPluginTests
{
    private const string SectionPath = "McuHub:Channels:pos-mail:Settings";

    private static Dictionary<string, string?> Valid() => new()
    {
        ["Host"] = "imap.novorechinsk.example.ru",
        ["UserName"] = "pos@novorechinsk.example.ru",
        ["Password"] = "secret",
    };

    [Fact]
    public void Descriptor_Always_DescribesTheMailChannel()
    {
        var descriptor = new PosMailPlugin().Descriptor;

        Assert.Equal("pos-mail", descriptor.Code);
        Assert.Equal("ПОС (уведомления по почте)", descriptor.DisplayName);
        Assert.Equal(ChannelCapabilities.Poll, descriptor.Capabilities);
        Assert.Equal(typeof(PosMailOptions), descriptor.OptionsType);
    }

    [Fact]
    public void Assembly_Always_DeclaresTheContractVersion()
    {
        var contract = typeof(PosMailPlugin).Assembly.GetCustomAttribute<ChannelPluginContractAttribute>();

        Assert.NotNull(contract);
        Assert.Equal((ContractVersion.Major, ContractVersion.Minor), (contract.Major, contract.Minor));
    }

    [Fact]
    public void ConfigureServices_NothingSet_ThrowsNamingEveryRequiredKeyAndRegistersNothing()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().Build().GetSection(SectionPath);

        var error = Assert.Throws<OptionsValidationException>(() => new PosMailPlugin().ConfigureServices(services, configuration));

        Assert.Contains(SectionPath + ":Host is required", error.Message, StringComparison.Ordinal);
        Assert.Contains(SectionPath + ":UserName is required", error.Message, StringComparison.Ordinal);
        Assert.Contains(SectionPath + ":Password is required", error.Message, StringComparison.Ordinal);
        Assert.Empty(services);
    }

    [Theory]
    [InlineData("Host", "imap server", "Host must be a host name")]
    [InlineData("Port", "70000", "Port must be 1…65535")]
    [InlineData("Security", "Tls", "Security")]
    [InlineData("Folder", " ", "Folder must name a folder")]
    [InlineData("PageSize", "0", "PageSize must be 1…500")]
    [InlineData("PageSize", "501", "PageSize must be 1…500")]
    [InlineData("Timeout", "00:00:00", "Timeout must be")]
    [InlineData("MaxMessageBytes", "1000", "MaxMessageBytes must be at least")]
    [InlineData("TimeZone", "Europe/Novorechinsk", "TimeZone 'Europe/Novorechinsk' is not a time zone")]
    [InlineData("NumberPattern", @"№\s*(\d+)", "NumberPattern must have a group named 'number'")]
    [InlineData("NumberPattern", @"(?<number>\d+)\1", "NumberPattern is not a regular expression the connector can run")]
    [InlineData("NumberPattern", @"(?<number>\d+", "NumberPattern is not a regular expression")]
    [InlineData("Labels:Telephone", "Тел.", "Labels:Telephone is not a field")]
    [InlineData("Labels:Text", "|", "Labels:Text must list at least one label")]
    public void ConfigureServices_InvalidSetting_ThrowsNamingTheFullKey(string key, string value, string expected)
    {
        var settings = Valid();
        settings[key] = value;

        var error = Assert.ThrowsAny<Exception>(() => PluginTestHost.Build(new PosMailPlugin(), settings));

        Assert.Contains(SectionPath + ":" + expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigureServices_ValidSettings_BindsDefaultsAndRegistersTheConnector()
    {
        var settings = Valid();
        settings["Labels:Text"] = "Суть обращения";
        using var services = PluginTestHost.Build(new PosMailPlugin(), settings);

        services.GetRequiredService<IStartupValidator>().Validate();
        var options = services.GetRequiredService<IOptions<PosMailOptions>>().Value;
        var connector = services.GetRequiredKeyedService<IChannelConnector>(PosMailPlugin.Code);

        Assert.Equal(0, options.Port);
        Assert.Equal(PosMailSecurity.SslOnConnect, options.Security);
        Assert.Equal("INBOX", options.Folder);
        Assert.Equal(PosMailOptions.DefaultPageSize, options.PageSize);
        Assert.Equal("Суть обращения", options.Labels[PosMailFields.Text]);
        Assert.Equal(PosMailOptions.DefaultLabels[PosMailFields.Phone], options.Labels[PosMailFields.Phone]);
        Assert.IsType<PosMailConnector>(connector);
        Assert.IsAssignableFrom<IRawItemParser>(connector);
    }

    [Fact]
    public async Task SendReplyAsync_Always_IsNotSupported()
    {
        using var services = PluginTestHost.Build(new PosMailPlugin(), Valid());
        var reply = new ChannelReply
        {
            ExternalId = "412000100",
            MessageId = "m-1",
            IdempotencyKey = "k-1",
            Status = "answered",
            ChangedAt = new DateTimeOffset(2025, 3, 11, 12, 0, 0, TimeSpan.FromHours(3)),
        };

        await Assert.ThrowsAsync<NotSupportedException>(() => services.Connector(new PosMailPlugin()).SendReplyAsync(reply, CancellationToken.None));
    }
}

using System.Net.Http.Headers;
using MCU.Hub.Channels;
using MCU.Hub.Plugins.GovPublics.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Plugins.GovPublics;

/// <summary>
/// The entry point of the «Госпаблики» channel plugin: pulls the official pages of the administration and institutions
/// and their publications as channel records (<c>page</c>, <c>publication</c>) for the informing KPIs; it brings no
/// citizens' messages and sends nothing back.
/// </summary>
public sealed class GovPublicsPlugin : IChannelPlugin
{
    /// <summary>The channel code: the key of the connector, of its <see cref="HttpClient"/> and of its configuration.</summary>
    public const string Code = "gov-publics";

    /// <inheritdoc />
    public ChannelDescriptor Descriptor { get; } =
        new(Code, "Госпаблики", ChannelCapabilities.Poll)
        {
            OptionsType = typeof(GovPublicsOptions),
        };

    /// <inheritdoc />
    /// <remarks>
    /// Validates <see cref="GovPublicsOptions"/> bound from <paramref name="configuration"/> at once, binds them
    /// again with validation when the host starts, configures the named <see cref="HttpClient"/>
    /// <c>"gov-publics"</c> (base address and bearer token) and registers <see cref="GovPublicsConnector"/> as the keyed
    /// <see cref="IChannelConnector"/> <c>"gov-publics"</c>.
    /// </remarks>
    /// <exception cref="OptionsValidationException">
    /// A setting is invalid; the message names its full key. Nothing has been registered then.
    /// </exception>
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        var sectionPath = configuration is IConfigurationSection section ? section.Path : null;
        var validator = new GovPublicsOptionsValidator(sectionPath);

        // Checked here as well as on start: an exception from ConfigureServices disables only this plugin,
        // while a failed start-up validation would stop the whole host.
        var settings = new GovPublicsOptions();
        configuration.Bind(settings);
        var result = validator.Validate(Options.DefaultName, settings);
        if (result.Failed)
            throw new OptionsValidationException(Options.DefaultName, typeof(GovPublicsOptions), result.Failures);

        services.AddOptions<GovPublicsOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GovPublicsOptions>>(validator);

        services.AddHttpClient(Code, static (provider, client) =>
        {
            var options = provider.GetRequiredService<IOptions<GovPublicsOptions>>().Value;
            client.BaseAddress = GovPublicsOptionsValidator.WithTrailingSlash(options.BaseAddress!);
            if (!string.IsNullOrEmpty(options.Token))
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
        });

        services.AddKeyedSingleton<IChannelConnector, GovPublicsConnector>(Code);
    }
}

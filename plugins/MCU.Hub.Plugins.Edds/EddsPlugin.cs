using System.Net.Http.Headers;
using MCU.Hub.Channels;
using MCU.Hub.Plugins.Edds.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Plugins.Edds;

/// <summary>
/// The entry point of the ЕДДС channel plugin: pulls the call and incident cards of the unified duty dispatch service
/// as <c>call</c> records for statistics, and the cards that need a municipal recipient as emergency-call items.
/// </summary>
public sealed class EddsPlugin : IChannelPlugin
{
    /// <summary>The channel code: the key of the connector, of its <see cref="HttpClient"/> and of its configuration.</summary>
    public const string Code = "edds";

    /// <inheritdoc />
    public ChannelDescriptor Descriptor { get; } =
        new(Code, "ЕДДС", ChannelCapabilities.Poll)
        {
            OptionsType = typeof(EddsOptions),
        };

    /// <inheritdoc />
    /// <remarks>
    /// Validates <see cref="EddsOptions"/> bound from <paramref name="configuration"/> at once, binds them
    /// again with validation when the host starts, configures the named <see cref="HttpClient"/>
    /// <c>"edds"</c> (base address and bearer token) and registers <see cref="EddsConnector"/> as the keyed
    /// <see cref="IChannelConnector"/> <c>"edds"</c>.
    /// </remarks>
    /// <exception cref="OptionsValidationException">
    /// A setting is invalid; the message names its full key. Nothing has been registered then.
    /// </exception>
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        var sectionPath = configuration is IConfigurationSection section ? section.Path : null;
        var validator = new EddsOptionsValidator(sectionPath);

        // Checked here as well as on start: an exception from ConfigureServices disables only this plugin,
        // while a failed start-up validation would stop the whole host.
        var settings = new EddsOptions();
        configuration.Bind(settings);
        var result = validator.Validate(Options.DefaultName, settings);
        if (result.Failed)
            throw new OptionsValidationException(Options.DefaultName, typeof(EddsOptions), result.Failures);

        services.AddOptions<EddsOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EddsOptions>>(validator);

        services.AddHttpClient(Code, static (provider, client) =>
        {
            var options = provider.GetRequiredService<IOptions<EddsOptions>>().Value;
            client.BaseAddress = EddsOptionsValidator.WithTrailingSlash(options.BaseAddress!);
            if (!string.IsNullOrEmpty(options.Token))
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
        });

        services.AddKeyedSingleton<IChannelConnector, EddsConnector>(Code);
    }
}

using System.Net.Http.Headers;
using MCU.Hub.Channels;
using MCU.Hub.Plugins.IncidentManagement.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Plugins.IncidentManagement;

/// <summary>
/// The entry point of the «Инцидент Менеджмент» channel plugin: pulls incidents that the federal system found in VK,
/// OK and Telegram and publishes replies and status changes back.
/// </summary>
public sealed class IncidentManagementPlugin : IChannelPlugin
{
    /// <summary>The channel code: the key of the connector, of its <see cref="HttpClient"/> and of its configuration.</summary>
    public const string Code = "incident-management";

    /// <inheritdoc />
    public ChannelDescriptor Descriptor { get; } =
        new(Code, "Инцидент Менеджмент", ChannelCapabilities.Poll | ChannelCapabilities.Reply | ChannelCapabilities.StatusUpdates | ChannelCapabilities.FileImport)
        {
            OptionsType = typeof(IncidentManagementOptions),
        };

    /// <inheritdoc />
    /// <remarks>
    /// Validates <see cref="IncidentManagementOptions"/> bound from <paramref name="configuration"/> at once, binds them
    /// again with validation when the host starts, configures the named <see cref="HttpClient"/>
    /// <c>"incident-management"</c> (base address and bearer token) and registers
    /// <see cref="IncidentManagementConnector"/> as the keyed <see cref="IChannelConnector"/> <c>"incident-management"</c> and
    /// <see cref="IncidentManagementImporter"/> as the keyed <see cref="IChannelImporter"/> <c>"incident-management"</c>.
    /// </remarks>
    /// <exception cref="OptionsValidationException">
    /// A setting is invalid; the message names its full key. Nothing has been registered then.
    /// </exception>
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        var sectionPath = configuration is IConfigurationSection section ? section.Path : null;
        var validator = new IncidentManagementOptionsValidator(sectionPath);

        // Checked here as well as on start: an exception from ConfigureServices disables only this plugin,
        // while a failed start-up validation would stop the whole host.
        var settings = new IncidentManagementOptions();
        configuration.Bind(settings);
        var result = validator.Validate(Options.DefaultName, settings);
        if (result.Failed)
            throw new OptionsValidationException(Options.DefaultName, typeof(IncidentManagementOptions), result.Failures);

        services.AddOptions<IncidentManagementOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IncidentManagementOptions>>(validator);

        services.AddHttpClient(Code, static (provider, client) =>
        {
            var options = provider.GetRequiredService<IOptions<IncidentManagementOptions>>().Value;
            client.BaseAddress = IncidentManagementOptionsValidator.WithTrailingSlash(options.BaseAddress!);
            if (!string.IsNullOrEmpty(options.Token))
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
        });

        services.AddKeyedSingleton<IChannelConnector, IncidentManagementConnector>(Code);
        services.AddKeyedSingleton<IChannelImporter, IncidentManagementImporter>(Code);
    }
}

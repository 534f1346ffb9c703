using System.Net.Http.Headers;
using MCU.Hub.Channels;
using MCU.Hub.Plugins.Pos.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Plugins.Pos;

/// <summary>
/// The entry point of the ПОС («Госуслуги. Решаем вместе») channel plugin: pulls citizens' messages and sends
/// answers and status changes back.
/// </summary>
public sealed class PosPlugin : IChannelPlugin
{
    /// <summary>The channel code: the key of the connector, of its <see cref="HttpClient"/> and of its configuration.</summary>
    public const string Code = "pos";

    /// <inheritdoc />
    public ChannelDescriptor Descriptor { get; } =
        new(Code, "ПОС", ChannelCapabilities.Poll | ChannelCapabilities.Reply | ChannelCapabilities.StatusUpdates | ChannelCapabilities.FileImport | ChannelCapabilities.InterimAnswers)
        {
            OptionsType = typeof(PosOptions),
        };

    /// <inheritdoc />
    /// <remarks>
    /// Validates <see cref="PosOptions"/> bound from <paramref name="configuration"/> at once, binds them again
    /// with validation when the host starts, configures the named <see cref="HttpClient"/> <c>"pos"</c> (base
    /// address and bearer token) and registers <see cref="PosConnector"/> as the keyed
    /// <see cref="IChannelConnector"/> <c>"pos"</c> and <see cref="PosImporter"/> as the keyed <see cref="IChannelImporter"/>
    /// <c>"pos"</c>.
    /// </remarks>
    /// <exception cref="OptionsValidationException">
    /// A setting is invalid; the message names its full key. Nothing has been registered then.
    /// </exception>
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        var sectionPath = configuration is IConfigurationSection section ? section.Path : null;
        var validator = new PosOptionsValidator(sectionPath);

        // Checked here as well as on start: an exception from ConfigureServices disables only this plugin,
        // while a failed start-up validation would stop the whole host.
        var settings = new PosOptions();
        configuration.Bind(settings);
        var result = validator.Validate(Options.DefaultName, settings);
        if (result.Failed)
            throw new OptionsValidationException(Options.DefaultName, typeof(PosOptions), result.Failures);

        services.AddOptions<PosOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PosOptions>>(validator);

        services.AddHttpClient(Code, static (provider, client) =>
        {
            var options = provider.GetRequiredService<IOptions<PosOptions>>().Value;
            client.BaseAddress = PosOptionsValidator.WithTrailingSlash(options.BaseAddress!);
            if (!string.IsNullOrEmpty(options.Token))
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
        });

        services.AddKeyedSingleton<IChannelConnector, PosConnector>(Code);
        services.AddKeyedSingleton<IChannelImporter, PosImporter>(Code);
    }
}

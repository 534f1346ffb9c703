using System.Net.Http.Headers;
using MCU.Hub.Channels;
using MCU.Hub.Plugins.PayAttention.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Plugins.PayAttention;

/// <summary>
/// The entry point of the «Обращаем внимание» channel plugin: pulls residents' messages from the regional portal and
/// sends answers and status changes back.
/// </summary>
public sealed class PayAttentionPlugin : IChannelPlugin
{
    /// <summary>The channel code: the key of the connector, of its <see cref="HttpClient"/> and of its configuration.</summary>
    public const string Code = "pay-attention";

    /// <inheritdoc />
    public ChannelDescriptor Descriptor { get; } =
        new(Code, "Обращаем внимание", ChannelCapabilities.Poll | ChannelCapabilities.Reply | ChannelCapabilities.StatusUpdates | ChannelCapabilities.InterimAnswers)
        {
            OptionsType = typeof(PayAttentionOptions),
        };

    /// <inheritdoc />
    /// <remarks>
    /// Validates <see cref="PayAttentionOptions"/> bound from <paramref name="configuration"/> at once, binds them
    /// again with validation when the host starts, configures the named <see cref="HttpClient"/>
    /// <c>"pay-attention"</c> (base address and bearer token) and registers <see cref="PayAttentionConnector"/> as the
    /// keyed <see cref="IChannelConnector"/> <c>"pay-attention"</c>.
    /// </remarks>
    /// <exception cref="OptionsValidationException">
    /// A setting is invalid; the message names its full key. Nothing has been registered then.
    /// </exception>
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        var sectionPath = configuration is IConfigurationSection section ? section.Path : null;
        var validator = new PayAttentionOptionsValidator(sectionPath);

        // Checked here as well as on start: an exception from ConfigureServices disables only this plugin,
        // while a failed start-up validation would stop the whole host.
        var settings = new PayAttentionOptions();
        configuration.Bind(settings);
        var result = validator.Validate(Options.DefaultName, settings);
        if (result.Failed)
            throw new OptionsValidationException(Options.DefaultName, typeof(PayAttentionOptions), result.Failures);

        services.AddOptions<PayAttentionOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PayAttentionOptions>>(validator);

        services.AddHttpClient(Code, static (provider, client) =>
        {
            var options = provider.GetRequiredService<IOptions<PayAttentionOptions>>().Value;
            client.BaseAddress = PayAttentionOptionsValidator.WithTrailingSlash(options.BaseAddress!);
            if (!string.IsNullOrEmpty(options.Token))
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
        });

        services.AddKeyedSingleton<IChannelConnector, PayAttentionConnector>(Code);
    }
}

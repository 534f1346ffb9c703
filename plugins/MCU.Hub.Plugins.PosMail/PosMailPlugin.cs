using MCU.Hub.Channels;
using MCU.Hub.Plugins.PosMail.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Plugins.PosMail;

/// <summary>
/// The entry point of the «ПОС (уведомления по почте)» channel plugin: the fallback that municipalities use when
/// they have no ПОС interface, reading the platform's notification e-mails from an IMAP mailbox.
/// </summary>
public sealed class PosMailPlugin : IChannelPlugin
{
    /// <summary>The channel code: the key of the connector and of its configuration.</summary>
    public const string Code = "pos-mail";

    /// <inheritdoc />
    public ChannelDescriptor Descriptor { get; } =
        new(Code, "ПОС (уведомления по почте)", ChannelCapabilities.Poll)
        {
            OptionsType = typeof(PosMailOptions),
        };

    /// <inheritdoc />
    /// <remarks>
    /// Validates <see cref="PosMailOptions"/> bound from <paramref name="configuration"/> at once, binds them again
    /// with validation when the host starts and registers <see cref="PosMailConnector"/> as the keyed
    /// <see cref="IChannelConnector"/> <c>"pos-mail"</c>.
    /// </remarks>
    /// <exception cref="OptionsValidationException">
    /// A setting is invalid; the message names its full key. Nothing has been registered then.
    /// </exception>
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        var sectionPath = configuration is IConfigurationSection section ? section.Path : null;
        var validator = new PosMailOptionsValidator(sectionPath);

        // Checked here as well as on start: an exception from ConfigureServices disables only this plugin,
        // while a failed start-up validation would stop the whole host.
        var settings = new PosMailOptions();
        configuration.Bind(settings);
        var result = validator.Validate(Options.DefaultName, settings);
        if (result.Failed)
            throw new OptionsValidationException(Options.DefaultName, typeof(PosMailOptions), result.Failures);

        services.AddOptions<PosMailOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PosMailOptions>>(validator);
        services.AddKeyedSingleton<IChannelConnector, PosMailConnector>(Code);
    }
}

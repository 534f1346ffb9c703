using Microsoft.Extensions.Options;

namespace MCU.Hub.Quality.Internal;

/// <summary>The templates of <see cref="QualityOptions.Templates"/>.</summary>
internal sealed class ConfiguredAnswerTemplates(IOptions<QualityOptions> options) : IAnswerTemplateSource
{
    public ValueTask<IReadOnlyList<string>> GetTemplatesAsync(IReadOnlyCollection<string>? tenants, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<string>>(options.Value.Templates);
}

using MCU.Hub.Answers;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Quality.Internal;

/// <summary>
/// The templates answers are compared with: the municipalities' answer templates (<see cref="AnswerTemplates"/>,
/// the ones executors fill in) and the extra texts of <see cref="QualityOptions.Templates"/>.
/// </summary>
internal sealed class HubAnswerTemplates(IOptions<QualityOptions> options, AnswerTemplates templates) : IAnswerTemplateSource
{
    public async ValueTask<IReadOnlyList<string>> GetTemplatesAsync(IReadOnlyCollection<string>? tenants, CancellationToken cancellationToken)
    {
        var stored = await templates.TextsAsync(tenants, cancellationToken).ConfigureAwait(false);
        return [.. options.Value.Templates, .. stored];
    }
}

namespace MCU.Hub.Quality;

/// <summary>
/// Supplies the answer templates (шаблоны ответов) of a municipality, for the flag «template without the specifics».
/// The hub's default reads <see cref="QualityOptions.Templates"/>; an answer-template feature registers its own.
/// </summary>
/// <remarks>Called once per flag computation; may be called concurrently.</remarks>
public interface IAnswerTemplateSource
{
    /// <summary>Gets the template texts, placeholders included (<c>{адрес}</c>, <c>[дата]</c>, <c>___</c>, …).</summary>
    /// <param name="tenants">The municipalities whose templates to include, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The templates.</returns>
    ValueTask<IReadOnlyList<string>> GetTemplatesAsync(IReadOnlyCollection<string>? tenants, CancellationToken cancellationToken);
}

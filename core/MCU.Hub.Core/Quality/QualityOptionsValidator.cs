using Microsoft.Extensions.Options;

namespace MCU.Hub.Quality;

/// <summary>Checks <see cref="QualityOptions"/> at start-up; each error names its key.</summary>
public sealed class QualityOptionsValidator : IValidateOptions<QualityOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, QualityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.RepeatWindow <= TimeSpan.Zero || options.RepeatWindow > TimeSpan.FromDays(366))
            errors.Add("McuHub:Quality:RepeatWindow: окно повторных жалоб должно быть от 1 секунды до 366 дней");
        if (options.Templates.Any(string.IsNullOrWhiteSpace))
            errors.Add("McuHub:Quality:Templates: пустой шаблон ответа");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

using Microsoft.Extensions.Options;

namespace MCU.Hub.Satisfaction;

/// <summary>Checks <see cref="SatisfactionOptions"/> at start-up; each error names its key.</summary>
public sealed class SatisfactionOptionsValidator : IValidateOptions<SatisfactionOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SatisfactionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        const string Prefix = "McuHub:Satisfaction:";
        if (options.Delay < TimeSpan.Zero)
            errors.Add(Prefix + "Delay: задержка опроса не может быть отрицательной");
        if (options.ValidFor <= TimeSpan.Zero)
            errors.Add(Prefix + "ValidFor: срок действия ссылки должен быть положительным");
        if (options.ScanInterval <= TimeSpan.Zero)
            errors.Add(Prefix + "ScanInterval: интервал проверки должен быть положительным");
        if (!double.IsFinite(options.Share) || options.Share is < 0 or > 1)
            errors.Add(Prefix + "Share: доля опрашиваемых должна быть от 0 до 1");
        if (options.PublicBaseUrl is { Length: > 0 } url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.Query.Length > 0 || uri.Fragment.Length > 0)
                errors.Add(Prefix + $"PublicBaseUrl: нужен абсолютный адрес http(s) без запроса и фрагмента, получено «{url}»");
        }
        else if (options.Enabled)
        {
            errors.Add(Prefix + "PublicBaseUrl: публичный адрес хоста обязателен, когда опросы включены (Enabled = true)");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

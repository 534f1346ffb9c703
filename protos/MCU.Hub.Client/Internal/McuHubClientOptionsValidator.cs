using Microsoft.Extensions.Options;

namespace MCU.Hub.Client.Internal;

/// <summary>Checks <see cref="McuHubClientOptions"/>; each failure names the option, in Russian for the operator.</summary>
internal sealed class McuHubClientOptionsValidator : IValidateOptions<McuHubClientOptions>
{
    public ValidateOptionsResult Validate(string? name, McuHubClientOptions options)
    {
        var failures = new List<string>();
        if (options.Address is null)
            failures.Add($"{McuHubClientOptions.SectionName}:Address: адрес хаба не задан");
        else if (!options.Address.IsAbsoluteUri || options.Address.Scheme is not ("http" or "https"))
            failures.Add($"{McuHubClientOptions.SectionName}:Address: нужен абсолютный адрес http:// или https:// (задано «{options.Address}»)");

        if (options.ApiKey is { } key && (key.Length == 0 || key.Trim() != key || key.Any(char.IsControl)))
            failures.Add($"{McuHubClientOptions.SectionName}:ApiKey: ключ пуст или содержит пробелы по краям или управляющие символы");
        if (options.BearerToken is { } token && (token.Length == 0 || token.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))))
            failures.Add($"{McuHubClientOptions.SectionName}:BearerToken: токен пуст или содержит пробелы или управляющие символы");
        if (options.ApiKey is not null && (options.BearerToken is not null || options.BearerTokenProvider is not null))
            failures.Add($"{McuHubClientOptions.SectionName}:ApiKey: задайте либо ключ API, либо токен (BearerToken, BearerTokenProvider), но не оба");
        if (options.BearerToken is not null && options.BearerTokenProvider is not null)
            failures.Add($"{McuHubClientOptions.SectionName}:BearerToken: задайте либо BearerToken, либо BearerTokenProvider");
        if (options.Deadline <= TimeSpan.Zero && options.Deadline != Timeout.InfiniteTimeSpan)
            failures.Add($"{McuHubClientOptions.SectionName}:Deadline: срок вызова должен быть положительным (задано {options.Deadline})");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

using Microsoft.Extensions.Options;

namespace MCU.Hub.Plugins.Edds.Internal;

/// <summary>Checks <see cref="EddsOptions"/>; every failure names the full configuration key.</summary>
internal sealed class EddsOptionsValidator(string? sectionPath) : IValidateOptions<EddsOptions>
{
    public ValidateOptionsResult Validate(string? name, EddsOptions options)
    {
        var failures = new List<string>();

        if (options.BaseAddress is null)
            failures.Add($"{Key(nameof(EddsOptions.BaseAddress))} is required: the absolute http(s) address of the ЕДДС card feed, e.g. https://edds-gateway.example.ru/.");
        else if (!options.BaseAddress.IsAbsoluteUri || (options.BaseAddress.Scheme != Uri.UriSchemeHttp && options.BaseAddress.Scheme != Uri.UriSchemeHttps))
            failures.Add($"{Key(nameof(EddsOptions.BaseAddress))} must be an absolute http(s) address, not '{options.BaseAddress}'.");

        if (options.PageSize is < 1 or > EddsOptions.MaxPageSize)
            failures.Add($"{Key(nameof(EddsOptions.PageSize))} must be 1…{EddsOptions.MaxPageSize}, not {options.PageSize}.");

        CheckMap(options.CategoryMap, nameof(EddsOptions.CategoryMap), failures);
        CheckMap(options.ServiceMap, nameof(EddsOptions.ServiceMap), failures);
        for (var i = 0; i < (options.MunicipalTypes?.Count ?? 0); i++)
        {
            if (string.IsNullOrWhiteSpace(options.MunicipalTypes![i]))
                failures.Add($"{Key(nameof(EddsOptions.MunicipalTypes))}:{i} must name a card category or type, not be empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Gets <paramref name="address"/> ending with a slash, so relative paths resolve below it, not beside it.</summary>
    public static Uri WithTrailingSlash(Uri address) =>
        address.AbsolutePath.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");

    private void CheckMap(Dictionary<string, string>? map, string property, List<string> failures)
    {
        if (map is null)
            return;

        foreach (var (key, value) in map)
        {
            if (string.IsNullOrWhiteSpace(value))
                failures.Add($"{Key(property)}:{key} must name a target, not be empty.");
        }
    }

    private string Key(string property) => sectionPath is { Length: > 0 } ? $"{sectionPath}:{property}" : property;
}

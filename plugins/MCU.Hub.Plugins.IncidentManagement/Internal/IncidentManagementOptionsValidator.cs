using MCU.Hub.Plugins.Common.Import;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Plugins.IncidentManagement.Internal;

/// <summary>Checks <see cref="IncidentManagementOptions"/>; every failure names the full configuration key.</summary>
internal sealed class IncidentManagementOptionsValidator(string? sectionPath) : IValidateOptions<IncidentManagementOptions>
{
    public ValidateOptionsResult Validate(string? name, IncidentManagementOptions options)
    {
        var failures = new List<string>();

        if (options.BaseAddress is null)
            failures.Add($"{Key(nameof(IncidentManagementOptions.BaseAddress))} is required: the absolute http(s) address of the «Инцидент Менеджмент» API, e.g. https://im-gateway.example.ru/.");
        else if (!options.BaseAddress.IsAbsoluteUri || (options.BaseAddress.Scheme != Uri.UriSchemeHttp && options.BaseAddress.Scheme != Uri.UriSchemeHttps))
            failures.Add($"{Key(nameof(IncidentManagementOptions.BaseAddress))} must be an absolute http(s) address, not '{options.BaseAddress}'.");

        if (options.PageSize is < 1 or > IncidentManagementOptions.MaxPageSize)
            failures.Add($"{Key(nameof(IncidentManagementOptions.PageSize))} must be 1…{IncidentManagementOptions.MaxPageSize}, not {options.PageSize}.");

        CheckMap(options.CategoryMap, nameof(IncidentManagementOptions.CategoryMap), failures);
        CheckMap(options.NetworkMap, nameof(IncidentManagementOptions.NetworkMap), failures);
        CheckMap(options.StatusMap, nameof(IncidentManagementOptions.StatusMap), failures);

        var import = options.Import ?? new IncidentManagementImportOptions();
        ImportColumn.Validate(IncidentManagementImportColumns.Defaults, import.Columns, Key(nameof(IncidentManagementOptions.Import) + ":" + nameof(IncidentManagementImportOptions.Columns)), failures);
        if (import.UtcOffset < TimeSpan.FromHours(-12) || import.UtcOffset > TimeSpan.FromHours(14) || import.UtcOffset.Ticks % TimeSpan.TicksPerMinute != 0)
            failures.Add($"{Key(nameof(IncidentManagementOptions.Import) + ":" + nameof(IncidentManagementImportOptions.UtcOffset))} must be whole minutes within -12:00…14:00, not {import.UtcOffset}.");

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

using MCU.Hub.Plugins.Common.Import;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Plugins.Pos.Internal;

/// <summary>Checks <see cref="PosOptions"/> at start-up; every failure names the configuration key.</summary>
internal sealed class PosOptionsValidator(string? sectionPath) : IValidateOptions<PosOptions>
{
    public ValidateOptionsResult Validate(string? name, PosOptions options)
    {
        var failures = new List<string>();

        if (options.BaseAddress is null)
            failures.Add($"{Key(nameof(PosOptions.BaseAddress))} is required: the absolute http(s) address of the ПОС API, e.g. https://pos.example.ru/.");
        else if (!options.BaseAddress.IsAbsoluteUri || (options.BaseAddress.Scheme != Uri.UriSchemeHttp && options.BaseAddress.Scheme != Uri.UriSchemeHttps))
            failures.Add($"{Key(nameof(PosOptions.BaseAddress))} must be an absolute http(s) address, not '{options.BaseAddress}'.");

        if (options.PageSize is < 1 or > PosOptions.MaxPageSize)
            failures.Add($"{Key(nameof(PosOptions.PageSize))} must be 1…{PosOptions.MaxPageSize}, not {options.PageSize}.");

        CheckMap(options.CategoryMap, nameof(PosOptions.CategoryMap), failures);
        CheckMap(options.StatusMap, nameof(PosOptions.StatusMap), failures);

        var import = options.Import ?? new PosImportOptions();
        ImportColumn.Validate(PosImportColumns.Defaults, import.Columns, Key(nameof(PosOptions.Import) + ":" + nameof(PosImportOptions.Columns)), failures);
        if (import.UtcOffset < TimeSpan.FromHours(-12) || import.UtcOffset > TimeSpan.FromHours(14) || import.UtcOffset.Ticks % TimeSpan.TicksPerMinute != 0)
            failures.Add($"{Key(nameof(PosOptions.Import) + ":" + nameof(PosImportOptions.UtcOffset))} must be whole minutes within -12:00…14:00, not {import.UtcOffset}.");

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

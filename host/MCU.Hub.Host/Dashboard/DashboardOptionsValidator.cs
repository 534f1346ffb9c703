using Microsoft.Extensions.Options;

namespace MCU.Hub.Host.Dashboard;

/// <summary>Checks the tile URL template at start-up: an absolute http(s) URL with the <c>{z}</c>, <c>{x}</c>, <c>{y}</c> placeholders.</summary>
internal sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    private static readonly string[] RequiredPlaceholders = ["{z}", "{x}", "{y}"];

    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        if (options.TileUrl.Length == 0)
            return ValidateOptionsResult.Success;
        var errors = new List<string>();
        var probe = options.TileUrl.Replace("{s}", "a", StringComparison.Ordinal).Replace("{z}", "1", StringComparison.Ordinal)
            .Replace("{x}", "1", StringComparison.Ordinal).Replace("{y}", "1", StringComparison.Ordinal).Replace("{r}", "", StringComparison.Ordinal);
        if (!Uri.TryCreate(probe, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            errors.Add($"{DashboardOptions.SectionName}:TileUrl: нужен абсолютный адрес http(s), например https://tiles.example.ru/{{z}}/{{x}}/{{y}}.png, а не '{options.TileUrl}'");
        foreach (var placeholder in RequiredPlaceholders.Where(p => !options.TileUrl.Contains(p, StringComparison.Ordinal)))
            errors.Add($"{DashboardOptions.SectionName}:TileUrl: в шаблоне нет {placeholder}");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>The origin (scheme, host, port) of the tile server, which the page's content security policy lets images come from.</summary>
    public static string? TileOrigin(DashboardOptions options)
    {
        if (options.TileUrl.Length == 0)
            return null;
        var probe = options.TileUrl.Replace("{s}", "a", StringComparison.Ordinal);
        if (!Uri.TryCreate(probe.Split('{')[0], UriKind.Absolute, out var uri))
            return null;
        // Subdomain placeholders ({s}.tiles.example.ru) need a wildcard host.
        var host = options.TileUrl.Contains("{s}", StringComparison.Ordinal) ? "*." + uri.Host.Split('.', 2)[^1] : uri.Host;
        return $"{uri.Scheme}://{host}{(uri.IsDefaultPort ? "" : ":" + uri.Port)}";
    }
}

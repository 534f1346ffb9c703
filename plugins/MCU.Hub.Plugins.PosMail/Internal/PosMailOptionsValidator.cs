using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Plugins.PosMail.Internal;

/// <summary>Checks <see cref="PosMailOptions"/> at start-up; every failure names the configuration key.</summary>
internal sealed class PosMailOptionsValidator(string? sectionPath) : IValidateOptions<PosMailOptions>
{
    public ValidateOptionsResult Validate(string? name, PosMailOptions options)
    {
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.Host))
            failures.Add($"{Key(nameof(PosMailOptions.Host))} is required: the IMAP server's host name, e.g. imap.example.ru.");
        else if (Uri.CheckHostName(options.Host.Trim()) == UriHostNameType.Unknown)
            failures.Add($"{Key(nameof(PosMailOptions.Host))} must be a host name or an IP address, not '{options.Host}'.");

        if (options.Port is < 0 or > 65535)
            failures.Add($"{Key(nameof(PosMailOptions.Port))} must be 1…65535 (or 0 for 993/143 by Security), not {options.Port}.");

        if (!Enum.IsDefined(options.Security))
            failures.Add($"{Key(nameof(PosMailOptions.Security))} must be None, StartTls or SslOnConnect, not '{options.Security}'.");

        if (string.IsNullOrWhiteSpace(options.UserName))
            failures.Add($"{Key(nameof(PosMailOptions.UserName))} is required: the mailbox login.");
        if (string.IsNullOrEmpty(options.Password))
            failures.Add($"{Key(nameof(PosMailOptions.Password))} is required: the mailbox password (set it through the environment or a secret store).");

        if (string.IsNullOrWhiteSpace(options.Folder))
            failures.Add($"{Key(nameof(PosMailOptions.Folder))} must name a folder, e.g. {PosMailOptions.DefaultFolder}.");

        if (options.PageSize is < 1 or > PosMailOptions.MaxPageSize)
            failures.Add($"{Key(nameof(PosMailOptions.PageSize))} must be 1…{PosMailOptions.MaxPageSize}, not {options.PageSize}.");

        if (options.Timeout < TimeSpan.FromSeconds(1) || options.Timeout > TimeSpan.FromMinutes(10))
            failures.Add($"{Key(nameof(PosMailOptions.Timeout))} must be 00:00:01…00:10:00, not {options.Timeout}.");

        if (options.MaxMessageBytes < 64 * 1024)
            failures.Add($"{Key(nameof(PosMailOptions.MaxMessageBytes))} must be at least 65536, not {options.MaxMessageBytes}.");

        CheckTimeZone(options.TimeZone, failures);
        CheckNumberPattern(options.NumberPattern, failures);
        CheckLabels(options.Labels, failures);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void CheckTimeZone(string? timeZone, List<string> failures)
    {
        var key = Key(nameof(PosMailOptions.TimeZone));
        if (string.IsNullOrWhiteSpace(timeZone))
        {
            failures.Add($"{key} must name a time zone, e.g. {PosMailOptions.DefaultTimeZone}.");
            return;
        }

        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            failures.Add($"{key} '{timeZone}' is not a time zone of this system: {ex.Message}");
        }
    }

    private void CheckNumberPattern(string? pattern, List<string> failures)
    {
        var key = Key(nameof(PosMailOptions.NumberPattern));
        if (string.IsNullOrWhiteSpace(pattern))
        {
            failures.Add($"{key} is required: a regular expression with a group named 'number', e.g. {PosMailOptions.DefaultNumberPattern}.");
            return;
        }

        try
        {
            var regex = new Regex(pattern, LabelReader.Options, LabelReader.MatchTimeout);
            if (!regex.GetGroupNames().Contains("number", StringComparer.Ordinal))
                failures.Add($"{key} must have a group named 'number', e.g. {PosMailOptions.DefaultNumberPattern}.");
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            failures.Add($"{key} is not a regular expression the connector can run without backtracking: {ex.Message}");
        }
    }

    private void CheckLabels(Dictionary<string, string>? labels, List<string> failures)
    {
        if (labels is null)
            return;

        foreach (var (field, value) in labels)
        {
            var key = $"{Key(nameof(PosMailOptions.Labels))}:{field}";
            if (!PosMailFields.All.Contains(field, StringComparer.OrdinalIgnoreCase))
                failures.Add($"{key} is not a field; the fields are {string.Join(", ", PosMailFields.All)}.");
            else if (LabelReader.SplitAlternatives(value).All(a => a.Trim().TrimEnd(':').Trim().Length == 0))
                failures.Add($"{key} must list at least one label, alternatives separated by '|'.");
        }
    }

    private string Key(string property) => sectionPath is { Length: > 0 } ? $"{sectionPath}:{property}" : property;
}

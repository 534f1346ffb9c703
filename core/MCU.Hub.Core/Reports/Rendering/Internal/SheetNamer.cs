using System.Globalization;
using System.Text;

namespace MCU.Hub.Reports.Internal;

/// <summary>Makes worksheet names that Excel accepts: at most 31 characters, none of <c>[]:*?/\</c>, unique.</summary>
internal sealed class SheetNamer
{
    /// <summary>Excel's limit on a sheet name's length.</summary>
    public const int MaxLength = 31;

    private const string Fallback = "Лист";
    private readonly HashSet<string> used = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Sanitises <paramref name="name"/> and makes it unique among the names this instance gave so far.</summary>
    public string Claim(string? name)
    {
        var clean = Sanitise(name);
        var candidate = clean;
        for (var n = 2; !used.Add(candidate); n++)
        {
            var suffix = string.Create(CultureInfo.InvariantCulture, $" ({n})");
            candidate = Truncate(clean, MaxLength - suffix.Length).TrimEnd() + suffix;
        }

        return candidate;
    }

    /// <summary>Replaces forbidden characters, trims and truncates; never returns an empty name.</summary>
    public static string Sanitise(string? name)
    {
        var builder = new StringBuilder(name?.Length ?? 0);
        foreach (var c in name ?? string.Empty)
        {
            builder.Append(c switch
            {
                '[' or ']' or ':' or '*' or '?' or '/' or '\\' => '_',
                _ when char.IsControl(c) => ' ',
                _ => c,
            });
        }

        // Excel also refuses a name that starts or ends with an apostrophe, and "History" is reserved.
        var clean = Truncate(builder.ToString().Trim().Trim('\'').Trim(), MaxLength).Trim();
        return clean.Length == 0 || clean.Equals("History", StringComparison.OrdinalIgnoreCase) ? Fallback : clean;
    }

    private static string Truncate(string value, int length)
    {
        if (value.Length <= length)
            return value;

        // Never cut a surrogate pair in half.
        if (char.IsHighSurrogate(value[length - 1]))
            length--;
        return value[..length];
    }
}

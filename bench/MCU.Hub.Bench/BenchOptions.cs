using System.Globalization;

namespace MCU.Hub.Bench;

/// <summary>Command-line options of the form <c>--name value</c>.</summary>
internal static class BenchOptions
{
    /// <summary>Reads an integer option, or <paramref name="fallback"/> when absent; thousands separators (<c>1_000_000</c>, <c>1,000,000</c>) are allowed.</summary>
    public static int Int(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length
            ? int.Parse(args[at + 1].Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)
            : fallback;
    }

    /// <summary>Reads a number option, or <paramref name="fallback"/> when absent.</summary>
    public static double Double(string[] args, string name, double fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? double.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}

namespace MCU.Hub.Bench.Rules;

/// <summary>
/// The stem test given to RulesEngine as a custom type, with the same meaning as our <c>AnyWords</c>: a stem matches
/// the start of a word.
/// </summary>
public static class Stems
{
    /// <summary>Tells whether any of <paramref name="words"/> starts with <paramref name="stem"/>.</summary>
    /// <param name="words">The text's lower-case words.</param>
    /// <param name="stem">The stem.</param>
    /// <returns><see langword="true"/> when one does.</returns>
    public static bool Has(string[] words, string stem)
    {
        foreach (var word in words)
        {
            if (word.StartsWith(stem, StringComparison.Ordinal))
                return true;
        }

        return false;
    }
}

namespace MCU.Hub.Plugins.GovPublics.Internal;

/// <summary>
/// The connector's checkpoint: the cursors of both feeds in one string, <c>pages=&lt;cursor&gt;&amp;publications=&lt;cursor&gt;</c>,
/// each escaped and left out while the feed has not been read.
/// </summary>
internal readonly record struct GovPublicsCheckpoint(string? Pages, string? Publications)
{
    private const string PagesKey = "pages";
    private const string PublicationsKey = "publications";

    /// <summary>Reads a checkpoint made by <see cref="Format"/>; null or empty is the beginning of both feeds.</summary>
    /// <exception cref="ArgumentException">The text was not made by this connector.</exception>
    public static GovPublicsCheckpoint Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return default;

        string? pages = null, publications = null;
        foreach (var part in text.Split('&'))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(part[(equals + 1)..]);
            if (key == PagesKey && pages is null && value.Length > 0)
                pages = value;
            else if (key == PublicationsKey && publications is null && value.Length > 0)
                publications = value;
            else
                throw new ArgumentException($"The checkpoint '{text}' was not made by the «Госпаблики» connector: expected pages=…&publications=….", nameof(text));
        }

        return new(pages, publications);
    }

    /// <summary>Gets the checkpoint as text, or <see langword="null"/> when neither feed has been read.</summary>
    public string? Format()
    {
        var parts = new List<string>(2);
        if (!string.IsNullOrEmpty(Pages))
            parts.Add(PagesKey + "=" + Uri.EscapeDataString(Pages));
        if (!string.IsNullOrEmpty(Publications))
            parts.Add(PublicationsKey + "=" + Uri.EscapeDataString(Publications));
        return parts.Count == 0 ? null : string.Join('&', parts);
    }
}

using System.Collections.Frozen;

namespace MCU.Hub.Directories;

/// <summary>
/// The municipality's directory: recipients, territories and the category tree, with look-ups by code.
/// </summary>
public sealed class HubDirectory
{
    private readonly FrozenDictionary<string, Recipient> _recipients;
    private readonly FrozenDictionary<string, Territory> _territories;
    private readonly FrozenDictionary<string, Category> _categories;

    /// <summary>Creates a directory.</summary>
    /// <param name="recipients">The recipients.</param>
    /// <param name="territories">The territories.</param>
    /// <param name="categories">The category tree (blocks and topics).</param>
    public HubDirectory(IEnumerable<Recipient> recipients, IEnumerable<Territory> territories, IEnumerable<Category> categories)
    {
        _recipients = recipients.ToFrozenDictionary(r => r.Code, StringComparer.Ordinal);
        _territories = territories.ToFrozenDictionary(t => t.Code, StringComparer.Ordinal);
        _categories = categories.ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);
    }

    /// <summary>Gets every recipient.</summary>
    public IEnumerable<Recipient> Recipients => _recipients.Values;

    /// <summary>Gets every territory.</summary>
    public IEnumerable<Territory> Territories => _territories.Values;

    /// <summary>Gets every category, blocks and topics.</summary>
    public IEnumerable<Category> Categories => _categories.Values;

    /// <summary>Finds a recipient.</summary>
    /// <param name="code">The recipient code.</param>
    /// <returns>The recipient, or <see langword="null"/>.</returns>
    public Recipient? FindRecipient(string code) => _recipients.GetValueOrDefault(code);

    /// <summary>Finds a territory.</summary>
    /// <param name="code">The territory code.</param>
    /// <returns>The territory, or <see langword="null"/>.</returns>
    public Territory? FindTerritory(string code) => _territories.GetValueOrDefault(code);

    /// <summary>Finds a category (block or topic).</summary>
    /// <param name="code">The category code.</param>
    /// <returns>The category, or <see langword="null"/>.</returns>
    public Category? FindCategory(string code) => _categories.GetValueOrDefault(code);

    /// <summary>Gets the code of the thematic block a category belongs to (the category itself for a block).</summary>
    /// <param name="categoryCode">The category code.</param>
    /// <returns>The block code, or <see langword="null"/> when the category is unknown.</returns>
    public string? BlockOf(string categoryCode)
    {
        var current = FindCategory(categoryCode);
        for (var depth = 0; current is not null && depth < 16; depth++)
        {
            if (current.Parent is null)
                return current.Code;
            current = FindCategory(current.Parent);
        }

        return null;
    }
}

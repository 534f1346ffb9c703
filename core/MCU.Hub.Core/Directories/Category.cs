namespace MCU.Hub.Directories;

/// <summary>
/// A node of the category tree: a thematic block (отраслевой блок, the top level) or a topic within it.
/// </summary>
public sealed class Category
{
    /// <summary>Gets or sets the stable code.</summary>
    public string Code { get; set; } = "";

    /// <summary>Gets or sets the Russian name as the regulations give it.</summary>
    public string Name { get; set; } = "";

    /// <summary>Gets or sets the code of the parent block; <see langword="null"/> for a thematic block.</summary>
    public string? Parent { get; set; }

    /// <summary>Gets or sets the ТОТК code (the all-Russian typical thematic classifier), where one applies.</summary>
    public string? TotkCode { get; set; }

    /// <summary>
    /// Gets or sets the keyword stems that classify a text into this category («ям» matches «яма», «ямы», «ямами»).
    /// </summary>
    public List<string> Keywords { get; set; } = [];

    /// <summary>Gets or sets the channels' own category names that map onto this category.</summary>
    public List<string> SourceCategories { get; set; } = [];
}

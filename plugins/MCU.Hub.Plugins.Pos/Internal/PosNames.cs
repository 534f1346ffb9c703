namespace MCU.Hub.Plugins.Pos.Internal;

/// <summary>The renaming of ПОС categories and subcategories through <see cref="PosOptions.CategoryMap"/>, shared by the connector and the importer.</summary>
internal static class PosNames
{
    public static string Category(PosOptions options, string name) =>
        options.CategoryMap.TryGetValue(name, out var mapped) ? mapped : name;

    public static string Subcategory(PosOptions options, string? category, string name) =>
        category is not null && options.CategoryMap.TryGetValue(category + "/" + name, out var qualified) ? qualified
        : options.CategoryMap.TryGetValue(name, out var mapped) ? mapped
        : name;
}

namespace MCU.Hub.Plugins.IncidentManagement.Internal;

/// <summary>The renaming of networks, rubrics and topics through the options, shared by the connector and the importer.</summary>
internal static class IncidentNames
{
    // The export shows networks by name; the API sends codes. Both end up as the API's code before NetworkMap applies.
    private static readonly Dictionary<string, string> NetworkCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ВКонтакте"] = "vk",
        ["ВК"] = "vk",
        ["VK"] = "vk",
        ["VKontakte"] = "vk",
        ["vk.com"] = "vk",
        ["Одноклассники"] = "ok",
        ["ОК"] = "ok",
        ["OK"] = "ok",
        ["ok.ru"] = "ok",
        ["Telegram"] = "telegram",
        ["Телеграм"] = "telegram",
        ["Телеграмм"] = "telegram",
        ["TG"] = "telegram",
    };

    public static string Network(IncidentManagementOptions options, string network) =>
        options.NetworkMap.TryGetValue(network, out var mapped) ? mapped : network;

    /// <summary>Reads a network as the export names it («ВКонтакте»), then renames it as <see cref="Network"/> does.</summary>
    public static string NetworkByName(IncidentManagementOptions options, string name) =>
        options.NetworkMap.TryGetValue(name, out var mapped) ? mapped
        : Network(options, NetworkCodes.TryGetValue(name, out var code) ? code : name);

    public static string Name(IncidentManagementOptions options, string name) =>
        options.CategoryMap.TryGetValue(name, out var mapped) ? mapped : name;

    public static string Topic(IncidentManagementOptions options, string? category, string topic) =>
        category is { Length: > 0 } && options.CategoryMap.TryGetValue(category + "/" + topic, out var qualified) ? qualified
        : Name(options, topic);
}

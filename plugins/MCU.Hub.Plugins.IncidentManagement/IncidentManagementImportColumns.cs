using MCU.Hub.Plugins.Common.Import;

namespace MCU.Hub.Plugins.IncidentManagement;

/// <summary>
/// The columns of the «Инцидент Менеджмент» export (.xlsx or .csv): the keys used in
/// <see cref="IncidentManagementImportOptions.Columns"/>. No public description of the export exists; these are the
/// headers as staff see them, documented in the plugin's README and renamable in configuration.
/// </summary>
public static class IncidentManagementImportColumns
{
    /// <summary>«ID инцидента» (required): the incident id, the same as <c>id</c> of the API.</summary>
    public const string Id = "Id";

    /// <summary>«Соцсеть» (required): ВКонтакте, Одноклассники, Telegram, or the API's codes <c>vk</c>, <c>ok</c>, <c>telegram</c>.</summary>
    public const string Network = "Network";

    /// <summary>«Ссылка на пост» (required): an absolute http(s) link.</summary>
    public const string PostUrl = "PostUrl";

    /// <summary>«Автор»: the author's name or the page's title.</summary>
    public const string Author = "Author";

    /// <summary>«Текст» (required): the post or comment.</summary>
    public const string Text = "Text";

    /// <summary>«Тема»: the topic the system detected.</summary>
    public const string Topic = "Topic";

    /// <summary>«Дата публикации» (required): when the post was published.</summary>
    public const string PublishedAt = "PublishedAt";

    /// <summary>«Важный»: Да/Нет.</summary>
    public const string Important = "Important";

    /// <summary>«Рубрика»: the rubric (the API's <c>category</c>).</summary>
    public const string Category = "Category";

    /// <summary>«Дата обнаружения»: when the system found the post.</summary>
    public const string DetectedAt = "DetectedAt";

    /// <summary>«Статус»: the incident's status as the system shows it.</summary>
    public const string Status = "Status";

    /// <summary>Gets the columns with their default headers.</summary>
    internal static IReadOnlyList<ImportColumn> Defaults { get; } =
    [
        new(Id, true, ["ID инцидента"]),
        new(Network, true, ["Соцсеть"]),
        new(PostUrl, true, ["Ссылка на пост"]),
        new(Author, false, ["Автор"]),
        new(Text, true, ["Текст"]),
        new(Topic, false, ["Тема"]),
        new(PublishedAt, true, ["Дата публикации"]),
        new(Important, false, ["Важный"]),
        new(Category, false, ["Рубрика"]),
        new(DetectedAt, false, ["Дата обнаружения"]),
        new(Status, false, ["Статус"]),
    ];
}

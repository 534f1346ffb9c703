namespace MCU.Hub.Plugins.IncidentManagement;

/// <summary>
/// Settings of the «Инцидент Менеджмент» connector, bound from the channel's section
/// <c>McuHub:Channels:incident-management:Settings</c> and validated when the plugin is configured and when the host starts.
/// </summary>
public sealed class IncidentManagementOptions
{
    /// <summary>The default of <see cref="PageSize"/>.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>The largest <see cref="PageSize"/> accepted.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Gets or sets the absolute http(s) address of the API; <c>api/v1/...</c> is resolved against it.</summary>
    /// <value>Required; there is no default. A missing trailing slash is added.</value>
    public Uri? BaseAddress { get; set; }

    /// <summary>Gets or sets the bearer token sent as <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    /// <value>
    /// The default is <see langword="null"/>: no header is sent. Keep it out of appsettings files: set it through the
    /// environment (<c>McuHub__Channels__incident-management__Settings__Token</c>) or a secret store.
    /// </value>
    public string? Token { get; set; }

    /// <summary>Gets or sets the most incidents asked for in one request (<c>limit</c>); the host's own limit may be lower.</summary>
    /// <value>The default is <see cref="DefaultPageSize"/>; 1…<see cref="MaxPageSize"/>.</value>
    public int PageSize { get; set; } = DefaultPageSize;

    /// <summary>
    /// Gets or sets the renaming of rubrics (<c>category</c>) and detected topics (<c>topic</c>) into the names written to
    /// <c>InboundItem.SourceCategory</c> and <c>SourceSubcategory</c>.
    /// </summary>
    /// <value>
    /// The default is empty: names pass through unchanged. A key is a rubric or topic name («ЖКХ», «Отопление»); a key
    /// «Рубрика/Тема» renames a topic of that rubric only and wins over the bare topic name. Keys ignore case.
    /// </value>
    public Dictionary<string, string> CategoryMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the renaming of the source's network codes into the value of <c>Metadata["network"]</c>.</summary>
    /// <value>The default is empty: <c>vk</c>, <c>ok</c>, <c>telegram</c> pass through unchanged. Keys ignore case.</value>
    public Dictionary<string, string> NetworkMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the renaming of the hub's reply statuses into the statuses sent with a reply.</summary>
    /// <value>
    /// The default is empty: statuses pass through unchanged (the hub's <c>in_progress</c>, <c>answered</c>, <c>closed</c>
    /// are statuses of the contract as well). Keys ignore case.
    /// </value>
    public Dictionary<string, string> StatusMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the settings of the export importer (<see cref="IncidentManagementImporter"/>).</summary>
    /// <value>The default reads the columns under their default headers, with dates in Moscow time.</value>
    public IncidentManagementImportOptions Import { get; set; } = new();
}

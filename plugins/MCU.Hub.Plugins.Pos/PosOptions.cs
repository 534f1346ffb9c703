namespace MCU.Hub.Plugins.Pos;

/// <summary>
/// Settings of the ПОС connector, bound from the channel's section <c>McuHub:Channels:pos:Settings</c>
/// and validated when the host starts.
/// </summary>
public sealed class PosOptions
{
    /// <summary>The default of <see cref="PageSize"/>.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>The largest <see cref="PageSize"/> accepted.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Gets or sets the absolute http(s) address of the ПОС API; <c>api/v1/...</c> is resolved against it.</summary>
    /// <value>Required; there is no default. A missing trailing slash is added.</value>
    public Uri? BaseAddress { get; set; }

    /// <summary>Gets or sets the bearer token sent as <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    /// <value>
    /// The default is <see langword="null"/>: no header is sent. Keep it out of appsettings files: set it through
    /// the environment (<c>McuHub__Channels__pos__Settings__Token</c>) or a secret store.
    /// </value>
    public string? Token { get; set; }

    /// <summary>Gets or sets the most messages asked for in one request (<c>limit</c>); the host's own limit may be lower.</summary>
    /// <value>The default is <see cref="DefaultPageSize"/>; 1…<see cref="MaxPageSize"/>.</value>
    public int PageSize { get; set; } = DefaultPageSize;

    /// <summary>
    /// Gets or sets the renaming of ПОС categories and subcategories into the names written to
    /// <c>InboundItem.SourceCategory</c> and <c>SourceSubcategory</c>.
    /// </summary>
    /// <value>
    /// The default is empty: names pass through unchanged. A key is a category or subcategory name
    /// («Дороги», «Ямы на дороге»); a key «Категория/Подкатегория» renames a subcategory of that category only and
    /// wins over the bare subcategory name. Keys are compared ignoring case.
    /// </value>
    public Dictionary<string, string> CategoryMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the renaming of the hub's reply statuses into ПОС statuses sent in an answer.</summary>
    /// <value>
    /// The default is empty: the hub's <c>in_progress</c>, <c>answered</c>, <c>closed</c>, <c>rejected</c> are ПОС
    /// statuses as well and pass unchanged; <c>reopened</c> goes as <c>in_progress</c>, and <c>new</c>, <c>routed</c>,
    /// <c>returned</c> as <c>registered</c>, the statuses ПОС has for them. Keys are compared ignoring case.
    /// </value>
    public Dictionary<string, string> StatusMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the settings of the export importer (<see cref="PosImporter"/>).</summary>
    /// <value>The default reads the columns under their default headers, with dates in Moscow time.</value>
    public PosImportOptions Import { get; set; } = new();
}

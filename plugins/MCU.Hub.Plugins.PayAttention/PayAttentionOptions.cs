namespace MCU.Hub.Plugins.PayAttention;

/// <summary>
/// Settings of the «Обращаем внимание» connector, bound from the channel's section
/// <c>McuHub:Channels:pay-attention:Settings</c> and validated when the plugin is configured and when the host starts.
/// </summary>
public sealed class PayAttentionOptions
{
    /// <summary>The default of <see cref="PageSize"/>.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>The largest <see cref="PageSize"/> accepted.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Gets or sets the absolute http(s) address of the portal's API; <c>api/v1/...</c> is resolved against it.</summary>
    /// <value>Required; there is no default. A missing trailing slash is added.</value>
    public Uri? BaseAddress { get; set; }

    /// <summary>Gets or sets the bearer token sent as <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    /// <value>
    /// The default is <see langword="null"/>: no header is sent. Keep it out of appsettings files: set it through the
    /// environment (<c>McuHub__Channels__pay-attention__Settings__Token</c>) or a secret store.
    /// </value>
    public string? Token { get; set; }

    /// <summary>Gets or sets the most messages asked for in one request (<c>limit</c>); the host's own limit may be lower.</summary>
    /// <value>The default is <see cref="DefaultPageSize"/>; 1…<see cref="MaxPageSize"/>.</value>
    public int PageSize { get; set; } = DefaultPageSize;

    /// <summary>
    /// Gets or sets the renaming of the portal's categories and subcategories into the names written to
    /// <c>InboundItem.SourceCategory</c> and <c>SourceSubcategory</c>.
    /// </summary>
    /// <value>
    /// The default is empty: names pass through unchanged. A key is a category or subcategory name; a key
    /// «Категория/Подкатегория» renames a subcategory of that category only and wins over the bare name. Keys ignore case.
    /// </value>
    public Dictionary<string, string> CategoryMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the renaming of the hub's reply statuses into the portal's statuses sent with an answer.</summary>
    /// <value>
    /// The default maps the hub's <c>in_progress</c> to the portal's <c>review</c> and <c>intermediate_answer</c> to
    /// <c>interim_answer</c>; <c>answered</c>, <c>closed</c> and <c>rejected</c> are the portal's own and pass through.
    /// Configuration adds keys or overrides these; keys ignore case.
    /// </value>
    public Dictionary<string, string> StatusMap { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["in_progress"] = "review",
        ["intermediate_answer"] = "interim_answer",
    };
}

namespace MCU.Hub.Plugins.Edds;

/// <summary>
/// Settings of the ЕДДС connector, bound from the channel's section <c>McuHub:Channels:edds:Settings</c> and validated
/// when the plugin is configured and when the host starts.
/// </summary>
public sealed class EddsOptions
{
    /// <summary>The default of <see cref="PageSize"/>.</summary>
    public const int DefaultPageSize = 200;

    /// <summary>The largest <see cref="PageSize"/> accepted.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Gets or sets the absolute http(s) address of the card feed; <c>api/v1/...</c> is resolved against it.</summary>
    /// <value>Required; there is no default. A missing trailing slash is added.</value>
    public Uri? BaseAddress { get; set; }

    /// <summary>Gets or sets the bearer token sent as <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    /// <value>
    /// The default is <see langword="null"/>: no header is sent. Keep it out of appsettings files: set it through the
    /// environment (<c>McuHub__Channels__edds__Settings__Token</c>) or a secret store.
    /// </value>
    public string? Token { get; set; }

    /// <summary>Gets or sets the most card versions asked for in one request (<c>limit</c>); the host's own limit may be lower.</summary>
    /// <value>The default is <see cref="DefaultPageSize"/>; 1…<see cref="MaxPageSize"/>.</value>
    public int PageSize { get; set; } = DefaultPageSize;

    /// <summary>
    /// Gets or sets the renaming of card categories and types into the names written to <c>InboundItem.SourceCategory</c>
    /// and <c>SourceSubcategory</c> of the cards that need a municipal recipient.
    /// </summary>
    /// <value>
    /// The default is empty: names pass through unchanged. A key is a category or type name; a key «Категория/Тип»
    /// renames a type of that category only and wins over the bare type. Keys ignore case.
    /// </value>
    public Dictionary<string, string> CategoryMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the renaming of the service codes written to the <c>service</c> field and the item's text.</summary>
    /// <value>The default is empty: <c>01</c>, <c>02</c>, <c>03</c>, <c>04</c>, <c>ЖКХ</c> ... pass through unchanged. Keys ignore case.</value>
    public Dictionary<string, string> ServiceMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Gets or sets card categories or types that always need a municipal recipient, even when the card does not say so
    /// (<c>needs_municipal_response</c> false or absent): for a feed that has no such flag.
    /// </summary>
    /// <value>The default is empty: only the card's own flag counts. Entries are compared ignoring case.</value>
    public List<string> MunicipalTypes { get; set; } = [];
}

namespace MCU.Hub.Plugins.GovPublics;

/// <summary>
/// Settings of the «Госпаблики» connector, bound from the channel's section <c>McuHub:Channels:gov-publics:Settings</c>
/// and validated when the plugin is configured and when the host starts.
/// </summary>
public sealed class GovPublicsOptions
{
    /// <summary>The default of <see cref="PageSize"/>.</summary>
    public const int DefaultPageSize = 200;

    /// <summary>The largest <see cref="PageSize"/> accepted.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Gets or sets the absolute http(s) address of the API; <c>api/v1/...</c> is resolved against it.</summary>
    /// <value>Required; there is no default. A missing trailing slash is added.</value>
    public Uri? BaseAddress { get; set; }

    /// <summary>Gets or sets the bearer token sent as <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    /// <value>
    /// The default is <see langword="null"/>: no header is sent. Keep it out of appsettings files: set it through the
    /// environment (<c>McuHub__Channels__gov-publics__Settings__Token</c>) or a secret store.
    /// </value>
    public string? Token { get; set; }

    /// <summary>
    /// Gets or sets the most records (pages and publications together) asked for in one pull; the host's own limit may
    /// be lower.
    /// </summary>
    /// <value>The default is <see cref="DefaultPageSize"/>; 1…<see cref="MaxPageSize"/>.</value>
    public int PageSize { get; set; } = DefaultPageSize;

    /// <summary>
    /// Gets or sets the mapping of owners' ids in «Госпаблики» (the emulator uses ИНН) to the hub's recipient codes,
    /// written to the <c>owner</c> field of page and publication records.
    /// </summary>
    /// <value>
    /// The default is empty: the source's id is written as it is. Keys ignore case. An owner missing here still comes
    /// through, with its own id, so a new institution's page is never lost.
    /// </value>
    public Dictionary<string, string> OwnerMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the renaming of the source's network codes into the <c>network</c> field of the records.</summary>
    /// <value>The default is empty: <c>vk</c>, <c>ok</c>, <c>telegram</c> pass through unchanged. Keys ignore case.</value>
    public Dictionary<string, string> NetworkMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

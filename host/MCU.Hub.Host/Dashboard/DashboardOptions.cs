using System.ComponentModel.DataAnnotations;

namespace MCU.Hub.Host.Dashboard;

/// <summary>The browser dashboard of the МЦУ, bound from <c>McuHub:Dashboard</c>.</summary>
public sealed class DashboardOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "McuHub:Dashboard";

    /// <summary>Gets or sets a value indicating whether the host serves the dashboard at <c>/dashboard/</c> (and redirects <c>/</c> there).</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Gets or sets the map tile URL template, for example <c>https://tiles.example.ru/{z}/{x}/{y}.png</c>, with the
    /// placeholders <c>{z}</c>, <c>{x}</c>, <c>{y}</c> (and optionally <c>{s}</c>, <c>{r}</c>).
    /// </summary>
    /// <value>
    /// The default is empty: no tiles, so the map draws the points over the territories' outlines on a plain background and
    /// the browser opens no connection beyond the host.
    /// </value>
    public string TileUrl { get; set; } = "";

    /// <summary>Gets or sets the attribution shown under the map when tiles are used (the tile provider's licence usually requires it).</summary>
    public string TileAttribution { get; set; } = "";

    /// <summary>Gets or sets the deepest zoom the tile server offers.</summary>
    /// <value>The default is 18.</value>
    [Range(1, 22)]
    public int MaxZoom { get; set; } = 18;

    /// <summary>Gets or sets how far ahead a deadline counts as near on the overview page.</summary>
    /// <value>The default is 1 day.</value>
    [Range(typeof(TimeSpan), "00:10:00", "30.00:00:00")]
    public TimeSpan NearDeadline { get; set; } = TimeSpan.FromDays(1);
}

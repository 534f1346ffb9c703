using System.ComponentModel.DataAnnotations;

namespace MCU.Hub.Host;

/// <summary>Options of the host, bound from <c>McuHub:Host</c>.</summary>
public sealed class McuHubHostOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "McuHub:Host";

    /// <summary>Gets or sets the folder scanned for channel plugins (one sub-folder per plugin); relative paths start at the host's folder.</summary>
    /// <value>The default is <c>plugins</c>.</value>
    [Required]
    public string PluginsPath { get; set; } = "plugins";
}

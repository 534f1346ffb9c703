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

    /// <summary>Gets or sets the largest export file accepted for import, in bytes.</summary>
    /// <value>The default is 100 MiB.</value>
    [Range(1024, 2L * 1024 * 1024 * 1024)]
    public long MaxImportBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Gets or sets how replies are delivered back to the channels.</summary>
    [Required]
    public OutboxOptions Outbox { get; set; } = new();
}

/// <summary>How the host delivers replies from the outbox, bound from <c>McuHub:Host:Outbox</c>.</summary>
public sealed class OutboxOptions
{
    /// <summary>Gets or sets how often the outbox is checked for due deliveries.</summary>
    /// <value>The default is 1 second.</value>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how many attempts a delivery gets before it is marked failed (stuck).</summary>
    /// <value>The default is 10.</value>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Gets or sets the wait after the first failed attempt; later waits double.</summary>
    /// <value>The default is 10 seconds.</value>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the longest wait between attempts.</summary>
    /// <value>The default is 30 minutes.</value>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(30);
}

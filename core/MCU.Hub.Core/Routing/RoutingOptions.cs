using System.ComponentModel.DataAnnotations;

namespace MCU.Hub.Routing;

/// <summary>Options of routing, bound from the <c>McuHub:Routing</c> configuration section.</summary>
public sealed class RoutingOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "McuHub:Routing";

    /// <summary>The default <see cref="RegexTimeout"/>.</summary>
    public static readonly TimeSpan DefaultRegexTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>Gets or sets how long one rule's regular expression may run on one message before it counts as not matching.</summary>
    /// <value>The default is 100 ms.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan RegexTimeout { get; set; } = DefaultRegexTimeout;

    /// <summary>Gets or sets the most stored messages a dry run may replay.</summary>
    /// <value>The default is 10,000.</value>
    [Range(1, 1_000_000)]
    public int MaxDryRunMessages { get; set; } = 10_000;
}

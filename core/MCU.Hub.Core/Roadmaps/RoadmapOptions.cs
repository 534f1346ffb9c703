using System.ComponentModel.DataAnnotations;

namespace MCU.Hub.Roadmaps;

/// <summary>Roadmap settings, bound from <c>McuHub:Roadmaps</c>.</summary>
public sealed class RoadmapOptions
{
    /// <summary>Gets or sets how often the host looks for overdue measures (and reloads the fast-track catalogue).</summary>
    /// <value>The default is 1 minute.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets the most messages one roadmap links.</summary>
    /// <value>The default is 5 000.</value>
    [Range(1, 100_000)]
    public int MaxMessages { get; set; } = 5_000;

    /// <summary>Gets or sets the most measures one roadmap has.</summary>
    /// <value>The default is 200.</value>
    [Range(1, 10_000)]
    public int MaxMeasures { get; set; } = 200;
}

namespace MCU.Hub.Analytics;

/// <summary>Which classification gives the rows of a <see cref="HeatMap"/>.</summary>
public enum HeatMapRows
{
    /// <summary>Rows by topic (<see cref="AnalyticsItem.Category"/>).</summary>
    Category,

    /// <summary>Rows by thematic block (<see cref="AnalyticsItem.Block"/>).</summary>
    Block,
}

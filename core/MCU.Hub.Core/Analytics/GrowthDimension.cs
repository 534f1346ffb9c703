namespace MCU.Hub.Analytics;

/// <summary>A property of a message that inflow is counted by.</summary>
public enum GrowthDimension
{
    /// <summary>The topic (<see cref="AnalyticsItem.Category"/>).</summary>
    Category,

    /// <summary>The thematic block (<see cref="AnalyticsItem.Block"/>).</summary>
    Block,

    /// <summary>The territory (<see cref="AnalyticsItem.Territory"/>).</summary>
    Territory,

    /// <summary>The channel (<see cref="AnalyticsItem.Channel"/>); a factor of an alert, not alerted on by default.</summary>
    Channel,
}

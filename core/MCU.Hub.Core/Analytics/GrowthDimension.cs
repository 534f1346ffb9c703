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

/// <summary>Maps growth dimensions onto the indicator dimensions that name their values.</summary>
public static class GrowthDimensionExtensions
{
    /// <summary>Gets the indicator dimension of the same property (for its values' names).</summary>
    /// <param name="dimension">The growth dimension.</param>
    /// <returns>The indicator dimension.</returns>
    public static Kpi.KpiDimension ToKpiDimension(this GrowthDimension dimension) => dimension switch
    {
        GrowthDimension.Block => Kpi.KpiDimension.Block,
        GrowthDimension.Territory => Kpi.KpiDimension.Territory,
        GrowthDimension.Channel => Kpi.KpiDimension.Channel,
        _ => Kpi.KpiDimension.Category,
    };
}

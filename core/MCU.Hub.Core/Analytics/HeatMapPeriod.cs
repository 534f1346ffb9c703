namespace MCU.Hub.Analytics;

/// <summary>The column width of a <see cref="HeatMap"/>.</summary>
public enum HeatMapPeriod
{
    /// <summary>One calendar day.</summary>
    Day,

    /// <summary>An ISO week, starting on Monday.</summary>
    Week,

    /// <summary>A calendar month, starting on the 1st.</summary>
    Month,
}

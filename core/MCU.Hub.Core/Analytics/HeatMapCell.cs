namespace MCU.Hub.Analytics;

/// <summary>One cell of a heat map: the number of messages of a row key in a territory during a period.</summary>
/// <param name="Key">The category or block code (see <see cref="HeatMapRows"/>); <see cref="HeatMap.NoKey"/> when missing.</param>
/// <param name="Territory">The territory code; <see cref="HeatMap.NoTerritory"/> when missing.</param>
/// <param name="PeriodStart">The first day of the period: the day itself, the Monday of the ISO week or the 1st of the month.</param>
/// <param name="Count">The number of messages.</param>
public sealed record HeatMapCell(string Key, string Territory, DateOnly PeriodStart, int Count);

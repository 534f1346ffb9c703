namespace MCU.Hub.Kpi;

/// <summary>What an indicator is: its id, its name as the regulation gives it, its unit and its formula.</summary>
/// <param name="Id">A stable id (<c>fast-track-share</c>); plan values and API calls use it.</param>
/// <param name="Name">The Russian name, as the regulation words it.</param>
/// <param name="Unit">The unit, in Russian (<c>процент</c>, <c>ч</c>, <c>шт.</c>).</param>
/// <param name="Formula">The numerator and denominator in words, in Russian.</param>
public sealed record KpiIndicatorDescriptor(string Id, string Name, string Unit, string Formula)
{
    /// <summary>Gets the group the indicator is shown in: <see cref="KpiGroups.Target"/>, <see cref="KpiGroups.Operational"/> or a plugin's own.</summary>
    public string Group { get; init; } = KpiGroups.Operational;

    /// <summary>Gets the act or document that defines the indicator, if any.</summary>
    public string? Source { get; init; }

    /// <summary>Gets a value indicating whether a higher value is better (for comparing the fact with the plan).</summary>
    public bool HigherIsBetter { get; init; } = true;
}

/// <summary>The groups indicators are shown in.</summary>
public static class KpiGroups
{
    /// <summary>The target indicators of Government Resolution No. 1844 (целевые показатели).</summary>
    public const string Target = "target";

    /// <summary>The operational indicators of processing (показатели обработки).</summary>
    public const string Operational = "operational";
}

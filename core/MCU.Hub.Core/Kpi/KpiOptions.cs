using System.ComponentModel.DataAnnotations;

namespace MCU.Hub.Kpi;

/// <summary>How indicators, ratings and backlog snapshots are counted (section <c>McuHub:Kpi</c>).</summary>
public sealed class KpiOptions
{
    /// <summary>Gets or sets which date puts a message into a period: its receipt (default) or its closing.</summary>
    public KpiCountingBasis Basis { get; set; } = KpiCountingBasis.Receipt;

    /// <summary>
    /// Gets or sets the kinds the shares count. Default: обращения, сообщения and social-network incidents pooled
    /// (Resolution No. 1844 speaks of «обращения и сообщения» together); ЕДДС calls are counted apart.
    /// </summary>
    public List<MessageKind> Kinds { get; set; } = [];

    /// <summary>
    /// Gets or sets plan values: indicator id → year → plan. Defaults to the table of the Нягань regulation for
    /// 2021–2024; later years are the municipality's to set.
    /// </summary>
    public Dictionary<string, Dictionary<int, double>> Plans { get; set; } = [];

    /// <summary>Gets or sets the publications a week an official page must reach (Каменск-Уральский: at least 5).</summary>
    [Range(1, 1000)]
    public int PublicationsPerWeekNorm { get; set; } = 5;

    /// <summary>Gets or sets how recipients are rated.</summary>
    public RatingOptions Rating { get; set; } = new();

    /// <summary>Gets the kinds counted, with the default applied.</summary>
    /// <returns>The kinds.</returns>
    public IReadOnlyList<MessageKind> EffectiveKinds() =>
        Kinds.Count > 0 ? Kinds : [MessageKind.Appeal, MessageKind.Message, MessageKind.Incident];

    /// <summary>Gets the plan of an indicator for a year: configuration first, then the shipped defaults.</summary>
    /// <param name="indicatorId">The indicator id.</param>
    /// <param name="year">The year.</param>
    /// <returns>The plan, or <see langword="null"/> when none is set.</returns>
    public double? PlanFor(string indicatorId, int year)
    {
        if (Plans.TryGetValue(indicatorId, out var configured))
            return configured.TryGetValue(year, out var plan) ? plan : null;
        return TargetIndicators.DefaultPlans.TryGetValue(indicatorId, out var defaults) && defaults.TryGetValue(year, out var value) ? value : null;
    }
}

/// <summary>Which date puts a message into a period.</summary>
public enum KpiCountingBasis
{
    /// <summary>The day it was received (a cohort: later processing still counts for the period it came in).</summary>
    Receipt = 0,

    /// <summary>The day it was closed (answered and accepted, or rejected).</summary>
    Closing = 1,
}

/// <summary>How recipients are rated (рейтингование): the weights of the score's components and the minimum volume.</summary>
public sealed class RatingOptions
{
    /// <summary>Gets or sets the fewest messages a recipient needs in the window to be ranked; below it the recipient is listed unranked.</summary>
    [Range(1, 1_000_000)]
    public int MinimumVolume { get; set; } = 10;

    /// <summary>Gets or sets the weight of completeness: the share of received messages that got an answer.</summary>
    [Range(0, 100)]
    public double CompletenessWeight { get; set; } = 25;

    /// <summary>Gets or sets the weight of timeliness: the share of answers given by the deadline.</summary>
    [Range(0, 100)]
    public double TimelinessWeight { get; set; } = 35;

    /// <summary>Gets or sets the weight of substance: the share of answers neither returned nor reopened.</summary>
    [Range(0, 100)]
    public double SubstanceWeight { get; set; } = 25;

    /// <summary>Gets or sets the weight of the citizens' satisfaction (left out, and the others scaled up, when nobody rated).</summary>
    [Range(0, 100)]
    public double SatisfactionWeight { get; set; } = 15;
}

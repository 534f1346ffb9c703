namespace MCU.Hub.Kpi;

/// <summary>
/// Target indicator 4: the share of decisions taken with residents through ПОС (votes, polls, public discussions) whose
/// implementation was reported in social networks.
/// </summary>
/// <remarks>
/// Decisions are channel records of the types in <see cref="TargetIndicators.DecisionRecordTypes"/> whose time falls
/// in the period; a decision counts as reported when any publication of an official page, at any time up to now,
/// names it in its <c>reports_on</c> field, or is linked to it in the hub (<see cref="IDecisionReportLinks"/>, the
/// informing feature). The ПОС connector does not deliver votes and polls yet, so until it does
/// this indicator has no value («нет данных»), which is shown as such rather than as zero.
/// </remarks>
public sealed class DecisionsReportedIndicator : IKpiIndicator
{
    private readonly IDecisionReportLinks? _links;

    /// <summary>Creates the indicator.</summary>
    /// <param name="descriptor">What it is.</param>
    public DecisionsReportedIndicator(KpiIndicatorDescriptor descriptor) => Descriptor = descriptor;

    /// <summary>Creates the indicator that also counts decisions linked to a publication in the hub.</summary>
    /// <param name="descriptor">What it is.</param>
    /// <param name="links">The links set by the person responsible for informing, or <see langword="null"/>.</param>
    public DecisionsReportedIndicator(KpiIndicatorDescriptor descriptor, IDecisionReportLinks? links)
    {
        Descriptor = descriptor;
        _links = links;
    }

    /// <inheritdoc />
    public KpiIndicatorDescriptor Descriptor { get; }

    /// <inheritdoc />
    public async ValueTask<KpiResult> ComputeAsync(IKpiContext context, CancellationToken cancellationToken)
    {
        var decisions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in TargetIndicators.DecisionRecordTypes)
        {
            foreach (var record in await context.GetRecordsAsync(type, null, wholeHistory: false, cancellationToken).ConfigureAwait(false))
                decisions.Add(record.ExternalId);
        }

        var publications = await context.GetRecordsAsync("publication", null, wholeHistory: true, cancellationToken).ConfigureAwait(false);
        var reported = publications
            .Select(p => p.Fields.GetValueOrDefault("reports_on"))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        if (_links is not null)
            reported.UnionWith(await _links.GetLinkedDecisionsAsync(context.Slice.Tenants, cancellationToken).ConfigureAwait(false));
        return KpiResult.Percent(decisions.Count(reported.Contains), decisions.Count);
    }
}

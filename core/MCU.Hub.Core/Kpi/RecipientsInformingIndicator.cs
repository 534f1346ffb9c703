namespace MCU.Hub.Kpi;

/// <summary>
/// Target indicator 3: the share of responsible recipients that inform citizens in social networks — a recipient
/// counts when a verified official page (госпаблик, «Госорганизация») it owns has at least one publication in the period.
/// </summary>
/// <remarks>
/// Pages and publications are the records of the «Госпаблики» channel: <c>page</c> (fields <c>owner</c> — the
/// recipient's code after the connector's owner map —, <c>verified</c>) and <c>publication</c> (<c>owner</c>,
/// <c>page_id</c>). A publication counts only on a page that is verified; the wording «обеспечивших интерактивное
/// взаимодействие» is read as «published in the period», since the hub cannot judge interactivity.
/// </remarks>
public sealed class RecipientsInformingIndicator : IKpiIndicator
{
    /// <summary>Creates the indicator.</summary>
    /// <param name="descriptor">What it is.</param>
    public RecipientsInformingIndicator(KpiIndicatorDescriptor descriptor) => Descriptor = descriptor;

    /// <inheritdoc />
    public KpiIndicatorDescriptor Descriptor { get; }

    /// <inheritdoc />
    public async ValueTask<KpiResult> ComputeAsync(IKpiContext context, CancellationToken cancellationToken)
    {
        var pages = await context.GetRecordsAsync("page", null, wholeHistory: true, cancellationToken).ConfigureAwait(false);
        var verifiedPages = pages
            .Where(p => p.Fields.TryGetValue("verified", out var v) && string.Equals(v, "true", StringComparison.OrdinalIgnoreCase))
            .Select(p => p.ExternalId)
            .ToHashSet(StringComparer.Ordinal);
        var publications = await context.GetRecordsAsync("publication", null, wholeHistory: false, cancellationToken).ConfigureAwait(false);
        var informing = publications
            .Where(p => p.Fields.TryGetValue("page_id", out var page) && verifiedPages.Contains(page))
            .Select(p => p.Fields.GetValueOrDefault("owner"))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

        var recipients = context.Recipients;
        return KpiResult.Percent(recipients.Count(informing.Contains), recipients.Count);
    }
}

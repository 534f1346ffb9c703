namespace MCU.Hub.Kpi;

/// <summary>
/// Decisions reported on by a publication through a link set in the hub, beside the publications' own
/// <c>reports_on</c> field (target indicator 4).
/// </summary>
public interface IDecisionReportLinks
{
    /// <summary>Gets the ids of ПОС decision records that a linked publication reports on.</summary>
    /// <param name="tenants">The municipalities, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The decision records' external ids.</returns>
    ValueTask<IReadOnlySet<string>> GetLinkedDecisionsAsync(IReadOnlyCollection<string>? tenants, CancellationToken cancellationToken);
}

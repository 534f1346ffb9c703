namespace MCU.Hub.Kpi;

/// <summary>
/// An indicator (показатель): a formula over the stored facts, computed for any period and slice. The hub ships the
/// target indicators of Resolution No. 1844 and its operational ones; a plugin adds its own by registering an
/// implementation as a singleton <see cref="IKpiIndicator"/> in <c>ConfigureServices</c>.
/// </summary>
public interface IKpiIndicator
{
    /// <summary>Gets what the indicator is.</summary>
    KpiIndicatorDescriptor Descriptor { get; }

    /// <summary>Computes the indicator's fact.</summary>
    /// <param name="context">The period, the slice and the facts.</param>
    /// <param name="cancellationToken">Cancels the computation.</param>
    /// <returns>The fact.</returns>
    /// <remarks>Throw on failure; the hub reports the indicator as failed and computes the others.</remarks>
    ValueTask<KpiResult> ComputeAsync(IKpiContext context, CancellationToken cancellationToken);
}

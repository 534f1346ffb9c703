namespace MCU.Hub.Kpi;

/// <summary>
/// A share of the messages that reached responsible recipients in the period (not rejected) that meet a condition:
/// the shape of target indicators 1, 2, 5 and 6.
/// </summary>
public sealed class MessageShareIndicator : IKpiIndicator
{
    private readonly Func<MessageFact, IKpiContext, bool> _qualifies;

    /// <summary>Creates the indicator.</summary>
    /// <param name="descriptor">What it is.</param>
    /// <param name="qualifies">Whether a message counts in the numerator.</param>
    public MessageShareIndicator(KpiIndicatorDescriptor descriptor, Func<MessageFact, bool> qualifies)
        : this(descriptor, (fact, _) => qualifies(fact))
    {
    }

    /// <summary>Creates the indicator with a condition that also sees the period.</summary>
    /// <param name="descriptor">What it is.</param>
    /// <param name="qualifies">Whether a message counts in the numerator.</param>
    public MessageShareIndicator(KpiIndicatorDescriptor descriptor, Func<MessageFact, IKpiContext, bool> qualifies)
    {
        Descriptor = descriptor;
        _qualifies = qualifies;
    }

    /// <inheritdoc />
    public KpiIndicatorDescriptor Descriptor { get; }

    /// <inheritdoc />
    public ValueTask<KpiResult> ComputeAsync(IKpiContext context, CancellationToken cancellationToken)
    {
        var denominator = 0;
        var numerator = 0;
        foreach (var fact in context.Messages)
        {
            if (fact.Recipients.Count == 0 || fact.IsRejected)
                continue;
            denominator++;
            if (_qualifies(fact, context))
                numerator++;
        }

        return ValueTask.FromResult(KpiResult.Percent(numerator, denominator));
    }
}

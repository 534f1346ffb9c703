namespace MCU.Hub.Intake;

/// <summary>What became of one pull of a channel.</summary>
/// <param name="Items">One result per item, in order.</param>
/// <param name="RecordsAccepted">Records stored or found unchanged.</param>
/// <param name="RecordErrors">Refused records, each with the reason naming the field.</param>
public sealed record PullOutcome(IReadOnlyList<SubmitResult> Items, int RecordsAccepted, IReadOnlyList<HubValidationException> RecordErrors)
{
    /// <summary>Gets how many items went to quarantine (invalid items and the connector's failures).</summary>
    public int Quarantined { get; init; }
}

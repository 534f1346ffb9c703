namespace MCU.Hub.Intake;

/// <summary>What became of one submitted item.</summary>
/// <param name="MessageId">The hub's id of the message; <see langword="null"/> when the item was refused.</param>
/// <param name="Duplicate"><see langword="true"/> when the item had been delivered before: nothing changed.</param>
/// <param name="Error">Why the item was refused, naming the field; <see langword="null"/> when accepted.</param>
public sealed record SubmitResult(string? MessageId, bool Duplicate, HubValidationException? Error)
{
    /// <summary>Gets a value indicating whether the item is stored (now or before).</summary>
    public bool Accepted => Error is null;
}

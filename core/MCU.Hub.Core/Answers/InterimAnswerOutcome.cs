using MCU.Hub.Messages;

namespace MCU.Hub.Answers;

/// <summary>What came of an interim answer.</summary>
/// <param name="Message">The changed message.</param>
/// <param name="SentToChannel"><see langword="true"/> when it was queued for delivery to the channel.</param>
/// <param name="Note">What happened, in Russian: queued for the channel, or recorded only and why.</param>
public sealed record InterimAnswerOutcome(HubMessage Message, bool SentToChannel, string Note);

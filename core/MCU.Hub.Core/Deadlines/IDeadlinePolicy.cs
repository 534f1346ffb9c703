using MCU.Hub.Messages;

namespace MCU.Hub.Deadlines;

/// <summary>Computes the answer deadline of a message.</summary>
public interface IDeadlinePolicy
{
    /// <summary>Computes the deadline of <paramref name="message"/> (its kind, channel, category, flags and registration time are set).</summary>
    /// <param name="message">The message.</param>
    /// <param name="sourceDueAt">The deadline the channel set, if any.</param>
    /// <returns>The deadline and the name of the rule that gave it; <see langword="null"/> deadline when none applies.</returns>
    DeadlineDecision Compute(HubMessage message, DateTimeOffset? sourceDueAt);
}

using MCU.Hub.Messages;

namespace MCU.Hub.Deadlines;

/// <summary>Computes the answer deadline of a message.</summary>
public interface IDeadlinePolicy
{
    /// <summary>
    /// Computes the deadline of <paramref name="message"/> (its kind, channel, category, flags and registration time are
    /// set). When <see cref="HubMessage.DeadlinePolicy"/> is already set (a routing rule chose it), that policy applies.
    /// </summary>
    /// <param name="message">The message.</param>
    /// <param name="sourceDueAt">The deadline the channel set, if any.</param>
    /// <returns>The deadline and the name of the policy that gave it; a <see langword="null"/> deadline when none applies.</returns>
    DeadlineDecision Compute(HubMessage message, DateTimeOffset? sourceDueAt);

    /// <summary>Finds a policy by name.</summary>
    /// <param name="name">The policy name.</param>
    /// <returns>The policy, or <see langword="null"/>.</returns>
    DeadlinePolicyDefinition? Find(string name);
}

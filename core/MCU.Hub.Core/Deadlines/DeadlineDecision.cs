namespace MCU.Hub.Deadlines;

/// <summary>A deadline and the policy that set it.</summary>
/// <param name="DueAt">The deadline, or <see langword="null"/> when none applies (ЕДДС statistics).</param>
/// <param name="Policy">The name of the policy, recorded with the message.</param>
public sealed record DeadlineDecision(DateTimeOffset? DueAt, string Policy);

namespace MCU.Hub.Quality;

/// <summary>One flag on one message, with the reason in Russian.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="MessageId">The flagged message.</param>
/// <param name="Tenant">The message's municipality (ОКТМО; empty on a hub with none).</param>
/// <param name="Channel">The message's channel.</param>
/// <param name="Recipients">The message's responsible recipients.</param>
/// <param name="At">When the flagged fact happened (the answer, the repeated message, the rating).</param>
/// <param name="Reason">Why, in Russian, with the figures that triggered it.</param>
/// <param name="Related">Other messages the reason names (the same answer, the earlier complaints).</param>
public sealed record QualityFlag(
    QualityFlagKind Kind,
    string MessageId,
    string Tenant,
    string Channel,
    IReadOnlyList<string> Recipients,
    DateTimeOffset At,
    string Reason,
    IReadOnlyList<string> Related);

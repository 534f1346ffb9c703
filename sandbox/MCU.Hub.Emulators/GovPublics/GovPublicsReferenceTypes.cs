namespace MCU.Hub.Emulators.GovPublics;

/// <summary>The kinds of ПОС events a publication may report on (the <c>reports_on.type</c> field).</summary>
public static class GovPublicsReferenceTypes
{
    /// <summary>A decision taken with residents.</summary>
    public const string Decision = "decision";

    /// <summary>A poll (опрос).</summary>
    public const string Poll = "poll";

    /// <summary>A vote (голосование).</summary>
    public const string Vote = "vote";

    /// <summary>A public discussion (общественное обсуждение).</summary>
    public const string Discussion = "discussion";

    /// <summary>Gets every kind.</summary>
    public static IReadOnlyList<string> All { get; } = [Decision, Poll, Vote, Discussion];
}

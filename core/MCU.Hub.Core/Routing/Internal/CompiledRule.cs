using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace MCU.Hub.Routing.Internal;

/// <summary>One enabled rule, compiled: conditions as sets, phrases and a regular expression, actions as arrays. Immutable.</summary>
internal sealed class CompiledRule
{
    /// <summary>Gets the rule's place in evaluation order (0 first).</summary>
    public required int Position { get; init; }

    public required string Name { get; init; }

    public required int Version { get; init; }

    public required int Order { get; init; }

    public required bool StopOnMatch { get; init; }

    /// <summary>Gets the set conditions, in the order they are checked.</summary>
    public required ConditionKind[] Conditions { get; init; }

    public FrozenSet<string>? Channels { get; init; }

    public MessageKind[]? Kinds { get; init; }

    public FrozenSet<string>? Categories { get; init; }

    public FrozenSet<string>? Territories { get; init; }

    /// <summary>Gets the source categories, compared case-insensitively.</summary>
    public FrozenSet<string>? SourceCategories { get; init; }

    public RuleAuthorType AuthorType { get; init; }

    public Phrase[]? AnyWords { get; init; }

    public Phrase[]? AllWords { get; init; }

    public RuleTimeCondition Time { get; init; }

    /// <summary>Gets the regular expression; <see langword="null"/> when the rule has none or its pattern is invalid (see <see cref="RegexError"/>).</summary>
    public Regex? Regex { get; init; }

    public string? RegexPattern { get; init; }

    /// <summary>Gets why the pattern could not be compiled; such a rule never matches.</summary>
    public string? RegexError { get; init; }

    public required string[] Recipients { get; init; }

    public string? SetCategory { get; init; }

    public string? SetBlock { get; init; }

    public required bool FastTrack { get; init; }

    public required bool AutomatedDelivery { get; init; }

    public string? DeadlinePolicy { get; init; }

    public required string[] Tags { get; init; }

    public required string[] Notify { get; init; }
}

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

    public CodeSet? Channels { get; init; }

    public MessageKind[]? Kinds { get; init; }

    public CodeSet? Categories { get; init; }

    public CodeSet? Territories { get; init; }

    /// <summary>Gets the source categories, compared case-insensitively.</summary>
    public CodeSet? SourceCategories { get; init; }

    public RuleAuthorType AuthorType { get; init; }

    public Phrase[]? AnyWords { get; init; }

    public Phrase[]? AllWords { get; init; }

    /// <summary>
    /// Gets a value indicating whether the index files the rule under the stems of its <see cref="AnyWords"/>, each a
    /// single word: then being a candidate at all proves the condition, and evaluation skips it.
    /// </summary>
    public bool AnyWordsImpliedByIndex { get; init; }

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

    /// <summary>The code of the fast-track catalogue entry the rule puts the message on, if any.</summary>
    public string? FastTrackEntry { get; init; }

    public required string[] Tags { get; init; }

    public required string[] Notify { get; init; }

    /// <summary>Gets the rule as a match, shared by every decision it makes.</summary>
    public MatchedRule Match => _match ??= new MatchedRule(Name, Version);

    // Read-only views for a decision made by this rule alone: the common case costs no list of its own.
    public IReadOnlyList<string> NameList => _nameList ??= Array.AsReadOnly([Name]);

    public IReadOnlyList<MatchedRule> MatchList => _matchList ??= Array.AsReadOnly([Match]);

    public IReadOnlyList<string> RecipientList => _recipientList ??= Array.AsReadOnly(Recipients);

    public IReadOnlyList<string> TagList => _tagList ??= Array.AsReadOnly(Tags);

    public IReadOnlyList<string> NotifyList => _notifyList ??= Array.AsReadOnly(Notify);

    private MatchedRule? _match;
    private IReadOnlyList<string>? _nameList;
    private IReadOnlyList<MatchedRule>? _matchList;
    private IReadOnlyList<string>? _recipientList;
    private IReadOnlyList<string>? _tagList;
    private IReadOnlyList<string>? _notifyList;
}

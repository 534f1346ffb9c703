namespace MCU.Hub.Routing;

/// <summary>
/// A routing rule (автоправило): when every set condition holds, its actions apply to the message.
/// A condition left empty (or <c>Any</c>) holds for every message, so a rule without conditions matches everything.
/// </summary>
/// <remarks>
/// <para>
/// A plain data holder, bound from configuration (<c>McuHub:Rules</c>) and serialised to JSON by
/// <see cref="RuleSetJson"/>. The engine copies a rule when it compiles or stores it: changing an instance later
/// changes nothing in force.
/// </para>
/// <para>
/// Rules run in <see cref="Order"/> (then by <see cref="Name"/>). A matching rule with <see cref="StopOnMatch"/> ends the
/// evaluation; one without it adds its actions and lets later rules add theirs. Lists (recipients, tags, notify targets)
/// are merged; for single values (<see cref="SetCategory"/>, <see cref="DeadlinePolicy"/>) the earliest matching rule
/// that sets one wins. A category set by a rule is what the later rules' <see cref="Categories"/> condition sees.
/// </para>
/// </remarks>
public sealed class RoutingRule
{
    /// <summary>Gets or sets the unique name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Gets or sets the evaluation order; lower runs first.</summary>
    public int Order { get; set; }

    /// <summary>Gets or sets a value indicating whether the rule is in force.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether evaluation stops at this rule when it matches.</summary>
    /// <value>The default is <see langword="true"/> (first match wins).</value>
    public bool StopOnMatch { get; set; } = true;

    /// <summary>Gets or sets the channel codes the rule applies to; empty for all.</summary>
    public List<string> Channels { get; set; } = [];

    /// <summary>Gets or sets the message kinds the rule applies to; empty for all.</summary>
    public List<MessageKind> Kinds { get; set; } = [];

    /// <summary>Gets or sets the category codes (a topic, or a thematic block matching all its topics) the rule applies to; empty for all.</summary>
    public List<string> Categories { get; set; } = [];

    /// <summary>Gets or sets the territory codes the rule applies to; empty for all.</summary>
    public List<string> Territories { get; set; } = [];

    /// <summary>
    /// Gets or sets word stems or phrases of which the text must contain at least one; empty for any text.
    /// </summary>
    /// <remarks>
    /// A stem matches the start of a word, case-insensitively and with «ё» read as «е»: «ям» matches «яма», «ямы» and
    /// «ямами». A phrase of several stems matches consecutive words («ремонт дорог» matches «ремонта дороги»).
    /// </remarks>
    public List<string> AnyWords { get; set; } = [];

    /// <summary>Gets or sets word stems or phrases that the text must all contain (matched as in <see cref="AnyWords"/>); empty for any text.</summary>
    public List<string> AllWords { get; set; } = [];

    /// <summary>
    /// Gets or sets a .NET regular expression the text must match; <see langword="null"/> or empty for any text.
    /// </summary>
    /// <remarks>
    /// Matched case-insensitively and culture-invariantly, with a time limit (<see cref="RoutingOptions.RegexTimeout"/>):
    /// a pattern that runs longer does not match, and the decision says so. The pattern is checked when the rule set is saved.
    /// </remarks>
    public string? Regex { get; set; }

    /// <summary>Gets or sets the channel's own categories or subcategories (ПОС category names) the rule applies to, compared case-insensitively; empty for all.</summary>
    public List<string> SourceCategories { get; set; } = [];

    /// <summary>Gets or sets the kind of author the rule applies to.</summary>
    /// <value>The default is <see cref="RuleAuthorType.Any"/>.</value>
    public RuleAuthorType AuthorType { get; set; }

    /// <summary>Gets or sets when the message must have arrived, relative to the working hours.</summary>
    /// <value>The default is <see cref="RuleTimeCondition.Any"/>.</value>
    public RuleTimeCondition Time { get; set; }

    /// <summary>Gets or sets the recipients to assign.</summary>
    public List<string> Recipients { get; set; } = [];

    /// <summary>Gets or sets the category code to set, overriding the classifier's; <see langword="null"/> to keep it.</summary>
    public string? SetCategory { get; set; }

    /// <summary>Gets or sets a value indicating whether the message goes on a fast-track.</summary>
    public bool FastTrack { get; set; }

    /// <summary>
    /// Gets or sets the code of the fast-track catalogue entry (<see cref="FastTrack.FastTrackEntry"/>) the rule puts the
    /// message on; <see langword="null"/> for none.
    /// </summary>
    /// <remarks>
    /// The entry decides the rest: the message goes to its pre-agreed executor (instead of <see cref="Recipients"/>), with
    /// its shortened deadline on the production calendar (instead of <see cref="DeadlinePolicy"/>), on the fast-track and
    /// with no manual step. The code must be in the municipality's catalogue when the rule set is saved.
    /// </remarks>
    public string? FastTrackEntry { get; set; }

    /// <summary>Gets or sets a value indicating whether the rule delivers the problem to its final executor with no manual step.</summary>
    /// <value>The default is <see langword="true"/>: a rule that assigns a recipient needs nobody to triage.</value>
    public bool AutomatedDelivery { get; set; } = true;

    /// <summary>Gets or sets the name of the deadline policy to apply; <see langword="null"/> for the default.</summary>
    public string? DeadlinePolicy { get; set; }

    /// <summary>Gets or sets tags to add.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>Gets or sets whom to notify (recipient codes, roles or addresses, as the notification service understands them).</summary>
    public List<string> Notify { get; set; } = [];
}

namespace MCU.Hub.Routing;

/// <summary>
/// A routing rule (автоправило): when every set condition holds, its actions apply to the message.
/// An empty condition list holds for every message.
/// </summary>
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

    /// <summary>Gets or sets the category or block codes the rule applies to; empty for all.</summary>
    public List<string> Categories { get; set; } = [];

    /// <summary>Gets or sets the territory codes the rule applies to; empty for all.</summary>
    public List<string> Territories { get; set; } = [];

    /// <summary>Gets or sets word stems or phrases of which the text must contain at least one; empty for any text.</summary>
    public List<string> AnyWords { get; set; } = [];

    /// <summary>Gets or sets the recipients to assign.</summary>
    public List<string> Recipients { get; set; } = [];

    /// <summary>Gets or sets a value indicating whether the message goes on a fast-track.</summary>
    public bool FastTrack { get; set; }

    /// <summary>Gets or sets a value indicating whether the rule delivers the problem to its final executor with no manual step.</summary>
    /// <value>The default is <see langword="true"/>: a rule that assigns a recipient needs nobody to triage.</value>
    public bool AutomatedDelivery { get; set; } = true;

    /// <summary>Gets or sets tags to add.</summary>
    public List<string> Tags { get; set; } = [];
}

using MCU.Hub.Messages;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Deadlines;

/// <summary>
/// The deadline policy of configuration: named policies (<see cref="DeadlineOptions.Policies"/>) chosen by assignments
/// (<see cref="DeadlineOptions.Assignments"/>) or by a routing rule, computed on the production calendar.
/// </summary>
public sealed class ConfiguredDeadlinePolicy : IDeadlinePolicy
{
    /// <summary>The name recorded when the channel's own deadline is kept.</summary>
    public const string ChannelPolicy = "channel";

    /// <summary>The name recorded when no policy applies.</summary>
    public const string NoPolicy = "none";

    private readonly Dictionary<string, DeadlinePolicyDefinition> _policies;
    private readonly List<DeadlineAssignment> _assignments;
    private readonly DeadlineCalculator _calculator;
    private readonly FastTrack.FastTrackCatalog? _fastTrack;

    /// <summary>Creates the policy.</summary>
    /// <param name="options">The engine options.</param>
    /// <param name="calculator">The calculator on the municipality's calendar.</param>
    public ConfiguredDeadlinePolicy(IOptions<McuHubOptions> options, DeadlineCalculator calculator)
    {
        _policies = options.Value.Deadlines.EffectivePolicies();
        _assignments = options.Value.Deadlines.EffectiveAssignments();
        _calculator = calculator;
    }

    /// <summary>Creates the policy that also knows the deadlines of the fast-track catalogue's entries.</summary>
    /// <param name="options">The engine options.</param>
    /// <param name="calculator">The calculator on the municipality's calendar.</param>
    /// <param name="fastTrack">The fast-track catalogues: an entry's policy (<see cref="FastTrack.FastTrackEntry.PolicyName"/>) is found by name like a configured one.</param>
    public ConfiguredDeadlinePolicy(IOptions<McuHubOptions> options, DeadlineCalculator calculator, FastTrack.FastTrackCatalog fastTrack)
        : this(options, calculator)
    {
        _fastTrack = fastTrack;
    }

    /// <inheritdoc />
    public DeadlinePolicyDefinition? Find(string name) => _fastTrack?.FindPolicy(name) ?? _policies.GetValueOrDefault(name);

    /// <inheritdoc />
    public DeadlineDecision Compute(HubMessage message, DateTimeOffset? sourceDueAt)
    {
        var name = message.DeadlinePolicy is { Length: > 0 } chosen && chosen is not ChannelPolicy and not NoPolicy
            ? chosen
            : _assignments.FirstOrDefault(a => Matches(a, message))?.Policy;
        var policy = name is null ? null : Find(name);
        if (sourceDueAt is { } due && (policy is null || policy.PreferChannelDeadline))
            return new(due, ChannelPolicy);
        if (policy is null)
            return new(null, NoPolicy);
        return new(_calculator.Due(policy, message.RegisteredAt, message.DeadlineExtension), policy.Name);
    }

    private static bool Matches(DeadlineAssignment a, HubMessage m) =>
        (a.Kinds.Count == 0 || a.Kinds.Contains(m.Kind))
        && (a.Channels.Count == 0 || a.Channels.Contains(m.Channel))
        && (a.Categories.Count == 0 || (m.Category is { } c && a.Categories.Contains(c)) || (m.Block is { } b && a.Categories.Contains(b)))
        && (a.SourceSubcategories.Count == 0 || (m.SourceSubcategory is { } s && a.SourceSubcategories.Contains(s)))
        && (a.FastTrack is null || a.FastTrack == m.FastTrack)
        && (a.Important is null || a.Important == (m.Metadata.GetValueOrDefault("important") == "true"));
}

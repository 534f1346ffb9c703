using MCU.Hub.Intake;
using MCU.Hub.Messages;
using MCU.Hub.Routing.Internal;
using MCU.Hub.Storage;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Routing;

/// <summary>
/// Explains routing and dry-runs rule sets: which rule matches a message, why, and what would change — for the rule set in
/// force or a draft, on one message or on the last stored ones. Read-only: it writes nothing anywhere.
/// </summary>
/// <remarks>
/// A stored message is replayed as stored: its category and territory are the ones it has now (a category a rule once
/// set is what the draft sees). Thread-safe.
/// </remarks>
public sealed class RuleExplainer
{
    private readonly IMessageRouter _router;
    private readonly TenantRuleStores _rules;
    private readonly RuleSetCompiler _compiler;
    private readonly IHubStore _store;
    private readonly RoutingOptions _options;

    /// <summary>Creates the explainer.</summary>
    /// <param name="router">The router.</param>
    /// <param name="rules">The tenants' rule stores, for the set in force in a message's municipality.</param>
    /// <param name="compiler">The compiler, for drafts.</param>
    /// <param name="store">The message store, read only.</param>
    /// <param name="options">The routing options.</param>
    public RuleExplainer(IMessageRouter router, TenantRuleStores rules, RuleSetCompiler compiler, IHubStore store, IOptions<RoutingOptions> options)
    {
        _router = router;
        _rules = rules;
        _compiler = compiler;
        _store = store;
        _options = options.Value;
    }

    /// <summary>Validates and compiles a draft rule set (version 0); nothing is stored.</summary>
    /// <param name="draft">The draft rules.</param>
    /// <returns>The compiled draft.</returns>
    /// <exception cref="RuleSetValidationException">The draft is invalid.</exception>
    public CompiledRuleSet CompileDraft(IReadOnlyList<RoutingRule> draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var copies = draft.Select(r => r is null ? null! : RuleSetJson.Clone(r)).ToList();
        _compiler.EnsureValid(copies);
        return _compiler.Compile(copies);
    }

    /// <summary>Explains how <paramref name="ruleSet"/> routes <paramref name="message"/>, and what it would change on it.</summary>
    /// <param name="message">The message (stored or not); not changed.</param>
    /// <param name="ruleSet">The rules; <see langword="null"/> for the set in force.</param>
    /// <returns>The preview, every rule explained.</returns>
    public RoutingPreview Explain(HubMessage message, CompiledRuleSet? ruleSet = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var decision = _router.Route(message, ruleSet ?? _rules.For(message.Tenant).Current, explain: true);
        return new RoutingPreview(message.Id, message.Channel, message.ExternalId, decision, WouldChange(message, decision));
    }

    /// <summary>Explains how the set in force, or <paramref name="draft"/>, routes a stored message.</summary>
    /// <param name="messageId">The message's id.</param>
    /// <param name="draft">Draft rules; <see langword="null"/> for the set in force.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The preview.</returns>
    /// <exception cref="MessageNotFoundException">There is no such message.</exception>
    /// <exception cref="RuleSetValidationException">The draft is invalid.</exception>
    public async Task<RoutingPreview> ExplainAsync(string messageId, IReadOnlyList<RoutingRule>? draft, CancellationToken cancellationToken)
    {
        var ruleSet = draft is null ? null : CompileDraft(draft);
        var message = await _store.GetMessageAsync(messageId, cancellationToken).ConfigureAwait(false) ?? throw new MessageNotFoundException(messageId);
        return Explain(message, ruleSet);
    }

    /// <summary>Replays the last <paramref name="lastMessages"/> stored messages through the set in force or <paramref name="draft"/>.</summary>
    /// <param name="draft">Draft rules; <see langword="null"/> for the set in force.</param>
    /// <param name="lastMessages">How many of the newest messages to replay; at most <see cref="RoutingOptions.MaxDryRunMessages"/>.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The report.</returns>
    /// <exception cref="RuleSetValidationException">The draft is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lastMessages"/> is not positive or exceeds the limit.</exception>
    public Task<RuleDryRunReport> DryRunAsync(IReadOnlyList<RoutingRule>? draft, int lastMessages, CancellationToken cancellationToken) =>
        DryRunAsync(null, draft, lastMessages, cancellationToken);

    /// <summary>Replays the last <paramref name="lastMessages"/> messages of one municipality through its set in force or <paramref name="draft"/>.</summary>
    /// <param name="tenant">The municipality's ОКТМО code; <see langword="null"/> for the default one.</param>
    /// <param name="draft">Draft rules; <see langword="null"/> for the set in force.</param>
    /// <param name="lastMessages">How many of the newest messages to replay; at most <see cref="RoutingOptions.MaxDryRunMessages"/>.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The report.</returns>
    /// <exception cref="RuleSetValidationException">The draft is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lastMessages"/> is not positive or exceeds the limit.</exception>
    public async Task<RuleDryRunReport> DryRunAsync(string? tenant, IReadOnlyList<RoutingRule>? draft, int lastMessages, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lastMessages);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lastMessages, _options.MaxDryRunMessages);
        var tenantStore = _rules.For(tenant);
        var ruleSet = draft is null ? tenantStore.Current : CompileDraft(draft);
        IReadOnlyList<string> tenants = tenant is null ? [] : [tenant];

        var items = new List<RoutingPreview>(Math.Min(lastMessages, 1_000));
        var hits = ruleSet.RuleNames.ToDictionary(n => n, _ => 0, StringComparer.Ordinal);
        var warnings = new List<string>(ruleSet.Problems);
        string? cursor = null;
        do
        {
            var page = await _store.ListMessagesAsync(new MessageQuery { Tenants = tenants, PageSize = Math.Min(500, lastMessages - items.Count), Cursor = cursor }, cancellationToken).ConfigureAwait(false);
            foreach (var message in page.Items)
            {
                var preview = Explain(message, ruleSet);
                items.Add(preview);
                foreach (var name in preview.Decision.MatchedRules)
                    hits[name] = hits.GetValueOrDefault(name) + 1;
                warnings.AddRange(preview.Decision.Warnings.Where(w => !warnings.Contains(w)));
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null && items.Count < lastMessages);

        return new RuleDryRunReport(
            ruleSet.Version,
            items.Count,
            items.Count(i => i.WouldChange),
            items.Count(i => i.ToManualTriage),
            hits,
            items,
            warnings);
    }

    /// <summary>Compares the stored routing fields with what the intake would set with this decision.</summary>
    private static List<FieldChange> WouldChange(HubMessage stored, RoutingDecision decision)
    {
        var progressed = stored.Status is not (MessageStatus.New or MessageStatus.Routed);

        // Start from the message as the intake sees it before routing, then route it as the intake would.
        var replay = new HubMessage
        {
            Territory = stored.Territory,
            Category = stored.Category,
            Block = stored.Block,
            Status = progressed ? stored.Status : MessageStatus.New,
            DeadlinePolicy = stored.DeadlinePolicy,
        };
        RoutingApplier.Apply(replay, decision, setStatus: !progressed);

        var changes = new List<FieldChange>();
        void Compare(string field, object? old, object? @new)
        {
            var change = FieldChange.Of(field, old, @new);
            if (change.Old != change.New)
                changes.Add(change);
        }

        Compare("territory", stored.Territory, replay.Territory);
        Compare("category", stored.Category, replay.Category);
        Compare("block", stored.Block, replay.Block);
        Compare("recipients", stored.Recipients, replay.Recipients);
        Compare("status", stored.Status, replay.Status);
        Compare("routed_by_rule", stored.RoutedByRule, replay.RoutedByRule);
        Compare("fast_track", stored.FastTrack, replay.FastTrack);
        Compare("automated_delivery", stored.AutomatedDelivery, replay.AutomatedDelivery);
        Compare("tags", stored.Tags, replay.Tags);
        if (decision.DeadlinePolicy is not null)
            Compare("deadline_policy", stored.DeadlinePolicy, replay.DeadlinePolicy);
        if (decision.FastTrackEntry is not null)
            Compare("fast_track_entry", stored.FastTrackEntry, replay.FastTrackEntry);
        return changes;
    }
}

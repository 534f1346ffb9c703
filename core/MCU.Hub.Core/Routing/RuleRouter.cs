using MCU.Hub.Deadlines.Calendar;
using MCU.Hub.Directories;
using MCU.Hub.Messages;
using MCU.Hub.Routing.Internal;
using MCU.Hub.Territories;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Routing;

/// <summary>
/// Evaluates the routing rules in order, honouring each rule's stop flag, through an index of their conditions: a
/// message is checked only against the rules it can match, so the cost grows with the text, not with the rule count.
/// </summary>
/// <remarks>
/// A message with coordinates is placed in the territory whose polygon contains them before the rules run (see
/// <see cref="RoutingDecision.Territory"/>). A regular expression that runs out of time does not match; the decision's
/// warnings and the log say so. Thread-safe.
/// </remarks>
public sealed class RuleRouter : IMessageRouter
{
    private readonly Func<CompiledRuleSet> _current;
    private readonly Func<HubMessage, CompiledRuleSet> _forMessage;
    private readonly EvaluationContext _context;

    /// <summary>Creates the router on the rule set in force in <paramref name="rules"/>, following its new versions.</summary>
    /// <param name="rules">The rule store.</param>
    /// <param name="calendar">The working calendar, for the working-time condition.</param>
    /// <param name="territories">The territory locator, for messages with coordinates.</param>
    /// <param name="logger">The logger.</param>
    public RuleRouter(IRuleStore rules, WorkingCalendar calendar, ITerritoryLocator territories, ILogger<RuleRouter> logger)
    {
        _current = () => rules.Current;
        _forMessage = _ => rules.Current;
        _context = new EvaluationContext(calendar, territories, logger);
    }

    /// <summary>Creates the router on the rule sets of every tenant: a message is routed by its own municipality's set.</summary>
    /// <param name="rules">The tenants' rule stores.</param>
    /// <param name="calendar">The working calendar, for the working-time condition.</param>
    /// <param name="territories">The territory locator, for messages with coordinates.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="fastTrack">The fast-track catalogues whose entries rules name; <see langword="null"/> to ignore such rules' entries.</param>
    public RuleRouter(TenantRuleStores rules, WorkingCalendar calendar, ITerritoryLocator territories, ILogger<RuleRouter> logger, FastTrack.FastTrackCatalog? fastTrack = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _current = () => rules.For(null).Current;
        _forMessage = m => rules.For(m.Tenant).Current;
        _context = new EvaluationContext(calendar, territories, logger, fastTrack);
    }

    /// <summary>
    /// Creates a router on the rules of <paramref name="options"/> as they are now (not stored: their version is 0),
    /// with the production calendar and schedule of <see cref="McuHubOptions.Deadlines"/>.
    /// </summary>
    /// <param name="options">The engine options with the rules, the directory and the territories.</param>
    public RuleRouter(IOptions<McuHubOptions> options)
    {
        var o = options.Value;
        var directory = new HubDirectory(o.Recipients, o.Territories, o.Categories.Count > 0 ? o.Categories : DefaultDirectory.Categories());
        var compiled = new RuleSetCompiler(directory, RoutingOptions.DefaultRegexTimeout).Compile(o.Rules);
        _current = () => compiled;
        _forMessage = _ => compiled;
        var calendar = new WorkingCalendar(new ProductionCalendar(o.Deadlines.Calendar), o.Deadlines.Schedule);
        _context = new EvaluationContext(calendar, new PolygonTerritoryLocator(directory), NullLogger.Instance);
    }

    /// <summary>Gets the rule set this router applies now.</summary>
    public CompiledRuleSet Current => _current();

    /// <inheritdoc />
    public RoutingDecision Route(HubMessage message) => Route(message, _forMessage(message), explain: false);

    /// <summary>Gets the rule set in force for a message's municipality.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The compiled set.</returns>
    public CompiledRuleSet CurrentFor(HubMessage message) => _forMessage(message);

    /// <inheritdoc />
    public RoutingDecision Route(HubMessage message, CompiledRuleSet ruleSet, bool explain)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(ruleSet);
        return ruleSet.Evaluate(message, _context, explain);
    }
}

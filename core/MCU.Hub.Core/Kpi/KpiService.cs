using MCU.Hub.Deadlines.Calendar;
using MCU.Hub.Directories;
using MCU.Hub.Intake;
using MCU.Hub.Kpi.Internal;
using MCU.Hub.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Kpi;

/// <summary>
/// Computes indicators — the target ones of Resolution No. 1844, the operational ones, and those plugins add — for
/// any period and slice, beside their plans.
/// </summary>
public sealed partial class KpiService
{
    private readonly MessageFactsProjection _facts;
    private readonly IHubStore _store;
    private readonly WorkingCalendar _calendar;
    private readonly HubDirectory _directory;
    private readonly Tenants.TenantDirectory _tenants;
    private readonly KpiOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<IKpiIndicator> _indicators;

    /// <summary>Creates the service.</summary>
    /// <param name="facts">The message facts.</param>
    /// <param name="extra">Indicators registered by plugins or the embedding application.</param>
    /// <param name="store">The store, for channel records.</param>
    /// <param name="calendar">The working calendar.</param>
    /// <param name="directory">The directory of recipients.</param>
    /// <param name="options">The engine options.</param>
    /// <param name="tenants">The municipalities the hub serves.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The log.</param>
    /// <param name="decisionLinks">Publications linked to ПОС decisions in the hub (target indicator 4), if the informing feature is registered.</param>
    public KpiService(
        MessageFactsProjection facts,
        IEnumerable<IKpiIndicator> extra,
        IHubStore store,
        WorkingCalendar calendar,
        HubDirectory directory,
        IOptions<McuHubOptions> options,
        Tenants.TenantDirectory tenants,
        TimeProvider time,
        ILogger<KpiService> logger,
        IDecisionReportLinks? decisionLinks = null)
    {
        _facts = facts;
        _store = store;
        _calendar = calendar;
        _directory = directory;
        _tenants = tenants;
        _options = options.Value.Kpi;
        _time = time;
        _logger = logger;

        var all = new List<IKpiIndicator>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var indicator in TargetIndicators.All(decisionLinks).Concat(OperationalIndicators.All()).Concat(extra))
        {
            if (ids.Add(indicator.Descriptor.Id))
                all.Add(indicator);
            else
                DuplicateIndicator(_logger, indicator.Descriptor.Id, indicator.GetType().FullName);
        }

        _indicators = all;
    }

    /// <summary>Gets every known indicator: the target ones first, in the regulation's order.</summary>
    public IReadOnlyList<KpiIndicatorDescriptor> Indicators => [.. _indicators.Select(i => i.Descriptor)];

    /// <summary>Gets the counting options in force.</summary>
    public KpiOptions Options => _options;

    /// <summary>Computes indicators for a period and slice.</summary>
    /// <param name="period">The period.</param>
    /// <param name="slice">The slice.</param>
    /// <param name="indicatorIds">The indicators to compute, or empty for all.</param>
    /// <param name="cancellationToken">Cancels the computation.</param>
    /// <returns>One value per indicator, in the order of <see cref="Indicators"/>.</returns>
    /// <exception cref="HubValidationException">An indicator id is unknown.</exception>
    public async Task<IReadOnlyList<KpiValue>> ComputeAsync(KpiPeriod period, KpiSlice slice, IReadOnlyCollection<string> indicatorIds, CancellationToken cancellationToken)
    {
        var chosen = Choose(indicatorIds);
        var context = await CreateContextAsync(period, slice, cancellationToken).ConfigureAwait(false);
        var values = new List<KpiValue>(chosen.Count);
        foreach (var indicator in chosen)
            values.Add(await ComputeOneAsync(indicator, context, period, cancellationToken).ConfigureAwait(false));
        return values;
    }

    /// <summary>Computes one indicator for every value of a dimension (inflow by channel, share on time by recipient, …).</summary>
    /// <param name="indicatorId">The indicator.</param>
    /// <param name="period">The period.</param>
    /// <param name="slice">The slice the breakdown is taken within.</param>
    /// <param name="dimension">The dimension.</param>
    /// <param name="cancellationToken">Cancels the computation.</param>
    /// <returns>One row per value that has messages in the period (recipients of the directory always), ordered by code.</returns>
    /// <exception cref="HubValidationException">The indicator id is unknown.</exception>
    public async Task<IReadOnlyList<KpiBreakdownRow>> BreakdownAsync(string indicatorId, KpiPeriod period, KpiSlice slice, KpiDimension dimension, CancellationToken cancellationToken)
    {
        var indicator = Choose([indicatorId])[0];
        var whole = await CreateContextAsync(period, slice, cancellationToken).ConfigureAwait(false);
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var fact in whole.Messages)
        {
            foreach (var key in KeysOf(fact, dimension))
                keys.Add(key);
        }

        if (dimension == KpiDimension.Recipient)
            keys.UnionWith(whole.Recipients);

        var snapshot = whole.AllMessages;
        var rows = new List<KpiBreakdownRow>(keys.Count);
        foreach (var key in keys)
        {
            var narrowed = Narrow(slice, dimension, key);
            var context = new KpiContext(period, narrowed, whole.Now, snapshot, _options, RecipientCodes(), _store, _calendar, _tenants);
            rows.Add(new(key, NameOf(dimension, key), await ComputeOneAsync(indicator, context, period, cancellationToken).ConfigureAwait(false)));
        }

        return rows;
    }

    /// <summary>Gets the message facts of a period and slice as the indicators count them.</summary>
    /// <param name="period">The period.</param>
    /// <param name="slice">The slice.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The facts.</returns>
    public async Task<IReadOnlyList<MessageFact>> GetFactsAsync(KpiPeriod period, KpiSlice slice, CancellationToken cancellationToken) =>
        (await CreateContextAsync(period, slice, cancellationToken).ConfigureAwait(false)).Messages;

    /// <summary>Gets the Russian name of a dimension's value (a recipient's, territory's or category's name; the code when unknown).</summary>
    /// <param name="dimension">The dimension.</param>
    /// <param name="code">The code.</param>
    /// <returns>The name.</returns>
    public string NameOf(KpiDimension dimension, string code) => dimension switch
    {
        _ when code.Length == 0 => "не указано",
        KpiDimension.Recipient => _directory.FindRecipient(code)?.Name ?? code,
        KpiDimension.Territory => _directory.FindTerritory(code)?.Name ?? code,
        KpiDimension.Block or KpiDimension.Category => _directory.FindCategory(code)?.Name ?? code,
        KpiDimension.Tenant => _tenants.NameOf(code),
        _ => code,
    };

    internal async Task<KpiContext> CreateContextAsync(KpiPeriod period, KpiSlice slice, CancellationToken cancellationToken)
    {
        await _facts.EnsureCurrentAsync(cancellationToken).ConfigureAwait(false);
        return new KpiContext(period, slice, _time.GetUtcNow(), _facts.Snapshot(), _options, RecipientCodes(), _store, _calendar, _tenants);
    }

    internal static IEnumerable<string> KeysOf(MessageFact fact, KpiDimension dimension) => dimension switch
    {
        KpiDimension.Channel => [fact.Channel],
        KpiDimension.Block => [fact.Block ?? ""],
        KpiDimension.Category => [fact.Category ?? ""],
        KpiDimension.Territory => [fact.Territory ?? ""],
        KpiDimension.Recipient => fact.Recipients,
        KpiDimension.Tenant => [fact.Tenant],
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
    };

    private static KpiSlice Narrow(KpiSlice slice, KpiDimension dimension, string key) => dimension switch
    {
        KpiDimension.Channel => slice with { Channel = key },
        KpiDimension.Block => slice with { Block = key },
        KpiDimension.Category => slice with { Category = key },
        KpiDimension.Territory => slice with { Territory = key },
        KpiDimension.Recipient => slice with { Recipient = key },
        KpiDimension.Tenant => slice with { Tenants = [key] },
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
    };

    private List<string> RecipientCodes() => [.. _directory.Recipients.Select(r => r.Code).Order(StringComparer.Ordinal)];

    private List<IKpiIndicator> Choose(IReadOnlyCollection<string> ids)
    {
        if (ids.Count == 0)
            return [.. _indicators];
        var chosen = new List<IKpiIndicator>();
        foreach (var id in ids)
        {
            chosen.Add(_indicators.FirstOrDefault(i => i.Descriptor.Id == id)
                ?? throw new HubValidationException("indicators", $"неизвестный показатель '{id}' (известны: {string.Join(", ", _indicators.Select(i => i.Descriptor.Id))})"));
        }

        return chosen;
    }

    private async Task<KpiValue> ComputeOneAsync(IKpiIndicator indicator, KpiContext context, KpiPeriod period, CancellationToken cancellationToken)
    {
        var plan = _options.PlanFor(indicator.Descriptor.Id, period.PlanYear);
        try
        {
            return new(indicator.Descriptor, await indicator.ComputeAsync(context, cancellationToken).ConfigureAwait(false), plan);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One broken indicator (a plugin's, say) must not take the whole KPI table down.
            IndicatorFailed(_logger, ex, indicator.Descriptor.Id);
            return new(indicator.Descriptor, new(null, 0, 0, "ошибка расчёта"), plan, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Indicator '{Id}' of {Type} is ignored: an indicator with this id is already registered")]
    private static partial void DuplicateIndicator(ILogger logger, string id, string? type);

    [LoggerMessage(Level = LogLevel.Error, Message = "Indicator '{Id}' failed")]
    private static partial void IndicatorFailed(ILogger logger, Exception exception, string id);
}

/// <summary>One row of a breakdown: a value of the dimension and the indicator's fact for it.</summary>
/// <param name="Key">The code (channel, block, recipient, …); empty for «не указано».</param>
/// <param name="Name">The Russian name.</param>
/// <param name="Value">The indicator's value.</param>
public sealed record KpiBreakdownRow(string Key, string Name, KpiValue Value);

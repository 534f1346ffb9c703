using MCU.Hub.Deadlines.Calendar;
using MCU.Hub.Kpi;
using MCU.Hub.Storage;

namespace MCU.Hub.Analytics;

/// <summary>
/// Growth alerts, possible duplicates and heat maps over the stored flow: feeds <see cref="GrowthDetector"/>,
/// <see cref="DuplicateFinder"/> and <see cref="HeatMap"/> from the message facts (and, for duplicates, the texts).
/// </summary>
public sealed class ProblemAnalytics
{
    private readonly KpiService _kpis;
    private readonly IHubStore _store;
    private readonly ProductionCalendar _calendar;

    /// <summary>Creates the service.</summary>
    /// <param name="kpis">The indicators, for the period's facts.</param>
    /// <param name="store">The store, for texts and addresses.</param>
    /// <param name="calendar">The production calendar (the growth baseline is working-day aware).</param>
    public ProblemAnalytics(KpiService kpis, IHubStore store, ProductionCalendar calendar)
    {
        _kpis = kpis;
        _store = store;
        _calendar = calendar;
    }

    /// <summary>Finds topics, blocks and territories whose inflow in a window grows abnormally against their own history.</summary>
    /// <param name="window">The window observed.</param>
    /// <param name="slice">Narrows the flow.</param>
    /// <param name="options">Thresholds, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The alerts, strongest first.</returns>
    public async Task<IReadOnlyList<GrowthAlert>> DetectGrowthAsync(KpiPeriod window, KpiSlice slice, GrowthOptions? options, CancellationToken cancellationToken)
    {
        options ??= new GrowthOptions();
        // The detector reads history from the earliest item it gets: give it its weeks plus the spare ones it may need around holidays.
        var history = new KpiPeriod(window.From.AddDays(-7 * (options.HistoryWeeks + 4)), window.To);
        var facts = await _kpis.GetFactsAsync(history, slice, cancellationToken).ConfigureAwait(false);
        return new GrowthDetector(_calendar, options).Detect([.. facts.Select(ToItem)], window.From, window.To);
    }

    /// <summary>Groups messages of a period that look like the same problem reported by different people (never merges them).</summary>
    /// <param name="period">The period.</param>
    /// <param name="slice">Narrows the flow.</param>
    /// <param name="options">Thresholds, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The groups.</returns>
    public async Task<IReadOnlyList<DuplicateGroup>> FindDuplicatesAsync(KpiPeriod period, KpiSlice slice, DuplicateOptions? options, CancellationToken cancellationToken)
    {
        var facts = await _kpis.GetFactsAsync(period, slice, cancellationToken).ConfigureAwait(false);
        var items = new List<AnalyticsItem>(facts.Count);
        foreach (var fact in facts.Where(f => f.Category is not null))
        {
            if (await _store.GetMessageAsync(fact.Id, cancellationToken).ConfigureAwait(false) is { } message)
                items.Add(ToItem(fact) with { Text = message.Text, Address = message.Address });
        }

        return new DuplicateFinder(options).Find(items);
    }

    /// <summary>Counts messages by block or topic × territory × period.</summary>
    /// <param name="period">The period.</param>
    /// <param name="slice">Narrows the flow.</param>
    /// <param name="step">The period step of the cells.</param>
    /// <param name="rows">Blocks or topics as rows.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The non-empty cells.</returns>
    public async Task<IReadOnlyList<HeatMapCell>> HeatMapAsync(KpiPeriod period, KpiSlice slice, HeatMapPeriod step, HeatMapRows rows, CancellationToken cancellationToken)
    {
        var facts = await _kpis.GetFactsAsync(period, slice, cancellationToken).ConfigureAwait(false);
        return HeatMap.Build([.. facts.Select(ToItem)], step, rows);
    }

    private static AnalyticsItem ToItem(MessageFact f) => new()
    {
        Id = f.Id,
        ReceivedAt = f.ReceivedAt,
        LocalDate = f.ReceivedOn,
        Channel = f.Channel,
        Block = f.Block,
        Category = f.Category,
        Territory = f.Territory,
        Latitude = f.Latitude,
        Longitude = f.Longitude,
    };
}

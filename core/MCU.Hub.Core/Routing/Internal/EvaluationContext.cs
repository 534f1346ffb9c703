using MCU.Hub.Deadlines.Calendar;
using MCU.Hub.FastTrack;
using MCU.Hub.Territories;
using Microsoft.Extensions.Logging;

namespace MCU.Hub.Routing.Internal;

/// <summary>What evaluating rules needs besides the rules: the working calendar, the territory locator, the fast-track catalogue and a logger.</summary>
internal sealed class EvaluationContext(WorkingCalendar calendar, ITerritoryLocator? locator, ILogger logger, FastTrackCatalog? fastTrack = null)
{
    public WorkingCalendar Calendar { get; } = calendar;

    public ITerritoryLocator? Locator { get; } = locator;

    public ILogger Logger { get; } = logger;

    /// <summary>The fast-track catalogues whose entries rules name; <see langword="null"/> when the router has none (rules from code).</summary>
    public FastTrackCatalog? FastTrack { get; } = fastTrack;
}

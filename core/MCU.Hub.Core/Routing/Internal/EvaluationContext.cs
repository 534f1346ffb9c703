using MCU.Hub.Deadlines.Calendar;
using MCU.Hub.Territories;
using Microsoft.Extensions.Logging;

namespace MCU.Hub.Routing.Internal;

/// <summary>What evaluating rules needs besides the rules: the working calendar, the territory locator and a logger.</summary>
internal sealed class EvaluationContext(WorkingCalendar calendar, ITerritoryLocator? locator, ILogger logger)
{
    public WorkingCalendar Calendar { get; } = calendar;

    public ITerritoryLocator? Locator { get; } = locator;

    public ILogger Logger { get; } = logger;
}

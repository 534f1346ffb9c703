namespace MCU.Hub.Kpi;

/// <summary>An indicator's fact for a period and slice, beside its plan.</summary>
/// <param name="Indicator">What the indicator is.</param>
/// <param name="Fact">The fact.</param>
/// <param name="Plan">The plan for the period's year, or <see langword="null"/> when none is set.</param>
/// <param name="Error">Why the indicator could not be computed, or <see langword="null"/>.</param>
public sealed record KpiValue(KpiIndicatorDescriptor Indicator, KpiResult Fact, double? Plan, string? Error = null)
{
    /// <summary>Gets how much of the plan the fact reaches, in percent (<c>100 · fact / plan</c>; for a lower-is-better indicator <c>100 · plan / fact</c>).</summary>
    public double? Achievement =>
        Fact.Value is not { } fact || Plan is not { } plan ? null
        : Indicator.HigherIsBetter ? plan > 0 ? 100 * fact / plan : null
        : fact > 0 ? 100 * plan / fact : 100;

    /// <summary>Gets a value indicating whether the fact meets the plan (<see langword="null"/> without both).</summary>
    public bool? PlanMet =>
        Fact.Value is not { } fact || Plan is not { } plan ? null
        : Indicator.HigherIsBetter ? fact >= plan : fact <= plan;
}

/// <summary>A period of local dates, both ends inclusive.</summary>
/// <param name="From">The first day.</param>
/// <param name="To">The last day.</param>
public readonly record struct KpiPeriod(DateOnly From, DateOnly To)
{
    /// <summary>Gets the number of days.</summary>
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>Gets the calendar year (of the last day) whose plan the period is compared with.</summary>
    public int PlanYear => To.Year;

    /// <summary>Creates a checked period.</summary>
    /// <param name="from">The first day.</param>
    /// <param name="to">The last day.</param>
    /// <returns>The period.</returns>
    /// <exception cref="Intake.HubValidationException">The period ends before it starts.</exception>
    public static KpiPeriod Of(DateOnly from, DateOnly to) =>
        to < from ? throw new Intake.HubValidationException("to", $"конец периода ({to:yyyy-MM-dd}) раньше начала ({from:yyyy-MM-dd})") : new(from, to);

    /// <summary>Gets a calendar year.</summary>
    /// <param name="year">The year.</param>
    /// <returns>1 January to 31 December.</returns>
    public static KpiPeriod Year(int year) => new(new(year, 1, 1), new(year, 12, 31));

    /// <summary>Gets a calendar month.</summary>
    /// <param name="year">The year.</param>
    /// <param name="month">The month.</param>
    /// <returns>Its first to its last day.</returns>
    public static KpiPeriod Month(int year, int month) => new(new(year, month, 1), new DateOnly(year, month, 1).AddMonths(1).AddDays(-1));

    /// <summary>Gets a calendar quarter.</summary>
    /// <param name="year">The year.</param>
    /// <param name="quarter">The quarter, 1…4.</param>
    /// <returns>Its first to its last day.</returns>
    public static KpiPeriod Quarter(int year, int quarter) => new(new(year, (3 * quarter) - 2, 1), new DateOnly(year, (3 * quarter) - 2, 1).AddMonths(3).AddDays(-1));

    /// <summary>Gets an ISO 8601 week (Monday to Sunday).</summary>
    /// <param name="isoYear">The ISO week-numbering year.</param>
    /// <param name="week">The week number, 1…53.</param>
    /// <returns>Its Monday to its Sunday.</returns>
    public static KpiPeriod IsoWeek(int isoYear, int week)
    {
        var monday = DateOnly.FromDateTime(System.Globalization.ISOWeek.ToDateTime(isoYear, week, DayOfWeek.Monday));
        return new(monday, monday.AddDays(6));
    }
}

/// <summary>The dimension a flow is broken down by.</summary>
public enum KpiDimension
{
    /// <summary>By channel.</summary>
    Channel = 0,

    /// <summary>By thematic block.</summary>
    Block = 1,

    /// <summary>By topic.</summary>
    Category = 2,

    /// <summary>By responsible recipient.</summary>
    Recipient = 3,

    /// <summary>By territory.</summary>
    Territory = 4,

    /// <summary>By municipality (tenant, ОКТМО code): what a regional center compares.</summary>
    Tenant = 5,
}

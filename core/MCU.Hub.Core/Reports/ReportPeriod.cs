using System.Globalization;
using System.Text.RegularExpressions;
using MCU.Hub.Intake;
using MCU.Hub.Kpi;

namespace MCU.Hub.Reports;

/// <summary>The reports of the МЦУ (Нягань regulation, section 4.2; Тросна, 3.2 д).</summary>
public enum ReportKind
{
    /// <summary>The weekly analytical report to the curator and the ЦУР, due Friday 13:00.</summary>
    Weekly = 0,

    /// <summary>The monthly report on achieved values to the ЦУР, due the 5th of the next month.</summary>
    Monthly = 1,

    /// <summary>The quarterly report on processing indicators of appeals and messages from all sources.</summary>
    Quarterly = 2,

    /// <summary>The annual report on the target indicators, due the 3rd working day of the month after the period.</summary>
    Annual = 3,
}

/// <summary>A report's period: an ISO week, a month, a quarter or a year, with its key (<c>2026-W47</c>, <c>2026-11</c>, <c>2026-Q4</c>, <c>2026</c>).</summary>
/// <param name="Kind">The report kind.</param>
/// <param name="Key">The period's key.</param>
/// <param name="Days">The local dates it covers.</param>
public sealed partial record ReportPeriod(ReportKind Kind, string Key, KpiPeriod Days)
{
    /// <summary>Gets the Russian name of the kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The name, as the regulations word it.</returns>
    public static string TitleOf(ReportKind kind) => kind switch
    {
        ReportKind.Weekly => "Еженедельный аналитический отчёт",
        ReportKind.Monthly => "Ежемесячный отчёт о достигнутых значениях",
        ReportKind.Quarterly => "Ежеквартальный отчёт по показателям обработки обращений и сообщений из всех источников",
        ReportKind.Annual => "Ежегодный отчёт о достигнутых значениях целевых показателей",
        _ => kind.ToString(),
    };

    /// <summary>Gets the period's description in Russian («неделя 2026-W47: 16.11.2026 — 22.11.2026»).</summary>
    public string Description =>
        $"{Kind switch { ReportKind.Weekly => "неделя", ReportKind.Monthly => "месяц", ReportKind.Quarterly => "квартал", _ => "год" }} {Key}: " +
        $"{Days.From.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)} — {Days.To.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)}";

    /// <summary>Parses a period key of a kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="key">The key: <c>2026-W47</c>, <c>2026-11</c>, <c>2026-Q4</c> or <c>2026</c>.</param>
    /// <returns>The period.</returns>
    /// <exception cref="HubValidationException">The key does not fit the kind.</exception>
    public static ReportPeriod Parse(ReportKind kind, string key)
    {
        key = key?.Trim() ?? "";
        switch (kind)
        {
            case ReportKind.Weekly when WeekPattern().Match(key) is { Success: true } m:
            {
                var year = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                var week = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
                if (year is < 2000 or > 2100 || week < 1 || week > ISOWeek.GetWeeksInYear(year))
                    break;
                return new(kind, $"{year}-W{week:00}", KpiPeriod.IsoWeek(year, week));
            }

            case ReportKind.Monthly when MonthPattern().Match(key) is { Success: true } m:
            {
                var year = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                var month = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
                if (year is < 2000 or > 2100 || month is < 1 or > 12)
                    break;
                return new(kind, $"{year}-{month:00}", KpiPeriod.Month(year, month));
            }

            case ReportKind.Quarterly when QuarterPattern().Match(key) is { Success: true } m:
            {
                var year = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                var quarter = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
                if (year is < 2000 or > 2100)
                    break;
                return new(kind, $"{year}-Q{quarter}", KpiPeriod.Quarter(year, quarter));
            }

            case ReportKind.Annual when YearPattern().IsMatch(key):
            {
                var year = int.Parse(key, CultureInfo.InvariantCulture);
                if (year is < 2000 or > 2100)
                    break;
                return new(kind, key, KpiPeriod.Year(year));
            }
        }

        var expected = kind switch
        {
            ReportKind.Weekly => "неделя ISO вида 2026-W47",
            ReportKind.Monthly => "месяц вида 2026-11",
            ReportKind.Quarterly => "квартал вида 2026-Q4",
            _ => "год вида 2026",
        };
        throw new HubValidationException("period", $"«{key}» не подходит: нужен {expected}");
    }

    /// <summary>Gets the period of a kind that contains a date.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="date">The date.</param>
    /// <returns>The period.</returns>
    public static ReportPeriod Containing(ReportKind kind, DateOnly date) => kind switch
    {
        ReportKind.Weekly => Parse(kind, $"{ISOWeek.GetYear(date.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(date.ToDateTime(TimeOnly.MinValue)):00}"),
        ReportKind.Monthly => Parse(kind, $"{date.Year}-{date.Month:00}"),
        ReportKind.Quarterly => Parse(kind, $"{date.Year}-Q{((date.Month - 1) / 3) + 1}"),
        _ => Parse(kind, date.Year.ToString(CultureInfo.InvariantCulture)),
    };

    /// <summary>Gets the period of the same kind just before this one.</summary>
    /// <returns>The previous period.</returns>
    public ReportPeriod Previous() => Containing(Kind, Days.From.AddDays(-1));

    /// <summary>Gets the period of the same kind just after this one.</summary>
    /// <returns>The next period.</returns>
    public ReportPeriod Next() => Containing(Kind, Days.To.AddDays(1));

    [GeneratedRegex(@"^(\d{4})-W(\d{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex WeekPattern();

    [GeneratedRegex(@"^(\d{4})-(\d{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"^(\d{4})-Q([1-4])$", RegexOptions.CultureInvariant)]
    private static partial Regex QuarterPattern();

    [GeneratedRegex(@"^\d{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex YearPattern();
}

using MCU.Hub.Analytics;
using MCU.Hub.Kpi;

namespace MCU.Hub.Reports.Internal;

/// <summary>The weekly and monthly reports' sections on growing problems, possible duplicates and the heat map.</summary>
internal sealed class ProblemSections : IReportSectionSource
{
    private readonly ProblemAnalytics _analytics;
    private readonly KpiService _kpis;

    public ProblemSections(ProblemAnalytics analytics, KpiService kpis)
    {
        _analytics = analytics;
        _kpis = kpis;
    }

    public async Task<IReadOnlyList<ReportSection>> GetSectionsAsync(ReportPeriod period, KpiSlice scope, CancellationToken cancellationToken)
    {
        if (period.Kind is not (ReportKind.Weekly or ReportKind.Monthly))
            return [];

        var alerts = await _analytics.DetectGrowthAsync(period.Days, scope, null, cancellationToken);
        var growth = new ReportSection
        {
            Name = "Рост обращений",
            Heading = "Темы, блоки и территории с аномальным ростом поступления",
            Note = "Ожидание — по тем же дням недели предыдущих 8 недель с учётом производственного календаря; показан только рост.",
            Columns =
            [
                new("Разрез"), new("Значение"), new("Поступило", ReportColumnKind.Integer), new("Ожидалось", ReportColumnKind.Number),
                new("Рост, раз", ReportColumnKind.Number), new("Оценка (z)", ReportColumnKind.Number), new("Вероятный фактор"),
            ],
            Rows = [.. alerts.Select(a => (IReadOnlyList<ReportValue>)
            [
                DimensionName(a.Dimension), _kpis.NameOf(a.Dimension.ToKpiDimension(), a.Key), a.Observed, Math.Round(a.Expected, 1), Math.Round(a.Ratio, 2), Math.Round(a.Score, 1),
                a.Factors.Count > 0 ? a.Factors[0].Description : "",
            ])],
        };

        var cells = await _analytics.HeatMapAsync(period.Days, scope, HeatMapPeriod.Month, HeatMapRows.Block, cancellationToken);
        var territories = cells.Select(c => c.Territory).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var heat = new ReportSection
        {
            Name = "Тепловая карта",
            Heading = "Поступление: отраслевой блок × территория",
            Columns = [new("Отраслевой блок"), .. territories.Select(t => new ReportColumn(t == HeatMap.NoTerritory ? "Без территории" : _kpis.NameOf(KpiDimension.Territory, t), ReportColumnKind.Integer))],
            Rows = [.. cells.GroupBy(c => c.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (IReadOnlyList<ReportValue>)
            [
                g.Key == HeatMap.NoKey ? "Без блока" : _kpis.NameOf(KpiDimension.Block, g.Key),
                .. territories.Select(t => (ReportValue)g.Where(c => c.Territory == t).Sum(c => c.Count)),
            ])],
        };

        var groups = await _analytics.FindDuplicatesAsync(period.Days, scope, null, cancellationToken);
        var duplicates = new ReportSection
        {
            Name = "Возможные дубли",
            Heading = $"Возможные повторы одной проблемы: {groups.Count} групп",
            Note = "Одна категория, рядом по месту, близко по времени, похожий текст; сообщения не объединяются — решение за оператором.",
            Columns = [new("Тема"), new("Сообщений", ReportColumnKind.Integer), new("Сходство текста", ReportColumnKind.Number), new("Наибольшее расстояние, м", ReportColumnKind.Number), new("Идентификаторы")],
            Rows = [.. groups.Select(g => (IReadOnlyList<ReportValue>)
            [
                g.Category is null ? "" : _kpis.NameOf(KpiDimension.Category, g.Category), g.MessageIds.Count, Math.Round(g.BestSimilarity, 2),
                ReportValue.FromNumber(g.MaxDistanceMeters is { } d ? Math.Round(d) : null), string.Join(", ", g.MessageIds),
            ])],
        };

        return [growth, heat, duplicates];
    }


    private static string DimensionName(GrowthDimension dimension) => dimension switch
    {
        GrowthDimension.Block => "Отраслевой блок",
        GrowthDimension.Territory => "Территория",
        GrowthDimension.Channel => "Канал",
        _ => "Тема",
    };
}

using System.Globalization;
using MCU.Hub.Kpi;
using MCU.Hub.Ratings;

namespace MCU.Hub.Reports.Internal;

/// <summary>Puts a report's sections together from indicators, breakdowns, the rating and the backlog.</summary>
internal sealed class ReportComposer
{
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");
    private readonly KpiService _kpis;
    private readonly RecipientRatingService _ratings;
    private readonly BacklogService _backlog;
    private readonly ReportOptions _options;
    private readonly IReadOnlyList<IReportSectionSource> _extra;

    public ReportComposer(KpiService kpis, RecipientRatingService ratings, BacklogService backlog, ReportOptions options, IReadOnlyList<IReportSectionSource> extra)
    {
        _kpis = kpis;
        _ratings = ratings;
        _backlog = backlog;
        _options = options;
        _extra = extra;
    }

    public async Task<ReportDocument> ComposeAsync(ReportPeriod period, KpiSlice scope, DateTimeOffset generatedAt, DateTimeOffset dueAt, CancellationToken ct)
    {
        var days = period.Days;
        var sections = new List<ReportSection>();
        switch (period.Kind)
        {
            case ReportKind.Weekly:
                sections.Add(await IndicatorsAsync(days, null, scope, ct));
                sections.Add(await ByDimensionAsync(days, KpiDimension.Channel, "По каналам", "Поступление и обработка по каналам", scope, ct));
                sections.Add(await ByDimensionAsync(days, KpiDimension.Block, "По отраслевым блокам", "Поступление и обработка по отраслевым блокам", scope, ct));
                sections.Add(await ByDimensionAsync(days, KpiDimension.Territory, "По территориям", "Поступление и обработка по территориям", scope, ct));
                sections.Add(await DailyAsync(days, scope, ct));
                sections.Add(await RatingAsync(days, scope, ct));
                sections.Add(await OverdueAsync(days, scope, ct));
                break;
            case ReportKind.Monthly:
                sections.Add(await IndicatorsAsync(days, null, scope, ct));
                sections.Add(await ByDimensionAsync(days, KpiDimension.Channel, "По каналам", "Поступление и обработка по каналам", scope, ct));
                sections.Add(await ByDimensionAsync(days, KpiDimension.Block, "По отраслевым блокам", "Поступление и обработка по отраслевым блокам", scope, ct));
                sections.Add(await ByDimensionAsync(days, KpiDimension.Recipient, "По получателям", "Поступление и обработка по ответственным получателям", scope, ct));
                sections.Add(await RatingAsync(days, scope, ct));
                sections.Add(await BacklogAsync(days, scope, ct));
                break;
            case ReportKind.Quarterly:
                sections.Add(await IndicatorsAsync(days, KpiGroups.Operational, scope, ct));
                sections.Add(await ByDimensionAsync(days, KpiDimension.Channel, "По источникам", "Показатели обработки по каждому источнику (каналу)", scope, ct));
                sections.Add(await ByDimensionAsync(days, KpiDimension.Block, "По отраслевым блокам", "Показатели обработки по отраслевым блокам", scope, ct));
                sections.Add(await ByDimensionAsync(days, KpiDimension.Recipient, "По получателям", "Показатели обработки по ответственным получателям", scope, ct));
                break;
            default:
                sections.Add(await IndicatorsAsync(days, KpiGroups.Target, scope, ct));
                sections.Add(await MonthlyTargetsAsync(days, scope, ct));
                sections.Add(await IndicatorsAsync(days, KpiGroups.Operational, scope, ct));
                sections.Add(await RatingAsync(days, scope, ct));
                break;
        }

        foreach (var source in _extra)
            sections.AddRange(await source.GetSectionsAsync(period, scope, ct));

        var options = _kpis.Options;
        return new ReportDocument
        {
            Title = ReportPeriod.TitleOf(period.Kind),
            Subtitle = "Период: " + period.Description,
            GeneratedAt = generatedAt,
            Parameters =
            [
                new("Вид отчёта", ReportPeriod.TitleOf(period.Kind)),
                new("Период", period.Description),
                new("Срок представления", dueAt.ToString("dd.MM.yyyy HH:mm zzz", Russian)),
                new("Счёт по дате", options.Basis == KpiCountingBasis.Receipt ? "поступления" : "закрытия"),
                new("Учитываемые виды", string.Join(", ", options.EffectiveKinds().Select(KindName))),
                new("Методика", TargetIndicators.Source),
            ],
            Sections = sections,
        };
    }

    internal static Dictionary<string, string> Parameters(KpiOptions options) => new(StringComparer.Ordinal)
    {
        ["basis"] = options.Basis == KpiCountingBasis.Receipt ? "receipt" : "closing",
        ["kinds"] = string.Join(",", options.EffectiveKinds()),
    };

    private async Task<ReportSection> IndicatorsAsync(KpiPeriod days, string? group, KpiSlice scope, CancellationToken ct)
    {
        var values = await _kpis.ComputeAsync(days, scope, [], ct);
        var rows = values.Where(v => group is null || v.Indicator.Group == group).Select(v => (IReadOnlyList<ReportValue>)
        [
            v.Indicator.Name,
            v.Indicator.Group == KpiGroups.Target ? "целевой (№ 1844)" : v.Indicator.Group == KpiGroups.Operational ? "операционный" : v.Indicator.Group,
            v.Indicator.Unit,
            ReportValue.FromNumber(v.Fact.Value),
            ReportValue.FromNumber(v.Plan),
            ReportValue.FromNumber(v.Achievement),
            v.Fact.Numerator,
            v.Fact.Denominator,
            v.Error ?? v.Fact.Note ?? "",
        ]).ToList();
        return new ReportSection
        {
            Name = group == KpiGroups.Target ? "Целевые показатели" : group == KpiGroups.Operational ? "Показатели обработки" : "Показатели",
            Heading = group == KpiGroups.Target ? "Целевые показатели (постановление № 1844): факт и план" : "Показатели: факт и план",
            Note = $"План — на {days.PlanYear} год; «Выполнение» — факт к плану в процентах.",
            Columns =
            [
                new("Показатель"), new("Группа"), new("Ед. изм."), new("Факт", ReportColumnKind.Number), new("План", ReportColumnKind.Number),
                new("Выполнение, %", ReportColumnKind.Percent), new("Числитель", ReportColumnKind.Number), new("Знаменатель", ReportColumnKind.Number), new("Примечание"),
            ],
            Rows = rows,
        };
    }

    private async Task<ReportSection> ByDimensionAsync(KpiPeriod days, KpiDimension dimension, string name, string heading, KpiSlice scope, CancellationToken ct)
    {
        string[] ids = [OperationalIndicators.Inflow, OperationalIndicators.AnsweredOnTime, OperationalIndicators.ResponseHoursAverage, OperationalIndicators.ResponseHoursP90, OperationalIndicators.OverdueNow, OperationalIndicators.ReopenedOrReturned, OperationalIndicators.Satisfaction];
        var columns = new Dictionary<string, IReadOnlyList<KpiBreakdownRow>>(StringComparer.Ordinal);
        foreach (var id in ids)
            columns[id] = await _kpis.BreakdownAsync(id, days, scope, dimension, ct);
        var keys = columns[OperationalIndicators.Inflow];
        var rows = new List<IReadOnlyList<ReportValue>>();
        foreach (var key in keys)
        {
            var row = new List<ReportValue> { key.Name };
            foreach (var id in ids)
                row.Add(ReportValue.FromNumber(columns[id].First(r => r.Key == key.Key).Value.Fact.Value));
            rows.Add(row);
        }

        return new ReportSection
        {
            Name = name,
            Heading = heading,
            Columns =
            [
                new(DimensionName(dimension)), new("Поступило", ReportColumnKind.Integer), new("Доля ответов в срок, %", ReportColumnKind.Percent),
                new("Среднее время ответа, раб. ч", ReportColumnKind.Hours), new("90-й процентиль, раб. ч", ReportColumnKind.Hours),
                new("Просрочено сейчас", ReportColumnKind.Integer), new("Возвращено или открыто повторно, %", ReportColumnKind.Percent), new("Удовлетворённость, из 5", ReportColumnKind.Number),
            ],
            Rows = rows,
            Chart = rows.Count > 0 ? new ReportChart { Kind = dimension == KpiDimension.Channel ? ReportChartKind.Column : ReportChartKind.Bar, Title = "Поступило: " + heading.ToLower(Russian), CategoryColumn = 0, ValueColumns = [1] } : null,
        };
    }

    private async Task<ReportSection> DailyAsync(KpiPeriod days, KpiSlice scope, CancellationToken ct)
    {
        var facts = await _kpis.GetFactsAsync(days, scope, ct);
        var byDay = facts.GroupBy(f => f.ReceivedOn).ToDictionary(g => g.Key, g => g.Count());
        var rows = new List<IReadOnlyList<ReportValue>>();
        for (var day = days.From; day <= days.To; day = day.AddDays(1))
        {
            var backlog = Scoped(await _backlog.GetAsync(day, ct), scope);
            rows.Add([day, day.ToString("dddd", Russian), byDay.GetValueOrDefault(day), backlog.Open, backlog.Overdue]);
        }

        return new ReportSection
        {
            Name = "По дням",
            Heading = "Поступление и остаток по дням",
            Note = "Остаток — открытые сообщения на конец дня (ежедневный снимок).",
            Columns = [new("Дата", ReportColumnKind.Date), new("День недели"), new("Поступило", ReportColumnKind.Integer), new("Открыто на конец дня", ReportColumnKind.Integer), new("Из них просрочено", ReportColumnKind.Integer)],
            Rows = rows,
            Chart = new ReportChart { Kind = ReportChartKind.Line, Title = "Поступление и остаток по дням", CategoryColumn = 0, ValueColumns = [2, 3] },
        };
    }

    private async Task<ReportSection> RatingAsync(KpiPeriod days, KpiSlice scope, CancellationToken ct)
    {
        var ratings = await _ratings.RateAsync(days, scope, ct);
        var rows = ratings.Select(r => (IReadOnlyList<ReportValue>)
        [
            r.Rank is { } rank ? rank : ReportValue.Empty,
            r.Name,
            ReportValue.FromNumber(r.Score),
            r.Received,
            r.Answered,
            r.AnsweredOnTime,
            r.Substantive,
            .. r.Components.Select(c => c.Id == "satisfaction"
                ? ReportValue.FromNumber(c.Value is null ? null : c.Numerator)
                : ReportValue.FromNumber(c.Value is { } v ? 100 * v : null)),
            r.Note ?? "",
        ]).ToList();
        return new ReportSection
        {
            Name = "Рейтинг получателей",
            Heading = "Рейтинг ответственных получателей",
            Note = $"Балл 0…100 — взвешенная сумма составляющих; получатель с числом сообщений меньше {_kpis.Options.Rating.MinimumVolume} показан без места.",
            Columns =
            [
                new("Место", ReportColumnKind.Integer), new("Получатель"), new("Балл", ReportColumnKind.Number), new("Поступило", ReportColumnKind.Integer),
                new("С ответом", ReportColumnKind.Integer), new("В срок", ReportColumnKind.Integer), new("Без возврата и повторного открытия", ReportColumnKind.Integer),
                new("Полнота, %", ReportColumnKind.Percent), new("Своевременность, %", ReportColumnKind.Percent), new("Содержательность, %", ReportColumnKind.Percent),
                new("Средняя оценка жителей", ReportColumnKind.Number), new("Примечание"),
            ],
            Rows = rows,
        };
    }

    private async Task<ReportSection> OverdueAsync(KpiPeriod days, KpiSlice scope, CancellationToken ct)
    {
        var context = await _kpis.CreateContextAsync(days, scope, ct);
        var now = context.Now;
        var overdue = context.AllMessages.Where(f => f.IsOverdueAt(now)).OrderBy(f => f.DueAt).ToList();
        var rows = overdue.Take(_options.MaxListedMessages).Select(f => (IReadOnlyList<ReportValue>)
        [
            f.Id,
            f.Channel,
            f.Block is null ? "" : _kpis.NameOf(KpiDimension.Block, f.Block),
            string.Join(", ", f.Recipients.Select(r => _kpis.NameOf(KpiDimension.Recipient, r))),
            f.ReceivedAt,
            f.DueAt!.Value,
            Math.Round((now - f.DueAt!.Value).TotalDays, 1),
        ]).ToList();
        return new ReportSection
        {
            Name = "Просроченные",
            Heading = $"Просроченные сообщения на момент формирования: {overdue.Count}",
            Note = overdue.Count > rows.Count ? $"Показаны первые {rows.Count} из {overdue.Count}, с самым ранним сроком." : null,
            Columns = [new("Идентификатор"), new("Канал"), new("Отраслевой блок"), new("Получатели"), new("Поступило", ReportColumnKind.DateTime), new("Срок", ReportColumnKind.DateTime), new("Просрочка, сут.", ReportColumnKind.Number)],
            Rows = rows,
        };
    }

    private async Task<ReportSection> BacklogAsync(KpiPeriod days, KpiSlice scope, CancellationToken ct)
    {
        var snapshot = Scoped(await _backlog.GetAsync(days.To, ct), scope);
        var rows = snapshot.Rows.Where(r => r.Dimension is KpiDimension.Block or KpiDimension.Recipient).Select(r => (IReadOnlyList<ReportValue>)
            [DimensionName(r.Dimension), _kpis.NameOf(r.Dimension, r.Key), r.Open, r.Overdue]).ToList();
        rows.Insert(0, ["Всего", "", snapshot.Open, snapshot.Overdue]);
        return new ReportSection
        {
            Name = "Остаток на конец периода",
            Heading = $"Открытые и просроченные на конец {days.To.ToString("dd.MM.yyyy", Russian)}",
            Note = snapshot.Reconstructed ? "Снимок восстановлен по истории сообщений (в тот день не снимался)." : null,
            Columns = [new("Разрез"), new("Значение"), new("Открыто", ReportColumnKind.Integer), new("Просрочено", ReportColumnKind.Integer)],
            Rows = rows,
        };
    }

    private async Task<ReportSection> MonthlyTargetsAsync(KpiPeriod year, KpiSlice scope, CancellationToken ct)
    {
        var targets = _kpis.Indicators.Where(i => i.Group == KpiGroups.Target).ToList();
        var rows = new List<IReadOnlyList<ReportValue>>();
        for (var month = year.From; month <= year.To; month = month.AddMonths(1))
        {
            var values = await _kpis.ComputeAsync(KpiPeriod.Month(month.Year, month.Month), scope, [.. targets.Select(t => t.Id)], ct);
            rows.Add([month.ToString("MMMM yyyy", Russian), .. values.Select(v => ReportValue.FromNumber(v.Fact.Value))]);
        }

        return new ReportSection
        {
            Name = "Динамика по месяцам",
            Heading = "Целевые показатели по месяцам, %",
            Columns = [new("Месяц"), .. targets.Select((t, i) => new ReportColumn($"Показатель {i + 1}, %", ReportColumnKind.Percent))],
            Rows = rows,
            Chart = new ReportChart { Kind = ReportChartKind.Line, Title = "Целевые показатели по месяцам", CategoryColumn = 0, ValueColumns = [.. Enumerable.Range(1, targets.Count)] },
        };
    }

    private static string DimensionName(KpiDimension dimension) => dimension switch
    {
        KpiDimension.Channel => "Канал",
        KpiDimension.Block => "Отраслевой блок",
        KpiDimension.Category => "Тема",
        KpiDimension.Recipient => "Ответственный получатель",
        KpiDimension.Tenant => "Муниципальное образование",
        _ => "Территория",
    };

    private static string KindName(MessageKind kind) => kind switch
    {
        MessageKind.Appeal => "обращения (59-ФЗ)",
        MessageKind.Message => "сообщения",
        MessageKind.Incident => "инциденты соцсетей",
        _ => "вызовы ЕДДС",
    };

    /// <summary>A municipality's report reads only its own part of the hub-wide backlog snapshot.</summary>
    private static BacklogSnapshot Scoped(BacklogSnapshot snapshot, KpiSlice scope) => scope.Tenants is { } tenants ? snapshot.For(tenants) : snapshot;
}

namespace MCU.Hub.Kpi;

/// <summary>The operational indicators of processing (показатели обработки) that the МЦУ watches between the annual target checks.</summary>
public static class OperationalIndicators
{
    /// <summary>Inflow: messages received in the period.</summary>
    public const string Inflow = "inflow";

    /// <summary>The share of answers given by the deadline.</summary>
    public const string AnsweredOnTime = "answered-on-time-share";

    /// <summary>The average time to the first answer, in working hours.</summary>
    public const string ResponseHoursAverage = "response-hours-avg";

    /// <summary>The 90th percentile of the time to the first answer, in working hours.</summary>
    public const string ResponseHoursP90 = "response-hours-p90";

    /// <summary>Messages open and past their deadline now.</summary>
    public const string OverdueNow = "overdue-now";

    /// <summary>The average satisfaction of citizens (1…5).</summary>
    public const string Satisfaction = "satisfaction-avg";

    /// <summary>The share of messages reopened or returned.</summary>
    public const string ReopenedOrReturned = "reopened-returned-share";

    /// <summary>Publications per official page per week.</summary>
    public const string PublicationsPerPageWeek = "publications-per-page-week";

    /// <summary>ЕДДС calls and incident cards received in the period.</summary>
    public const string EddsCalls = "edds-calls";

    /// <summary>Creates the operational indicators.</summary>
    /// <returns>The indicators.</returns>
    public static IReadOnlyList<IKpiIndicator> All() =>
    [
        new Delegate(
            new(Inflow, "Поступило обращений и сообщений", "шт.", "число обращений и сообщений за период (по дате поступления или закрытия — по настройке)"),
            c => KpiResult.Count(c.Messages.Count)),
        new Delegate(
            new(AnsweredOnTime, "Доля ответов, данных в срок", "процент",
                "числитель — сообщения периода, первый ответ на которые дан не позже срока; знаменатель — сообщения периода со сроком, на которые дан ответ или срок которых истёк"),
            c =>
            {
                int due = 0, onTime = 0;
                foreach (var f in c.Messages)
                {
                    if (f.DueAt is not { } dueAt || f.IsRejected)
                        continue;
                    if (f.FirstAnsweredAt is { } answered)
                    {
                        due++;
                        if (answered <= dueAt)
                            onTime++;
                    }
                    else if (dueAt < c.Now)
                    {
                        due++;
                    }
                }

                return KpiResult.Percent(onTime, due);
            }),
        new Delegate(
            new(ResponseHoursAverage, "Среднее время до первого ответа", "рабочих ч",
                "сумма рабочих часов от регистрации до первого ответа (производственный календарь, график муниципалитета) / число сообщений периода с ответом") { HigherIsBetter = false },
            c =>
            {
                var hours = ResponseHours(c);
                return KpiResult.Average(hours.Sum(), hours.Count);
            }),
        new Delegate(
            new(ResponseHoursP90, "90-й процентиль времени до первого ответа", "рабочих ч",
                "время до первого ответа, которое не превышают 90 % сообщений периода с ответом (ближайший ранг)") { HigherIsBetter = false },
            c =>
            {
                var hours = ResponseHours(c);
                if (hours.Count == 0)
                    return new(null, 0, 0, "нет ответов за период");
                hours.Sort();
                var rank = (int)Math.Ceiling(0.9 * hours.Count) - 1;
                return new(hours[rank], hours[rank], hours.Count);
            }),
        new Delegate(
            new(OverdueNow, "Просрочено сейчас", "шт.", "открытые сообщения среза, срок ответа которых истёк к текущему моменту (без учёта периода)") { HigherIsBetter = false },
            c => KpiResult.Count(c.AllMessages.Count(f => f.IsOverdueAt(c.Now)))),
        new Delegate(
            new(Satisfaction, "Удовлетворённость результатом", "балл из 5", "сумма оценок жителей (1…5) / число оценённых сообщений периода"),
            c =>
            {
                var rated = c.Messages.Where(f => f.Satisfaction is not null).ToList();
                return KpiResult.Average(rated.Sum(f => f.Satisfaction!.Value), rated.Count);
            }),
        new Delegate(
            new(ReopenedOrReturned, "Доля возвращённых или повторно открытых", "процент",
                "числитель — сообщения периода, которые получатель возвращал или которые открывались повторно; знаменатель — все сообщения периода") { HigherIsBetter = false },
            c => KpiResult.Percent(c.Messages.Count(f => f.ReopenCount > 0 || f.ReturnCount > 0), c.Messages.Count)),
        new PublicationsPerPageIndicator(
            new(PublicationsPerPageWeek, "Публикаций на официальную страницу в неделю", "шт./нед.",
                "публикации госпабликов за период / (число официальных страниц × число недель периода); норма — не менее 5 в неделю")),
        new Delegate(
            new(EddsCalls, "Вызовы и карточки происшествий ЕДДС", "шт.", "записи ЕДДС (карточки вызовов) за период") { HigherIsBetter = false },
            async (c, ct) => KpiResult.Count((await c.GetRecordsAsync("call", null, wholeHistory: false, ct).ConfigureAwait(false)).Count)),
    ];

    private static List<double> ResponseHours(IKpiContext context) =>
        [.. context.Messages.Where(f => f.ResponseWorkingHours is not null).Select(f => f.ResponseWorkingHours!.Value)];

    private sealed class Delegate : IKpiIndicator
    {
        private readonly Func<IKpiContext, CancellationToken, ValueTask<KpiResult>> _compute;

        public Delegate(KpiIndicatorDescriptor descriptor, Func<IKpiContext, KpiResult> compute)
            : this(descriptor, (c, _) => ValueTask.FromResult(compute(c)))
        {
        }

        public Delegate(KpiIndicatorDescriptor descriptor, Func<IKpiContext, CancellationToken, ValueTask<KpiResult>> compute)
        {
            Descriptor = descriptor;
            _compute = compute;
        }

        public KpiIndicatorDescriptor Descriptor { get; }

        public ValueTask<KpiResult> ComputeAsync(IKpiContext context, CancellationToken cancellationToken) => _compute(context, cancellationToken);
    }

    private sealed class PublicationsPerPageIndicator : IKpiIndicator
    {
        public PublicationsPerPageIndicator(KpiIndicatorDescriptor descriptor) => Descriptor = descriptor;

        public KpiIndicatorDescriptor Descriptor { get; }

        public async ValueTask<KpiResult> ComputeAsync(IKpiContext context, CancellationToken cancellationToken)
        {
            var pages = await context.GetRecordsAsync("page", null, wholeHistory: true, cancellationToken).ConfigureAwait(false);
            var owned = context.Slice.Recipient is { } recipient
                ? pages.Where(p => p.Fields.GetValueOrDefault("owner") == recipient).ToList()
                : [.. pages];
            var pageIds = owned.Select(p => p.ExternalId).ToHashSet(StringComparer.Ordinal);
            var publications = (await context.GetRecordsAsync("publication", null, wholeHistory: false, cancellationToken).ConfigureAwait(false))
                .Count(p => p.Fields.TryGetValue("page_id", out var page) && pageIds.Contains(page));
            var weeks = (context.To.DayNumber - context.From.DayNumber + 1) / 7.0;
            return KpiResult.Average(publications, pageIds.Count * weeks);
        }
    }
}

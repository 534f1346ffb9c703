namespace MCU.Hub.Kpi;

/// <summary>
/// The six target indicators (целевые показатели) of the municipal control center under Government Resolution
/// No. 1844 of 16.11.2020 («Правила создания и функционирования в субъектах Российской Федерации центров управления
/// регионов»), worded as in the annex to the Нягань МЦУ regulation, whose table of plan values is the default.
/// </summary>
/// <remarks>
/// The municipal regulations refer the calculation to «методика расчета показателей, приведенная в постановлении
/// № 1844», but no published text of that methodology with numerators and denominators was found. Each indicator
/// here is therefore the literal reading of its name, and the choices the wording leaves open are stated on each:
/// <list type="bullet">
/// <item>«обращения и сообщения, поступившие ответственным получателям»: messages of the counted kinds
/// (<see cref="KpiOptions.Kinds"/>) that reached at least one recipient and were not rejected, put into the period by
/// <see cref="KpiOptions.Basis"/> (receipt date by default);</item>
/// <item>a share is in percent, and has no value when its denominator is zero (never a made-up 0 or 100).</item>
/// </list>
/// Every per-message fact is stored, so an official formula, once published, can be computed from the same data.
/// </remarks>
public static class TargetIndicators
{
    /// <summary>The source cited on every target indicator.</summary>
    public const string Source = "Постановление Правительства РФ от 16.11.2020 № 1844; плановые значения — Положение о МЦУ г. Нягани";

    /// <summary>Indicator 1: the share processed with fast-track mechanisms.</summary>
    public const string FastTrack = "fast-track-share";

    /// <summary>Indicator 2: the share processed with automated delivery to the final executor.</summary>
    public const string AutomatedDelivery = "automated-delivery-share";

    /// <summary>Indicator 3: the share of recipients informing citizens in social networks.</summary>
    public const string RecipientsInforming = "recipients-informing-share";

    /// <summary>Indicator 4: the share of ПОС decisions whose implementation was reported in social networks.</summary>
    public const string PosDecisionsReported = "pos-decisions-reported-share";

    /// <summary>Indicator 5: the share for which roadmap measures were implemented.</summary>
    public const string Roadmaps = "roadmap-share";

    /// <summary>Indicator 6: the share processed with automated control of the solution (ГЛОНАСС, photo/video).</summary>
    public const string AutomatedControl = "automated-control-share";

    /// <summary>The record types that are decisions taken with residents through ПОС (votes, polls, public discussions).</summary>
    public static readonly IReadOnlyList<string> DecisionRecordTypes = ["vote", "poll", "discussion"];

    /// <summary>The plan values of the Нягань regulation (annex «Перечень плановых значений целевых показателей функционирования МЦУ на 2021–2024 годы»), in percent.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<int, double>> DefaultPlans = new Dictionary<string, IReadOnlyDictionary<int, double>>
    {
        [FastTrack] = Plan(50, 70, 80, 90),
        [AutomatedDelivery] = Plan(20, 50, 60, 70),
        [RecipientsInforming] = Plan(20, 70, 80, 90),
        [PosDecisionsReported] = Plan(40, 80, 90, 100),
        [Roadmaps] = Plan(30, 50, 60, 70),
        [AutomatedControl] = Plan(10, 20, 40, 50),
    };

    /// <summary>Creates the six indicators.</summary>
    /// <returns>The indicators, in the order of the regulation.</returns>
    public static IReadOnlyList<IKpiIndicator> All() => All(null);

    /// <summary>Creates the six indicators; indicator 4 also counts the decisions linked to publications in the hub.</summary>
    /// <param name="decisionLinks">The links of publications to decisions, or <see langword="null"/>.</param>
    /// <returns>The indicators, in the order of the regulation.</returns>
    public static IReadOnlyList<IKpiIndicator> All(IDecisionReportLinks? decisionLinks) =>
    [
        new MessageShareIndicator(
            Target(FastTrack, "Доля обращений и сообщений, поступивших ответственным получателям и обработанных с использованием механизмов ускоренного решения (фаст-трек)",
                "числитель — обращения и сообщения, поступившие ответственным получателям за период и поставленные на фаст-трек; знаменатель — все обращения и сообщения, поступившие ответственным получателям за период (кроме отклонённых)"),
            f => f.FastTrack),
        new MessageShareIndicator(
            Target(AutomatedDelivery, "Доля обращений и сообщений, поступивших ответственным получателям и обработанных с использованием системы автоматизированной доставки проблемы до конечного исполнителя",
                "числитель — обращения и сообщения, доставленные конечному исполнителю автоправилом без ручного шага; знаменатель — все обращения и сообщения, поступившие ответственным получателям за период (кроме отклонённых)"),
            f => f.AutomatedDelivery),
        new RecipientsInformingIndicator(
            Target(RecipientsInforming, "Доля ответственных получателей, обеспечивших интерактивное взаимодействие с гражданами и организациями для решения актуальных задач посредством информирования в социальных сетях",
                "числитель — ответственные получатели, у которых есть верифицированная официальная страница (госпаблик) хотя бы с одной публикацией за период; знаменатель — все ответственные получатели справочника")),
        new DecisionsReportedIndicator(
            Target(PosDecisionsReported, "Доля решений, принятых с участием жителей муниципального образования через платформу обратной связи (ПОС), по которым обеспечено информирование об их реализации через социальные сети",
                "числитель — решения ПОС (голосования, опросы, обсуждения) за период, на которые ссылается публикация госпаблика (reports_on) или с которыми публикацию связал ответственный за информирование; знаменатель — все решения ПОС за период"),
            decisionLinks),
        new MessageShareIndicator(
            Target(Roadmaps, "Доля обращений и сообщений, поступивших ответственным получателям, по которым реализованы мероприятия «дорожных карт» по устранению причин таких обращений и сообщений",
                "числитель — обращения и сообщения, связанные с дорожной картой, мероприятия которой выполнены до конца периода; знаменатель — все обращения и сообщения, поступившие ответственным получателям за период (кроме отклонённых)"),
            (f, context) => f.RoadmapImplementedAt is { } done && done < context.End),
        new MessageShareIndicator(
            Target(AutomatedControl, "Доля обращений и сообщений, поступивших ответственным получателям, при обработке которых использовались автоматизированные механизмы контроля решения проблемы, в том числе с использованием ГЛОНАСС и фотовидеофиксации",
                "числитель — обращения и сообщения, решение которых подтверждено треком ГЛОНАСС или фото-/видеофиксацией; знаменатель — все обращения и сообщения, поступившие ответственным получателям за период (кроме отклонённых)"),
            f => f.AutomatedControl),
    ];

    private static KpiIndicatorDescriptor Target(string id, string name, string formula) =>
        new(id, name, "процент", formula) { Group = KpiGroups.Target, Source = Source };

    private static Dictionary<int, double> Plan(double y2021, double y2022, double y2023, double y2024) =>
        new() { [2021] = y2021, [2022] = y2022, [2023] = y2023, [2024] = y2024 };
}

using System.ComponentModel.DataAnnotations;

namespace MCU.Hub.Quality;

/// <summary>
/// Thresholds of the quality and conflict flags (выявление конфликтных ситуаций и ошибок при коммуникации): bound from
/// <c>McuHub:Quality</c>, validated at start-up.
/// </summary>
public sealed class QualityOptions
{
    /// <summary>The configuration section, relative to <c>McuHub</c>.</summary>
    public const string SectionName = "Quality";

    /// <summary>Gets or sets the shortest answer, in characters of text (spaces collapsed), that is not flagged as too short.</summary>
    /// <value>The default is 80: about one sentence with a fact in it.</value>
    [Range(0, 10_000)]
    public int MinAnswerLength { get; set; } = 80;

    /// <summary>
    /// Gets or sets the boilerplate phrases (lower case) of a formal answer. An answer that consists of them and carries
    /// no fact — no digit (a date, a number, a house), no address word, no verb of an action done or planned — is flagged
    /// as having no substance.
    /// </summary>
    /// <value>The default lists the phrases of typical отписки; a configured list replaces it.</value>
    public List<string> BoilerplatePhrases { get; set; } = [];

    /// <summary>Gets or sets the answer templates to compare answers with, beside those an <see cref="IAnswerTemplateSource"/> supplies.</summary>
    public List<string> Templates { get; set; } = [];

    /// <summary>
    /// Gets or sets how much of a template's fixed wording an answer must repeat (0…1) to count as that template; such an
    /// answer is flagged when it adds fewer than <see cref="MinSpecificWords"/> words of its own.
    /// </summary>
    /// <value>The default is 0.9.</value>
    [Range(0.5, 1.0)]
    public double TemplateSimilarity { get; set; } = 0.9;

    /// <summary>Gets or sets how many words of its own an answer built on a template must add to count as filled in.</summary>
    /// <value>The default is 3.</value>
    [Range(0, 100)]
    public int MinSpecificWords { get; set; } = 3;

    /// <summary>Gets or sets the shortest answer (in characters, normalised) that is compared across messages for «the same text to different problems».</summary>
    /// <value>The default is 20, so that «Выполнено.» to many problems is left to the other flags.</value>
    [Range(1, 10_000)]
    public int MinSharedAnswerLength { get; set; } = 20;

    /// <summary>Gets or sets the window in which complaints of the same author or about the same place count as repeated.</summary>
    /// <value>The default is 30 days.</value>
    public TimeSpan RepeatWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Gets or sets how many messages (this one included) of one author or place within the window make a repeated complaint.</summary>
    /// <value>The default is 2.</value>
    [Range(2, 1000)]
    public int RepeatMinCount { get; set; } = 2;

    /// <summary>Gets or sets the distance within which two messages are about the same place, in metres.</summary>
    /// <value>The default is 50 m.</value>
    [Range(0.0, 10_000.0)]
    public double PlaceRadiusMeters { get; set; } = 50;

    /// <summary>Gets or sets how many reopenings flag a message.</summary>
    /// <value>The default is 2: reopened more than once.</value>
    [Range(1, 100)]
    public int ReopenThreshold { get; set; } = 2;

    /// <summary>Gets or sets the highest satisfaction (1…5) that flags a message.</summary>
    /// <value>The default is 1: «Не решено» in a survey, or the lowest rating of a channel.</value>
    [Range(1, 4)]
    public int LowSatisfaction { get; set; } = 1;

    /// <summary>Gets the boilerplate phrases in force: the configured ones, or the defaults.</summary>
    /// <returns>The phrases, lower case.</returns>
    public IReadOnlyList<string> EffectiveBoilerplate() =>
        BoilerplatePhrases.Count > 0 ? [.. BoilerplatePhrases.Select(p => p.Trim().ToLowerInvariant()).Where(p => p.Length > 0)] : DefaultBoilerplate;

    /// <summary>The default boilerplate phrases of a formal answer.</summary>
    public static readonly IReadOnlyList<string> DefaultBoilerplate =
    [
        "ваше обращение рассмотрено", "ваше сообщение рассмотрено", "обращение рассмотрено", "сообщение рассмотрено",
        "информация принята к сведению", "принято к сведению", "информация принята", "доводим до вашего сведения",
        "вопрос находится на контроле", "вопрос взят на контроль", "взято на контроль", "находится на контроле",
        "будет рассмотрено в установленном порядке", "в установленном порядке", "в рамках компетенции",
        "меры будут приняты", "будут приняты меры", "приняты меры", "работы будут проведены по мере возможности",
        "по мере возможности", "по мере финансирования", "спасибо за обращение", "благодарим за обращение",
        "благодарим за ваше обращение", "с уважением", "администрация", "ответ направлен", "направлено в работу",
        "передано ответственным", "передано в работу", "ответственному исполнителю",
    ];
}

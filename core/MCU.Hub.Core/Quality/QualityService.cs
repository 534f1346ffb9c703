using System.Globalization;
using MCU.Hub.Analytics.Internal;
using MCU.Hub.Intake;
using MCU.Hub.Kpi;
using MCU.Hub.Messages;
using MCU.Hub.Quality.Internal;
using MCU.Hub.Satisfaction;
using MCU.Hub.Storage;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Quality;

/// <summary>
/// Computes the quality and conflict flags of a period for the МЦУ head (выявление конфликтных ситуаций и ошибок при
/// коммуникации): formal answers (отписки), repeated complaints, repeated reopenings and low ratings, each with its reason.
/// </summary>
/// <remarks>
/// <para>The heuristics, each a <see cref="QualityFlagKind"/>:</para>
/// <list type="bullet">
/// <item><b>too short</b> — the last answer, whitespace collapsed, is shorter than <see cref="QualityOptions.MinAnswerLength"/>;</item>
/// <item><b>no substance</b> — the answer contains a boilerplate phrase (<see cref="QualityOptions.EffectiveBoilerplate"/>),
/// at most 8 other words of three letters or more, and, outside the boilerplate, no fact: no digit (date, number, house),
/// no place word (улица, дом, двор, подъезд …), no verb of an action done or planned (отремонтирован, вывезен, запланирован …);</item>
/// <item><b>template without the specifics</b> — a placeholder is left in the answer (<c>{адрес}</c>, <c>[дата]</c>,
/// <c>&lt;ФИО&gt;</c>, <c>%адрес%</c>, <c>___</c>), or the answer repeats at least <see cref="QualityOptions.TemplateSimilarity"/>
/// of a template's fixed words and adds fewer than <see cref="QualityOptions.MinSpecificWords"/> of its own;</item>
/// <item><b>the same text to different problems</b> — answers of the period equal after normalisation (case, ё, punctuation)
/// were given to messages of another category or another place;</item>
/// <item><b>repeated author / place</b> — a message of the period whose author (phone by its last ten digits, or e-mail) or
/// place (the normalised address, or coordinates within <see cref="QualityOptions.PlaceRadiusMeters"/>) had
/// <see cref="QualityOptions.RepeatMinCount"/> − 1 earlier messages within <see cref="QualityOptions.RepeatWindow"/>;</item>
/// <item><b>reopened repeatedly</b> — <see cref="HubMessage.ReopenCount"/> ≥ <see cref="QualityOptions.ReopenThreshold"/>, for a
/// message still open or changed in the period;</item>
/// <item><b>low satisfaction</b> — a rating ≤ <see cref="QualityOptions.LowSatisfaction"/>, given in the period.</item>
/// </list>
/// <para>
/// The candidates are chosen on the in-memory message facts (no text) and only they are read from the store: the answers
/// of the period, the messages received in the period and the repeat window before it, the reopened and the low-rated ones.
/// </para>
/// </remarks>
public sealed class QualityService
{
    private const int MaxBoilerplateRest = 8;
    private const int ReadChunk = 500;
    private readonly IHubStore _store;
    private readonly MessageFactsProjection _facts;
    private readonly IAnswerTemplateSource _templates;
    private readonly SatisfactionService _satisfaction;
    private readonly Tenants.TenantDirectory _tenants;
    private readonly QualityOptions _options;

    /// <summary>Creates the service.</summary>
    /// <param name="store">The hub store.</param>
    /// <param name="facts">The message facts.</param>
    /// <param name="templates">The answer templates.</param>
    /// <param name="satisfaction">The surveys, for the comment of a low rating.</param>
    /// <param name="tenants">The municipalities.</param>
    /// <param name="options">The thresholds.</param>
    public QualityService(IHubStore store, MessageFactsProjection facts, IAnswerTemplateSource templates, SatisfactionService satisfaction, Tenants.TenantDirectory tenants, IOptions<QualityOptions> options)
    {
        _store = store;
        _facts = facts;
        _templates = templates;
        _satisfaction = satisfaction;
        _tenants = tenants;
        _options = options.Value;
    }

    /// <summary>Computes the flags of a period.</summary>
    /// <param name="query">The period, municipalities and kinds.</param>
    /// <param name="cancellationToken">Cancels the computation.</param>
    /// <returns>The flags, newest first, then by message id and kind.</returns>
    /// <exception cref="HubValidationException">The period is empty or longer than a year.</exception>
    public async Task<IReadOnlyList<QualityFlag>> ListFlagsAsync(QualityQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.To <= query.From)
            throw new HubValidationException("to", "конец периода должен быть позже начала");
        if (query.To - query.From > TimeSpan.FromDays(366))
            throw new HubValidationException("to", "период не длиннее 366 дней");
        bool Wants(QualityFlagKind kind) => query.Kinds.Count == 0 || query.Kinds.Contains(kind);

        await _facts.EnsureCurrentAsync(cancellationToken).ConfigureAwait(false);
        var (from, to) = (query.From, query.To);
        var windowStart = from - _options.RepeatWindow;
        var wantsAnswers = Wants(QualityFlagKind.ShortAnswer) || Wants(QualityFlagKind.NoSubstance) || Wants(QualityFlagKind.UnfilledTemplate) || Wants(QualityFlagKind.SameAnswer);
        var wantsRepeats = Wants(QualityFlagKind.RepeatedAuthor) || Wants(QualityFlagKind.RepeatedPlace);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in _facts.Snapshot())
        {
            if (query.Tenants is { } visible && !visible.Contains(_tenants.Normalize(f.Tenant)))
                continue;
            if ((wantsAnswers && f.FirstAnsweredAt is { } first && first < to && !(f.ClosedAt < from))
                || (wantsRepeats && f.Kind != MessageKind.EmergencyCall && f.ReceivedAt >= windowStart && f.ReceivedAt < to)
                || (Wants(QualityFlagKind.ReopenedRepeatedly) && f.ReopenCount >= _options.ReopenThreshold)
                || (Wants(QualityFlagKind.LowSatisfaction) && f.Satisfaction <= _options.LowSatisfaction))
                ids.Add(f.Id);
        }

        var messages = await ReadAsync(ids, cancellationToken).ConfigureAwait(false);
        var flags = new List<QualityFlag>();
        if (wantsAnswers)
        {
            var answered = messages.Where(m => m.Answer is { } a && a.AnsweredAt >= from && a.AnsweredAt < to && !string.IsNullOrWhiteSpace(a.Text)).ToList();
            var templates = Wants(QualityFlagKind.UnfilledTemplate) ? await _templates.GetTemplatesAsync(query.Tenants, cancellationToken).ConfigureAwait(false) : [];
            foreach (var m in answered)
                FlagAnswer(m, Wants, templates, flags);
            if (Wants(QualityFlagKind.SameAnswer))
                FlagSameAnswers(answered, flags);
        }

        if (wantsRepeats)
        {
            var window = messages.Where(m => m.Kind != MessageKind.EmergencyCall && m.ReceivedAt >= windowStart && m.ReceivedAt < to).OrderBy(m => m.ReceivedAt).ThenBy(m => m.Id, StringComparer.Ordinal).ToList();
            if (Wants(QualityFlagKind.RepeatedAuthor))
                FlagRepeatedAuthors(window, from, flags);
            if (Wants(QualityFlagKind.RepeatedPlace))
                FlagRepeatedPlaces(window, from, flags);
        }

        if (Wants(QualityFlagKind.ReopenedRepeatedly))
        {
            foreach (var m in messages.Where(m => m.ReopenCount >= _options.ReopenThreshold && (MessageStatusTransitions.IsOpen(m.Status) || (m.UpdatedAt >= from && m.UpdatedAt < to))))
                flags.Add(Flag(QualityFlagKind.ReopenedRepeatedly, m, m.UpdatedAt, $"сообщение открывалось повторно {m.ReopenCount} раз(а): ответ не решил проблему", []));
        }

        if (Wants(QualityFlagKind.LowSatisfaction))
        {
            foreach (var m in messages.Where(m => m.Satisfaction <= _options.LowSatisfaction))
            {
                var survey = await _satisfaction.GetForMessageAsync(m.Id, cancellationToken).ConfigureAwait(false);
                var at = survey?.AnsweredAt ?? m.UpdatedAt;
                if (at < from || at >= to)
                    continue;
                var reason = survey is { Answer: not SurveyAnswer.None }
                    ? $"житель ответил в опросе «{SurveyAnswers.LabelOf(survey.Answer)}»" + (survey.Comment is { } c ? $": «{c}»" : "") + (survey.Reopened ? "; сообщение открыто повторно" : "")
                    : $"оценка жителя {m.Satisfaction} из 5";
                flags.Add(Flag(QualityFlagKind.LowSatisfaction, m, at, reason, []));
            }
        }

        return [.. flags.OrderByDescending(f => f.At).ThenBy(f => f.MessageId, StringComparer.Ordinal).ThenBy(f => f.Kind)];
    }

    private void FlagAnswer(HubMessage m, Func<QualityFlagKind, bool> wants, IReadOnlyList<string> templates, List<QualityFlag> flags)
    {
        var answer = m.Answer!;
        var text = AnswerText.Squeeze(answer.Text);
        if (wants(QualityFlagKind.ShortAnswer) && text.Length < _options.MinAnswerLength)
            flags.Add(Flag(QualityFlagKind.ShortAnswer, m, answer.AnsweredAt, $"ответ из {text.Length} символов — короче {_options.MinAnswerLength}: «{Cut(text)}»", []));

        if (wants(QualityFlagKind.NoSubstance))
        {
            var (found, rest, remaining) = AnswerText.StripBoilerplate(text, _options.EffectiveBoilerplate());
            if (found.Count > 0 && remaining <= MaxBoilerplateRest && !AnswerText.HasFact(rest))
            {
                flags.Add(Flag(QualityFlagKind.NoSubstance, m, answer.AnsweredAt,
                    $"формальный ответ: только общие фразы ({string.Join("; ", found.Take(3).Select(p => $"«{p}»"))}), нет ни даты, ни номера, ни адреса, ни выполненного действия", []));
            }
        }

        if (wants(QualityFlagKind.UnfilledTemplate))
        {
            if (AnswerText.FindPlaceholder(text) is { } placeholder)
            {
                flags.Add(Flag(QualityFlagKind.UnfilledTemplate, m, answer.AnsweredAt, $"в ответе остался незаполненный фрагмент шаблона «{placeholder}»", []));
            }
            else
            {
                foreach (var template in templates)
                {
                    var (coverage, extra, words) = AnswerText.CompareWithTemplate(text, template);
                    if (words >= 5 && coverage >= _options.TemplateSimilarity && extra < _options.MinSpecificWords)
                    {
                        flags.Add(Flag(QualityFlagKind.UnfilledTemplate, m, answer.AnsweredAt,
                            $"ответ повторяет шаблон «{Cut(AnswerText.Squeeze(template))}» ({(coverage * 100).ToString("0", CultureInfo.InvariantCulture)} % его слов) и добавляет {extra} слов(а) о самом случае — конкретика не указана", []));
                        break;
                    }
                }
            }
        }
    }

    private void FlagSameAnswers(List<HubMessage> answered, List<QualityFlag> flags)
    {
        foreach (var group in answered
            .Select(m => (Message: m, Text: AnswerText.Normalize(m.Answer!.Text)))
            .Where(x => x.Text.Length >= _options.MinSharedAnswerLength)
            .GroupBy(x => x.Text, StringComparer.Ordinal)
            .Where(g => g.Count() > 1))
        {
            var members = group.Select(x => x.Message).ToList();
            foreach (var m in members)
            {
                var others = members.Where(o => o.Id != m.Id && !SameProblem(m, o)).ToList();
                if (others.Count == 0)
                    continue;
                var categories = others.Select(o => o.Category ?? o.Block ?? "без категории").Distinct(StringComparer.Ordinal).Take(3);
                flags.Add(Flag(QualityFlagKind.SameAnswer, m, m.Answer!.AnsweredAt,
                    $"тот же текст ответа дан ещё {others.Count} сообщ. о других проблемах (категории: {string.Join(", ", categories)}): «{Cut(AnswerText.Squeeze(m.Answer.Text))}»",
                    [.. others.Select(o => o.Id)]));
            }
        }
    }

    private bool SameProblem(HubMessage a, HubMessage b)
    {
        if (!string.Equals(a.Category ?? a.Block, b.Category ?? b.Block, StringComparison.Ordinal))
            return false;
        if (AddressKey.Of(a.Address) is { } ka && AddressKey.Of(b.Address) is { } kb)
            return ka == kb || Near(a, b);
        return Near(a, b) || (a.Latitude is null && b.Latitude is null && string.IsNullOrWhiteSpace(a.Address) && string.IsNullOrWhiteSpace(b.Address));
    }

    private bool Near(HubMessage a, HubMessage b) =>
        Geo.IsValid(a.Latitude, a.Longitude) && Geo.IsValid(b.Latitude, b.Longitude)
        && Geo.HaversineMeters(a.Latitude!.Value, a.Longitude!.Value, b.Latitude!.Value, b.Longitude!.Value) <= _options.PlaceRadiusMeters;

    private void FlagRepeatedAuthors(List<HubMessage> window, DateTimeOffset from, List<QualityFlag> flags)
    {
        var byAuthor = new Dictionary<string, List<HubMessage>>(StringComparer.Ordinal);
        foreach (var m in window)
        {
            if (AnswerText.AuthorKey(m.AuthorPhone, m.AuthorEmail) is not { } key)
                continue;
            if (!byAuthor.TryGetValue(key, out var earlier))
                byAuthor[key] = earlier = [];
            if (m.ReceivedAt >= from)
            {
                var recent = earlier.Where(e => e.ReceivedAt >= m.ReceivedAt - _options.RepeatWindow).ToList();
                if (recent.Count + 1 >= _options.RepeatMinCount)
                {
                    var how = key.StartsWith("tel:", StringComparison.Ordinal) ? "тот же телефон" : "тот же адрес электронной почты";
                    flags.Add(Flag(QualityFlagKind.RepeatedAuthor, m, m.ReceivedAt,
                        $"повторная жалоба того же автора ({how}): {recent.Count + 1} сообщ. за {Days(_options.RepeatWindow)} дн.", [.. recent.Select(e => e.Id)]));
                }
            }

            earlier.Add(m);
        }
    }

    private void FlagRepeatedPlaces(List<HubMessage> window, DateTimeOffset from, List<QualityFlag> flags)
    {
        for (var i = 0; i < window.Count; i++)
        {
            var m = window[i];
            if (m.ReceivedAt < from)
                continue;
            var key = AddressKey.Of(m.Address);
            if (key is null && !Geo.IsValid(m.Latitude, m.Longitude))
                continue;
            var earlier = new List<HubMessage>();
            for (var j = i - 1; j >= 0 && window[j].ReceivedAt >= m.ReceivedAt - _options.RepeatWindow; j--)
            {
                var e = window[j];
                if ((key is not null && AddressKey.Of(e.Address) == key) || Near(m, e))
                    earlier.Add(e);
            }

            if (earlier.Count + 1 >= _options.RepeatMinCount)
            {
                var place = key is not null && earlier.All(e => AddressKey.Of(e.Address) == key) ? "тот же адрес" : $"в пределах {_options.PlaceRadiusMeters.ToString("0", CultureInfo.InvariantCulture)} м";
                flags.Add(Flag(QualityFlagKind.RepeatedPlace, m, m.ReceivedAt,
                    $"повторная жалоба о том же месте ({place}): {earlier.Count + 1} сообщ. за {Days(_options.RepeatWindow)} дн.", [.. earlier.Select(e => e.Id)]));
            }
        }
    }

    private async Task<List<HubMessage>> ReadAsync(HashSet<string> ids, CancellationToken cancellationToken)
    {
        var result = new List<HubMessage>(ids.Count);
        if (_store is IBulkMessageReader bulk)
        {
            foreach (var chunk in ids.Chunk(ReadChunk))
                result.AddRange(await bulk.GetMessagesAsync(chunk, cancellationToken).ConfigureAwait(false));
            return result;
        }

        foreach (var id in ids)
        {
            if (await _store.GetMessageAsync(id, cancellationToken).ConfigureAwait(false) is { } m)
                result.Add(m);
        }

        return result;
    }

    private QualityFlag Flag(QualityFlagKind kind, HubMessage m, DateTimeOffset at, string reason, IReadOnlyList<string> related) =>
        new(kind, m.Id, _tenants.Normalize(m.Tenant), m.Channel, [.. m.Recipients], at, reason, related);

    private static string Days(TimeSpan window) => window.TotalDays.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Cut(string text) => text.Length <= 120 ? text : text[..117] + "…";
}

using System.Globalization;
using MCU.Hub.Channels;
using MCU.Hub.Deadlines.Calendar;
using MCU.Hub.Directories;
using MCU.Hub.Events;
using MCU.Hub.Intake;
using MCU.Hub.Kpi;
using MCU.Hub.Messages;
using MCU.Hub.Outbox;
using MCU.Hub.Satisfaction.Internal;
using MCU.Hub.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Satisfaction;

/// <summary>
/// Collects citizens' satisfaction with the result: takes the channel's rating where the channel supplied one, sends a
/// one-click survey link otherwise, and records the one answer the link allows.
/// </summary>
/// <remarks>
/// <para>
/// A closed message gets a survey when it was closed at least <see cref="SatisfactionOptions.Delay"/> ago (and no longer
/// than <see cref="SatisfactionOptions.ValidFor"/> before that, so switching surveys on does not survey the archive),
/// has no rating, is not a ЕДДС call, and falls into <see cref="SatisfactionOptions.Share"/> by its id. A channel's rating
/// is the message's <see cref="HubMessage.Satisfaction"/>, or a metadata field <c>satisfaction</c> (1…5) a connector
/// delivered, which is then recorded on the message instead of a survey.
/// </para>
/// <para>
/// The link goes back through the message's channel when it takes replies (an outbox delivery of kind <c>survey</c>,
/// in the same transaction as the history entry); otherwise the survey is recorded as «нет канала доставки». Safe to
/// call from several instances: one survey per message (its id is the message's) and one answer per survey (optimistic
/// concurrency on the survey document).
/// </para>
/// </remarks>
public sealed partial class SatisfactionService
{
    /// <summary>The outbox delivery kind that carries a survey link.</summary>
    public const string DeliveryKind = "survey";

    /// <summary>The metadata field in which a connector delivers the channel's own rating (1…5).</summary>
    public const string ChannelRatingField = "satisfaction";

    private readonly IHubStore _store;
    private readonly IDocumentStore _documents;
    private readonly MessageFactsProjection _facts;
    private readonly ChannelRegistry _channels;
    private readonly TimeProvider _time;
    private readonly MessageOperations _operations;
    private readonly HubDirectory _directory;
    private readonly WorkingCalendar _calendar;
    private readonly SatisfactionOptions _options;
    private readonly ILogger _logger;
    private readonly Tenants.TenantDirectory _tenants;
    // Messages already surveyed (or rated) in the current window, by closing time, so a scan does not read their surveys again.
    private readonly Dictionary<string, DateTimeOffset> _settled = new(StringComparer.Ordinal);
    private readonly Lock _settledLock = new();

    /// <summary>Creates the service.</summary>
    /// <param name="store">The hub store.</param>
    /// <param name="documents">The document store that keeps surveys.</param>
    /// <param name="facts">The message facts, to find closed messages without reading the store.</param>
    /// <param name="channels">The channels, to know which take replies.</param>
    /// <param name="time">The clock.</param>
    /// <param name="operations">Message operations, to reopen a message rated «Не решено».</param>
    /// <param name="directory">The directory, for the category name the page shows.</param>
    /// <param name="calendar">The working calendar, for the municipality's time zone.</param>
    /// <param name="options">The survey options.</param>
    /// <param name="logger">The log.</param>
    /// <param name="tenants">The municipalities, to file each survey under its message's one.</param>
    public SatisfactionService(
        IHubStore store,
        IDocumentStore documents,
        MessageFactsProjection facts,
        ChannelRegistry channels,
        TimeProvider time,
        MessageOperations operations,
        HubDirectory directory,
        WorkingCalendar calendar,
        IOptions<SatisfactionOptions> options,
        ILogger<SatisfactionService> logger,
        Tenants.TenantDirectory tenants)
    {
        _tenants = tenants;
        _store = store;
        _documents = documents;
        _facts = facts;
        _channels = channels;
        _time = time;
        _operations = operations;
        _directory = directory;
        _calendar = calendar;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Gets the options in force.</summary>
    public SatisfactionOptions Options => _options;

    /// <summary>Sends surveys to the closed messages that are due one, and records channel ratings found meanwhile.</summary>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>How many surveys were created.</returns>
    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
            return 0;
        await _facts.EnsureCurrentAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var latest = now - _options.Delay;
        var earliest = latest - _options.ValidFor;
        var created = 0;
        lock (_settledLock)
        {
            foreach (var gone in _settled.Where(kv => kv.Value <= earliest).Select(kv => kv.Key).ToList())
                _settled.Remove(gone);
        }

        foreach (var fact in _facts.Snapshot())
        {
            if (fact.Status != "closed" || fact.ClosedAt is not { } closed || closed > latest || closed <= earliest
                || fact.Satisfaction is not null || fact.Kind == MessageKind.EmergencyCall || SurveyToken.Bucket(fact.Id) >= _options.Share)
                continue;
            lock (_settledLock)
            {
                if (_settled.ContainsKey(fact.Id))
                    continue;
            }

            if (await CreateAsync(fact.Id, now, cancellationToken).ConfigureAwait(false))
                created++;
            lock (_settledLock)
                _settled[fact.Id] = closed;
        }

        return created;
    }

    /// <summary>Finds the survey a link names.</summary>
    /// <param name="token">The token from the link.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The survey, or <see langword="null"/> for an unknown token.</returns>
    public async Task<SatisfactionSurvey?> FindByTokenAsync(string token, CancellationToken cancellationToken)
    {
        if (!SurveyToken.IsWellFormed(token))
            return null;
        var found = await _documents.ListAsync<SatisfactionSurvey>(new DocumentQuery { Key = SurveyToken.HashOf(token), Limit = 1 }, cancellationToken).ConfigureAwait(false);
        return found.Count == 1 ? found[0] : null;
    }

    /// <summary>Gets a message's survey.</summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The survey, or <see langword="null"/> when none was sent.</returns>
    public Task<SatisfactionSurvey?> GetForMessageAsync(string messageId, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(messageId) ? Task.FromResult<SatisfactionSurvey?>(null) : _documents.GetAsync<SatisfactionSurvey>(messageId, cancellationToken);

    /// <summary>Lists surveys in the order of their message ids.</summary>
    /// <param name="tenants">The municipalities; empty for all.</param>
    /// <param name="after">The message id after which to start, or <see langword="null"/>.</param>
    /// <param name="limit">The most surveys to return.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The surveys.</returns>
    public Task<IReadOnlyList<SatisfactionSurvey>> ListAsync(IReadOnlyCollection<string> tenants, string? after, int limit, CancellationToken cancellationToken) =>
        _documents.ListAsync<SatisfactionSurvey>(new DocumentQuery { Tenants = tenants, After = after, Limit = limit }, cancellationToken);

    /// <summary>Records the citizen's answer: once per survey, while the link is valid.</summary>
    /// <param name="token">The token from the link.</param>
    /// <param name="answer">The answer.</param>
    /// <param name="comment">An optional comment.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The outcome and the survey (<see langword="null"/> when not found).</returns>
    /// <exception cref="HubValidationException">No answer, or a comment that is too long.</exception>
    public async Task<(SurveySubmitOutcome Outcome, SatisfactionSurvey? Survey)> SubmitAsync(string token, SurveyAnswer answer, string? comment, CancellationToken cancellationToken)
    {
        if (answer is not (SurveyAnswer.Solved or SurveyAnswer.PartlySolved or SurveyAnswer.NotSolved))
            throw new HubValidationException("answer", "выберите один из ответов: «Решено», «Решено частично», «Не решено»");
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (comment is not null && comment.Length > _options.MaxCommentLength)
            throw new HubValidationException("comment", $"комментарий длиннее {_options.MaxCommentLength} символов");

        for (var attempt = 0; attempt < 4; attempt++)
        {
            var survey = await FindByTokenAsync(token, cancellationToken).ConfigureAwait(false);
            if (survey is null)
                return (SurveySubmitOutcome.NotFound, null);
            if (survey.Answer != SurveyAnswer.None)
                return (SurveySubmitOutcome.AlreadyAnswered, survey);
            var now = _time.GetUtcNow();
            if (now >= survey.ExpiresAt)
                return (SurveySubmitOutcome.Expired, survey);

            survey.Answer = answer;
            survey.Comment = comment;
            survey.AnsweredAt = now;
            if (!await _documents.SaveAsync(survey, cancellationToken).ConfigureAwait(false))
                continue;

            await RecordOnMessageAsync(survey, now, cancellationToken).ConfigureAwait(false);
            return (SurveySubmitOutcome.Recorded, survey);
        }

        return (SurveySubmitOutcome.AlreadyAnswered, await FindByTokenAsync(token, cancellationToken).ConfigureAwait(false));
    }

    private async Task RecordOnMessageAsync(SatisfactionSurvey survey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var score = SurveyAnswers.ScoreOf(survey.Answer);
        var label = SurveyAnswers.LabelOf(survey.Answer);
        var message = await _operations.WriteAsync(survey.Id, (m, at) =>
        {
            var old = m.Satisfaction;
            m.Satisfaction = score;
            var entry = new MessageHistoryEntry
            {
                MessageId = m.Id, At = at, Actor = "citizen", Action = "satisfaction",
                Comment = survey.Comment is null ? $"Опрос: «{label}»" : $"Опрос: «{label}»; комментарий: {survey.Comment}",
                Changes = [FieldChange.Of("satisfaction", old, score)],
            };
            var e = new HubEvent { Type = HubEventTypes.SatisfactionRecorded, MessageId = m.Id, Channel = m.Channel, At = at, Summary = $"Оценка жителя: «{label}» ({score} из 5)" };
            return new MessageUpdate([entry], [e], []);
        }, cancellationToken).ConfigureAwait(false);

        if (survey.Answer != SurveyAnswer.NotSolved || !_options.ReopenOnUnsolved || message is null
            || !MessageStatusTransitions.IsAllowed(message.Status, MessageStatus.Reopened))
            return;
        try
        {
            await _operations.ChangeStatusAsync(survey.Id, MessageStatus.Reopened, "Житель ответил в опросе: «Не решено»", "citizen", cancellationToken).ConfigureAwait(false);
            survey.Reopened = true;
            await _documents.SaveAsync(survey, cancellationToken).ConfigureAwait(false);
        }
        catch (HubValidationException ex)
        {
            // Someone reopened or changed it meanwhile: the answer stands, the flag shows it for review.
            ReopenSkipped(_logger, survey.Id, ex.Message);
        }
    }

    private async Task<bool> CreateAsync(string messageId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await _documents.GetAsync<SatisfactionSurvey>(messageId, cancellationToken).ConfigureAwait(false) is not null)
            return false;
        var message = await _store.GetMessageAsync(messageId, cancellationToken).ConfigureAwait(false);
        if (message is null || message.Status != MessageStatus.Closed || message.Satisfaction is not null)
            return false;

        if (message.Metadata.TryGetValue(ChannelRatingField, out var rated) && int.TryParse(rated, NumberStyles.None, CultureInfo.InvariantCulture, out var channelScore) && channelScore is >= 1 and <= 5)
        {
            await RecordChannelRatingAsync(messageId, channelScore, cancellationToken).ConfigureAwait(false);
            return false;
        }

        var token = SurveyToken.New();
        var canReply = (_channels.Find(message.Channel)?.Capabilities ?? ChannelCapabilities.None).HasFlag(ChannelCapabilities.Reply);
        var survey = new SatisfactionSurvey
        {
            Id = message.Id,
            Tenant = _tenants.Normalize(message.Tenant),
            TokenHash = SurveyToken.HashOf(token),
            Channel = message.Channel,
            Summary = SummaryOf(message),
            SentAt = now,
            ExpiresAt = now + _options.ValidFor,
            Delivery = canReply ? "outbox" : "no_channel",
            DeliveryId = canReply ? Guid.CreateVersion7(now).ToString("N") : null,
        };
        if (!await _documents.SaveAsync(survey, cancellationToken).ConfigureAwait(false))
            return false;

        var link = LinkOf(token);
        var until = TimeZoneInfo.ConvertTime(survey.ExpiresAt, _calendar.TimeZone).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
        var text = $"Оцените, пожалуйста, решение вашего вопроса — одним нажатием: {link} (ссылка действует до {until}).";
        await _operations.WriteAsync(message.Id, (m, at) =>
        {
            var entry = new MessageHistoryEntry
            {
                MessageId = m.Id, At = at, Actor = "system", Action = "survey_sent",
                Comment = canReply ? $"Опрос удовлетворённости отправлен через канал, ссылка действует до {until}" : "Опрос удовлетворённости создан: нет канала доставки",
            };
            var e = new HubEvent { Type = HubEventTypes.SurveySent, MessageId = m.Id, Channel = m.Channel, At = at, Summary = canReply ? "Отправлен опрос удовлетворённости" : "Опрос удовлетворённости: нет канала доставки" };
            OutboxDelivery? delivery = canReply
                ? new OutboxDelivery
                {
                    Id = survey.DeliveryId!, MessageId = m.Id, Channel = m.Channel, ExternalId = m.ExternalId, Kind = DeliveryKind,
                    Text = text, Status = MessageStatusNames.ToWire(m.Status), ChangedAt = at, State = DeliveryState.Pending, NextAttemptAt = at,
                }
                : null;
            return new MessageUpdate([entry], [e], delivery is null ? [] : [delivery]);
        }, cancellationToken).ConfigureAwait(false);
        SurveySent(_logger, message.Id, survey.Delivery);
        return true;
    }

    private Task<HubMessage?> RecordChannelRatingAsync(string messageId, int score, CancellationToken cancellationToken) =>
        _operations.WriteAsync(messageId, (m, at) =>
        {
            if (m.Satisfaction is not null)
                return null;
            m.Satisfaction = score;
            var entry = new MessageHistoryEntry
            {
                MessageId = m.Id, At = at, Actor = "system", Action = "satisfaction", Comment = "Оценка жителя из канала",
                Changes = [FieldChange.Of("satisfaction", null, score)],
            };
            var e = new HubEvent { Type = HubEventTypes.SatisfactionRecorded, MessageId = m.Id, Channel = m.Channel, At = at, Summary = $"Оценка жителя из канала: {score} из 5" };
            return new MessageUpdate([entry], [e], []);
        }, cancellationToken);

    private string LinkOf(string token) => $"{(_options.PublicBaseUrl ?? "").TrimEnd('/')}/survey/{token}";

    private string SummaryOf(HubMessage message)
    {
        var date = TimeZoneInfo.ConvertTime(message.ReceivedAt, _calendar.TimeZone).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
        var topic = (message.Category ?? message.Block) is { } code ? _directory.FindCategory(code)?.Name ?? code : null;
        return topic is null ? $"Сообщение от {date}" : $"Сообщение от {date}, тема «{topic}»";
    }

    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Satisfaction survey of message {MessageId} created ({Delivery})")]
    private static partial void SurveySent(ILogger logger, string messageId, string delivery);

    [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "Message {MessageId} rated «not solved» was not reopened: {Reason}")]
    private static partial void ReopenSkipped(ILogger logger, string messageId, string reason);
}

using System.Globalization;
using System.Text.RegularExpressions;
using MCU.Hub.Deadlines.Calendar;
using MCU.Hub.Intake;
using MCU.Hub.Kpi;
using MCU.Hub.Messages;
using MCU.Hub.Records;
using MCU.Hub.Storage;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Informing;

/// <summary>
/// Informing citizens through official pages (информирование): links publications to the decisions they report, so
/// target indicator 4 counts them, and shows which pages fell below the weekly norm of publications.
/// </summary>
/// <remarks>
/// Pages and publications are the channel records <c>page</c> and <c>publication</c> of the «Госпаблики» connector;
/// records carry no municipality of their own, they are their channel's (<see cref="Tenants.TenantDirectory.ForChannel"/>).
/// A publication may name its decision itself (<c>reports_on</c>); a link covers the publications that do not.
/// </remarks>
public sealed partial class InformingService : IDecisionReportLinks
{
    private const int PageSize = 1_000;
    private readonly IHubStore _store;
    private readonly IDocumentStore _documents;
    private readonly Tenants.TenantDirectory _tenants;
    private readonly WorkingCalendar _calendar;
    private readonly TimeProvider _time;
    private readonly InformingOptions _options;

    /// <summary>Creates the service.</summary>
    /// <param name="store">The hub store, for records and messages.</param>
    /// <param name="documents">The document store that keeps links.</param>
    /// <param name="tenants">The municipalities.</param>
    /// <param name="calendar">The working calendar, for the municipality's time zone.</param>
    /// <param name="time">The clock.</param>
    /// <param name="options">The options.</param>
    public InformingService(IHubStore store, IDocumentStore documents, Tenants.TenantDirectory tenants, WorkingCalendar calendar, TimeProvider time, IOptions<InformingOptions> options)
    {
        _store = store;
        _documents = documents;
        _tenants = tenants;
        _calendar = calendar;
        _time = time;
        _options = options.Value;
    }

    /// <summary>Gets the options in force.</summary>
    public InformingOptions Options => _options;

    /// <summary>Links a publication to what it reports on; linking again returns the existing link.</summary>
    /// <param name="publicationId">The publication's id in its channel.</param>
    /// <param name="target">What it reports on.</param>
    /// <param name="targetId">The decision record's, roadmap's or message's id.</param>
    /// <param name="actor">Who links it.</param>
    /// <param name="visible">The municipalities the caller sees, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns>The link.</returns>
    /// <exception cref="HubValidationException">An unknown publication or target, or a message not answered yet.</exception>
    public async Task<PublicationLink> LinkAsync(string publicationId, PublicationLinkTarget target, string targetId, string actor, IReadOnlyCollection<string>? visible, CancellationToken cancellationToken)
    {
        var publication = await FindPublicationAsync(publicationId, visible, cancellationToken).ConfigureAwait(false);
        var tenant = _tenants.ForChannel(publication.Channel);
        targetId = await ValidateTargetAsync(target, targetId, tenant, cancellationToken).ConfigureAwait(false);

        var id = PublicationLink.IdOf(publication.ExternalId, target, targetId);
        if (await _documents.GetAsync<PublicationLink>(id, cancellationToken).ConfigureAwait(false) is { } existing)
            return existing;
        var link = new PublicationLink
        {
            Id = id, Tenant = tenant, PublicationId = publication.ExternalId, Channel = publication.Channel,
            PageId = publication.Fields.GetValueOrDefault("page_id"), Target = target, TargetId = targetId,
            LinkedBy = actor, LinkedAt = _time.GetUtcNow(),
        };
        if (!await _documents.SaveAsync(link, cancellationToken).ConfigureAwait(false))
            return await _documents.GetAsync<PublicationLink>(id, cancellationToken).ConfigureAwait(false) ?? link;
        return link;
    }

    /// <summary>Removes a link.</summary>
    /// <param name="publicationId">The publication's id.</param>
    /// <param name="target">What it reported on.</param>
    /// <param name="targetId">The target's id.</param>
    /// <param name="visible">The municipalities the caller sees, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns><see langword="true"/> when a link was removed; <see langword="false"/> when there was none.</returns>
    public async Task<bool> UnlinkAsync(string publicationId, PublicationLinkTarget target, string targetId, IReadOnlyCollection<string>? visible, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(publicationId))
            throw new HubValidationException("publication_id", "не указана публикация");
        if (target == PublicationLinkTarget.None || !Enum.IsDefined(target))
            throw new HubValidationException("target", "не указано, о чём публикация: pos_decision, roadmap или message");
        var link = await _documents.GetAsync<PublicationLink>(PublicationLink.IdOf(publicationId.Trim(), target, (targetId ?? "").Trim()), cancellationToken).ConfigureAwait(false);
        if (link is null || (visible is not null && !visible.Contains(_tenants.Normalize(link.Tenant))))
            return false;
        return await _documents.DeleteAsync(link, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists links in the order of their ids.</summary>
    /// <param name="visible">The municipalities, or <see langword="null"/> for all.</param>
    /// <param name="publicationId">Only this publication's links, or <see langword="null"/>.</param>
    /// <param name="after">The id after which to start, or <see langword="null"/>.</param>
    /// <param name="limit">The most links to return.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The links.</returns>
    public Task<IReadOnlyList<PublicationLink>> ListAsync(IReadOnlyCollection<string>? visible, string? publicationId, string? after, int limit, CancellationToken cancellationToken) =>
        _documents.ListAsync<PublicationLink>(new DocumentQuery { Tenants = visible ?? [], Key = string.IsNullOrWhiteSpace(publicationId) ? null : publicationId, After = after, Limit = limit }, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<IReadOnlySet<string>> GetLinkedDecisionsAsync(IReadOnlyCollection<string>? tenants, CancellationToken cancellationToken)
    {
        var decisions = new HashSet<string>(StringComparer.Ordinal);
        string? after = null;
        while (true)
        {
            var page = await ListAsync(tenants, null, after, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var link in page.Where(l => l.Target == PublicationLinkTarget.PosDecision))
                decisions.Add(link.TargetId);
            if (page.Count < PageSize)
                return decisions;
            after = page[^1].Id;
        }
    }

    /// <summary>
    /// Counts the publications of every official page per ISO week (Monday to Sunday, the municipality's time) from the
    /// week of <paramref name="from"/> to the week of <paramref name="to"/>, marking the weeks below the norm.
    /// </summary>
    /// <param name="from">A day of the first week.</param>
    /// <param name="to">A day of the last week.</param>
    /// <param name="visible">The municipalities, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The report.</returns>
    /// <exception cref="HubValidationException">The period is reversed or longer than 53 weeks.</exception>
    public async Task<WeeklyPagesReport> WeeklyPagesAsync(DateOnly from, DateOnly to, IReadOnlyCollection<string>? visible, CancellationToken cancellationToken)
    {
        if (to < from)
            throw new HubValidationException("to", "конец периода раньше начала");
        var first = MondayOf(from);
        var last = MondayOf(to);
        if (last.DayNumber - first.DayNumber > 52 * 7)
            throw new HubValidationException("to", "период не длиннее 53 недель");
        var weeks = new List<IsoWeek>();
        for (var monday = first; monday <= last; monday = monday.AddDays(7))
        {
            var day = monday.ToDateTime(TimeOnly.MinValue);
            weeks.Add(new IsoWeek(ISOWeek.GetYear(day), ISOWeek.GetWeekOfYear(day), monday));
        }

        var start = LocalMidnight(first);
        var end = LocalMidnight(last.AddDays(7));
        var pages = (await _store.ListRecordsAsync(new RecordQuery { Type = "page", Limit = int.MaxValue }, cancellationToken).ConfigureAwait(false))
            .Where(p => Visible(p, visible)).ToList();
        // Publications are read a day wider on each side: the record's time may be its last change, not its publication.
        var publications = await _store.ListRecordsAsync(new RecordQuery { Type = "publication", From = start.AddDays(-1), Limit = int.MaxValue }, cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<(string Channel, string Page, DateOnly Monday), int>();
        foreach (var p in publications)
        {
            if (!Visible(p, visible) || p.Fields.GetValueOrDefault("page_id") is not { Length: > 0 } page)
                continue;
            var at = p.Fields.TryGetValue("published_at", out var text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var published) ? published : p.OccurredAt;
            if (at < start || at >= end)
                continue;
            var key = (p.Channel, page, MondayOf(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, _calendar.TimeZone).DateTime)));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        var norm = _options.WeeklyPublicationNorm;
        var rows = pages
            .OrderBy(p => p.Channel, StringComparer.Ordinal).ThenBy(p => p.ExternalId, StringComparer.Ordinal)
            .Select(p => new PageWeeks(
                p.ExternalId, p.Channel, p.Fields.GetValueOrDefault("name") ?? p.ExternalId, p.Fields.GetValueOrDefault("owner"),
                string.Equals(p.Fields.GetValueOrDefault("verified"), "true", StringComparison.OrdinalIgnoreCase),
                [.. weeks.Select(w => Count(w, counts.GetValueOrDefault((p.Channel, p.ExternalId, w.Monday))))]))
            .ToList();
        return new WeeklyPagesReport(norm, weeks, rows);

        WeekCount Count(IsoWeek week, int n) => new(week, n, n < norm);
    }

    private bool Visible(StoredRecord record, IReadOnlyCollection<string>? visible) =>
        visible is null || visible.Contains(_tenants.ForChannel(record.Channel));

    private async Task<StoredRecord> FindPublicationAsync(string publicationId, IReadOnlyCollection<string>? visible, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(publicationId))
            throw new HubValidationException("publication_id", "не указана публикация");
        publicationId = publicationId.Trim();
        var found = (await _store.ListRecordsAsync(new RecordQuery { Type = "publication", Limit = int.MaxValue }, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(r => r.ExternalId == publicationId && Visible(r, visible));
        return found ?? throw new HubValidationException("publication_id", $"публикация '{publicationId}' не найдена");
    }

    private async Task<string> ValidateTargetAsync(PublicationLinkTarget target, string targetId, string tenant, CancellationToken cancellationToken)
    {
        targetId = (targetId ?? "").Trim();
        if (targetId.Length == 0)
            throw new HubValidationException("target_id", "не указано, о каком решении публикация");
        switch (target)
        {
            case PublicationLinkTarget.PosDecision:
                foreach (var type in TargetIndicators.DecisionRecordTypes)
                {
                    var records = await _store.ListRecordsAsync(new RecordQuery { Type = type, Limit = int.MaxValue }, cancellationToken).ConfigureAwait(false);
                    if (records.Any(r => r.ExternalId == targetId && _tenants.ForChannel(r.Channel) == tenant))
                        return targetId;
                }

                throw new HubValidationException("target_id", $"решение ПОС '{targetId}' (голосование, опрос или обсуждение) не найдено");
            case PublicationLinkTarget.Roadmap:
                return RoadmapId().IsMatch(targetId) ? targetId : throw new HubValidationException("target_id", $"недопустимый идентификатор дорожной карты '{targetId}'");
            case PublicationLinkTarget.Message:
                var message = await _store.GetMessageAsync(targetId, cancellationToken).ConfigureAwait(false);
                if (message is null || _tenants.Normalize(message.Tenant) != tenant)
                    throw new HubValidationException("target_id", $"сообщение '{targetId}' не найдено");
                if (message.Status is not (MessageStatus.Answered or MessageStatus.Closed))
                    throw new HubValidationException("target_id", $"проблема сообщения '{targetId}' ещё не решена (статус {message.Status})");
                return targetId;
            default:
                throw new HubValidationException("target", "не указано, о чём публикация: pos_decision, roadmap или message");
        }
    }

    private static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private DateTimeOffset LocalMidnight(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, _calendar.TimeZone.GetUtcOffset(local));
    }

    [GeneratedRegex(@"^[\p{L}\p{N}._:-]{1,100}$")]
    private static partial Regex RoadmapId();
}

using MCU.Hub.Analytics;
using MCU.Hub.Deadlines.Calendar;
using MCU.Hub.Directories;
using MCU.Hub.Events;
using MCU.Hub.Intake;
using MCU.Hub.Kpi;
using MCU.Hub.Messages;
using MCU.Hub.Storage;
using MCU.Hub.Tenants;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Roadmaps;

/// <summary>
/// Creates and changes roadmaps (дорожные карты): from a chosen group of messages or from a growth alert, with measures
/// that have an owner, a due date and a state, and the linked messages.
/// </summary>
/// <remarks>
/// <para>
/// When every measure is done (cancelled ones aside, at least one done) the roadmap is implemented, and each linked
/// message gets <see cref="HubMessage.RoadmapImplementedAt"/> through the message's own atomic change path (a history
/// entry and an event each), so it counts for KPI 5. A message linked later to an implemented roadmap gets the time it
/// was linked. A measure reopened (or a new one added) reopens the roadmap and clears the time on its messages: the
/// indicator counts messages whose causes are removed, and a report already stored keeps the figures it had.
/// </para>
/// <para>
/// A message belongs to at most one roadmap. The roadmap is saved first, then its messages follow it; every change
/// brings the messages it concerns to the roadmap's state again, so repeating a change that stopped half-way completes it.
/// Another municipality's roadmap or message is reported as missing, like an unknown one.
/// </para>
/// </remarks>
public sealed class RoadmapService
{
    private const int MaxConflictRetries = 8;
    private const int MaxTextLength = 4_000;
    private readonly IDocumentStore _documents;
    private readonly IHubStore _store;
    private readonly MessageOperations _messages;
    private readonly ProblemAnalytics _analytics;
    private readonly HubDirectory _directory;
    private readonly TenantDirectory _tenants;
    private readonly WorkingCalendar _calendar;
    private readonly HubEventFeed _feed;
    private readonly TimeProvider _time;
    private readonly RoadmapOptions _options;

    /// <summary>Creates the service.</summary>
    /// <param name="documents">The document store that keeps roadmaps.</param>
    /// <param name="store">The hub store, for messages and events.</param>
    /// <param name="messages">The message operations, through which linked messages change.</param>
    /// <param name="analytics">The problem analytics, for growth alerts.</param>
    /// <param name="directory">The directory, whose recipients own measures.</param>
    /// <param name="tenants">The municipalities.</param>
    /// <param name="calendar">The working calendar, for the municipality's local day.</param>
    /// <param name="feed">The event feed.</param>
    /// <param name="time">The clock.</param>
    /// <param name="options">The roadmap options.</param>
    public RoadmapService(
        IDocumentStore documents,
        IHubStore store,
        MessageOperations messages,
        ProblemAnalytics analytics,
        HubDirectory directory,
        TenantDirectory tenants,
        WorkingCalendar calendar,
        HubEventFeed feed,
        TimeProvider time,
        IOptions<RoadmapOptions> options)
    {
        _documents = documents;
        _store = store;
        _messages = messages;
        _analytics = analytics;
        _directory = directory;
        _tenants = tenants;
        _calendar = calendar;
        _feed = feed;
        _time = time;
        _options = options.Value;
    }

    /// <summary>Creates a roadmap for a chosen group of messages of the municipality.</summary>
    /// <param name="tenant">The municipality.</param>
    /// <param name="title">The title.</param>
    /// <param name="rootCause">The root cause.</param>
    /// <param name="messageIds">The messages; at least one, none on another roadmap.</param>
    /// <param name="actor">Who creates it.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns>The roadmap.</returns>
    /// <exception cref="HubValidationException">A field is invalid; the exception names it.</exception>
    /// <exception cref="MessageNotFoundException">A message is unknown or another municipality's.</exception>
    public async Task<Roadmap> CreateFromMessagesAsync(string tenant, string title, string rootCause, IReadOnlyList<string> messageIds, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        var t = _tenants.Normalize(tenant);
        CheckText("title", title, "название дорожной карты");
        CheckText("root_cause", rootCause, "первопричина");
        var ids = Distinct(messageIds);
        if (ids.Count == 0)
            throw new HubValidationException("message_ids", "не выбрано ни одного сообщения");
        var messages = await LoadLinkableAsync(t, null, ids, cancellationToken).ConfigureAwait(false);
        var blocks = messages.Select(m => m.Block).Distinct().ToList();
        return await CreateAsync(t, title, rootCause, blocks is [{ } block] ? block : null, null, ids, actor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates a roadmap from a growth alert: the alert of <paramref name="dimension"/> and <paramref name="key"/> that
    /// growth detection finds now over <paramref name="window"/>, its dimension, key and window recorded, its messages linked.
    /// </summary>
    /// <param name="tenant">The municipality.</param>
    /// <param name="window">The window observed, as for the growth alerts.</param>
    /// <param name="slice">Narrows the flow, as for the growth alerts (the municipality is set here).</param>
    /// <param name="dimension">The alert's dimension.</param>
    /// <param name="key">The alert's code.</param>
    /// <param name="title">The title; empty for one made from the alert.</param>
    /// <param name="rootCause">The root cause.</param>
    /// <param name="actor">Who creates it.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns>The roadmap.</returns>
    /// <exception cref="HubValidationException">A field is invalid, or there is no such alert (field <c>key</c>).</exception>
    public async Task<Roadmap> CreateFromGrowthAlertAsync(string tenant, KpiPeriod window, KpiSlice slice, GrowthDimension dimension, string key, string title, string rootCause, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slice);
        var t = _tenants.Normalize(tenant);
        if (!Enum.IsDefined(dimension) || dimension == GrowthDimension.Channel)
            throw new HubValidationException("dimension", "разрез всплеска: category, block или territory");
        if (string.IsNullOrWhiteSpace(key))
            throw new HubValidationException("key", "код всплеска (категории, блока или территории) не указан");
        CheckText("root_cause", rootCause, "первопричина");
        var alerts = await _analytics.DetectGrowthAsync(window, slice with { Tenants = [t] }, null, cancellationToken).ConfigureAwait(false);
        var alert = alerts.FirstOrDefault(a => a.Dimension == dimension && a.Key == key)
            ?? throw new HubValidationException("key", $"всплеска по «{key}» ({dimension.ToString().ToLowerInvariant()}) за {window.From:yyyy-MM-dd}…{window.To:yyyy-MM-dd} нет");
        if (string.IsNullOrWhiteSpace(title))
            title = $"Рост обращений: {key} ({window.From:dd.MM.yyyy}–{window.To:dd.MM.yyyy})";
        CheckText("title", title, "название дорожной карты");
        var ids = Distinct(alert.MessageIds);
        var messages = await LoadLinkableAsync(t, null, ids, cancellationToken, skipLinked: true).ConfigureAwait(false);
        var block = dimension switch
        {
            GrowthDimension.Block => key,
            GrowthDimension.Category => _directory.BlockOf(key),
            _ => null,
        };
        var growth = new RoadmapGrowthSource
        {
            Dimension = dimension.ToString().ToLowerInvariant(), Key = key, From = window.From, To = window.To, Observed = alert.Observed, Expected = alert.Expected,
        };
        return await CreateAsync(t, title, rootCause, block, growth, [.. messages.Select(m => m.Id)], actor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a roadmap of the municipality.</summary>
    /// <param name="tenant">The municipality.</param>
    /// <param name="id">The roadmap's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The roadmap.</returns>
    /// <exception cref="RoadmapNotFoundException">There is none, or it is another municipality's.</exception>
    public async Task<Roadmap> GetAsync(string tenant, string id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(id))
            throw new HubValidationException("id", "идентификатор дорожной карты не указан");
        var t = _tenants.Normalize(tenant);
        var found = await _documents.GetAsync<Roadmap>(id, cancellationToken).ConfigureAwait(false);
        return found is not null && found.Tenant == t ? found : throw new RoadmapNotFoundException(id);
    }

    /// <summary>Lists the municipality's roadmaps, newest first.</summary>
    /// <param name="tenant">The municipality.</param>
    /// <param name="state">Only roadmaps in this state; <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The roadmaps.</returns>
    public async Task<IReadOnlyList<Roadmap>> ListAsync(string tenant, RoadmapState? state, CancellationToken cancellationToken)
    {
        var all = await ListAllAsync([_tenants.Normalize(tenant)], cancellationToken).ConfigureAwait(false);
        return [.. all.Where(r => state is null || r.State == state).OrderByDescending(r => r.Id, StringComparer.Ordinal)];
    }

    /// <summary>Adds a measure to a roadmap; an implemented roadmap opens again.</summary>
    /// <param name="tenant">The municipality.</param>
    /// <param name="id">The roadmap's id.</param>
    /// <param name="title">What is done.</param>
    /// <param name="owner">The responsible recipient's code.</param>
    /// <param name="dueDate">The last day; not in the past.</param>
    /// <param name="actor">Who adds it.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns>The roadmap.</returns>
    /// <exception cref="HubValidationException">A field is invalid; the exception names it.</exception>
    /// <exception cref="RoadmapNotFoundException">There is no such roadmap.</exception>
    public Task<Roadmap> AddMeasureAsync(string tenant, string id, string title, string owner, DateOnly dueDate, string actor, CancellationToken cancellationToken)
    {
        CheckText("title", title, "мероприятие");
        CheckOwner(owner);
        CheckDueDate(dueDate);
        return ChangeAsync(tenant, id, actor, (r, now, events) =>
        {
            if (r.Measures.Count >= _options.MaxMeasures)
                throw new HubValidationException("roadmap_id", $"в дорожной карте уже {r.Measures.Count} мероприятий — больше нельзя");
            var measure = new RoadmapMeasure { Id = $"m{r.Measures.Count + 1}", Title = title.Trim(), Owner = owner.Trim(), DueDate = dueDate, State = MeasureState.Planned };
            r.Measures.Add(measure);
            Record(r, now, actor, "measure_added", $"Мероприятие {measure.Id} «{measure.Title}», ответственный {measure.Owner}, срок {measure.DueDate:dd.MM.yyyy}");
            events.Add(Event(r, HubEventTypes.RoadmapUpdated, now, $"Дорожная карта «{r.Title}»: добавлено мероприятие «{measure.Title}»"));
            return [];
        }, cancellationToken);
    }

    /// <summary>Changes a measure: its title, owner, due date or state. A new due date allows one new escalation.</summary>
    /// <param name="tenant">The municipality.</param>
    /// <param name="id">The roadmap's id.</param>
    /// <param name="measureId">The measure's id.</param>
    /// <param name="change">What changes; <see langword="null"/> members stay.</param>
    /// <param name="actor">Who changes it.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns>The roadmap.</returns>
    /// <exception cref="HubValidationException">A field is invalid, or nothing changes; the exception names the field.</exception>
    /// <exception cref="RoadmapNotFoundException">There is no such roadmap.</exception>
    public Task<Roadmap> UpdateMeasureAsync(string tenant, string id, string measureId, MeasureChange change, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (string.IsNullOrWhiteSpace(measureId))
            throw new HubValidationException("measure_id", "мероприятие не указано");
        if (change.Title is not null)
            CheckText("title", change.Title, "мероприятие");
        if (change.Owner is not null)
            CheckOwner(change.Owner);
        if (change.DueDate is { } due)
            CheckDueDate(due);
        if (change.State is { } s && !Enum.IsDefined(s))
            throw new HubValidationException("state", $"неизвестное состояние мероприятия '{(int)s}'");

        return ChangeAsync(tenant, id, actor, (r, now, events) =>
        {
            var m = r.Measures.Find(x => x.Id == measureId) ?? throw new HubValidationException("measure_id", $"мероприятия «{measureId}» в дорожной карте нет");
            var parts = new List<string>();
            if (change.Title is { } title && title.Trim() != m.Title)
            {
                m.Title = title.Trim();
                parts.Add($"название «{m.Title}»");
            }

            if (change.Owner is { } owner && owner.Trim() != m.Owner)
            {
                m.Owner = owner.Trim();
                parts.Add($"ответственный {m.Owner}");
            }

            if (change.DueDate is { } dueDate && dueDate != m.DueDate)
            {
                m.DueDate = dueDate;
                m.Escalation = null;
                parts.Add($"срок {dueDate:dd.MM.yyyy}");
            }

            if (change.State is { } state && state != m.State)
            {
                parts.Add($"состояние {m.State} → {state}");
                m.State = state;
                m.DoneAt = state == MeasureState.Done ? now : null;
            }

            if (parts.Count == 0)
                throw new HubValidationException("measure_id", $"мероприятие «{measureId}» уже такое: изменять нечего");
            var comment = $"Мероприятие {m.Id}: {string.Join(", ", parts)}" + (string.IsNullOrWhiteSpace(change.Comment) ? "" : $" ({change.Comment.Trim()})");
            Record(r, now, actor, "measure_changed", comment);
            events.Add(Event(r, HubEventTypes.RoadmapUpdated, now, $"Дорожная карта «{r.Title}»: {comment}"));
            return [];
        }, cancellationToken);
    }

    /// <summary>Links messages of the municipality to a roadmap; linked to an implemented one, they count for KPI 5 from now.</summary>
    /// <param name="tenant">The municipality.</param>
    /// <param name="id">The roadmap's id.</param>
    /// <param name="messageIds">The messages; none on another roadmap.</param>
    /// <param name="actor">Who links them.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns>The roadmap.</returns>
    /// <exception cref="HubValidationException">No message, or one on another roadmap.</exception>
    /// <exception cref="MessageNotFoundException">A message is unknown or another municipality's.</exception>
    /// <exception cref="RoadmapNotFoundException">There is no such roadmap.</exception>
    public async Task<Roadmap> LinkMessagesAsync(string tenant, string id, IReadOnlyList<string> messageIds, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        var ids = Distinct(messageIds);
        if (ids.Count == 0)
            throw new HubValidationException("message_ids", "не выбрано ни одного сообщения");
        var current = await GetAsync(tenant, id, cancellationToken).ConfigureAwait(false);
        await LoadLinkableAsync(current.Tenant, current.Id, ids, cancellationToken).ConfigureAwait(false);
        return await ChangeAsync(tenant, id, actor, (r, now, events) =>
        {
            var added = ids.Where(m => !r.MessageIds.Contains(m)).ToList();
            if (r.MessageIds.Count + added.Count > _options.MaxMessages)
                throw new HubValidationException("message_ids", $"с дорожной картой можно связать не больше {_options.MaxMessages} сообщений");
            r.MessageIds.AddRange(added);
            if (added.Count > 0)
            {
                Record(r, now, actor, "linked", $"Связаны сообщения: {string.Join(", ", added)}");
                events.Add(Event(r, HubEventTypes.RoadmapUpdated, now, $"Дорожная карта «{r.Title}»: связано сообщений {added.Count}"));
            }

            return [.. ids];
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Unlinks messages from a roadmap; they no longer count for KPI 5 through it.</summary>
    /// <param name="tenant">The municipality.</param>
    /// <param name="id">The roadmap's id.</param>
    /// <param name="messageIds">The messages; each linked to this roadmap.</param>
    /// <param name="actor">Who unlinks them.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns>The roadmap.</returns>
    /// <exception cref="HubValidationException">No message, or one not linked to the roadmap.</exception>
    /// <exception cref="RoadmapNotFoundException">There is no such roadmap.</exception>
    public async Task<Roadmap> UnlinkMessagesAsync(string tenant, string id, IReadOnlyList<string> messageIds, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        var ids = Distinct(messageIds);
        if (ids.Count == 0)
            throw new HubValidationException("message_ids", "не выбрано ни одного сообщения");
        var roadmap = await ChangeAsync(tenant, id, actor, (r, now, events) =>
        {
            if (ids.FirstOrDefault(m => !r.MessageIds.Contains(m)) is { } stranger)
                throw new HubValidationException("message_ids", $"сообщение «{stranger}» не связано с этой дорожной картой");
            r.MessageIds.RemoveAll(ids.Contains);
            Record(r, now, actor, "unlinked", $"Отвязаны сообщения: {string.Join(", ", ids)}");
            events.Add(Event(r, HubEventTypes.RoadmapUpdated, now, $"Дорожная карта «{r.Title}»: отвязано сообщений {ids.Count}"));
            return [];
        }, cancellationToken).ConfigureAwait(false);
        foreach (var messageId in ids)
        {
            var message = await _store.GetMessageAsync(messageId, cancellationToken).ConfigureAwait(false);
            if (message is not null && message.RoadmapId == roadmap.Id)
                await _messages.SetRoadmapAsync(messageId, null, null, $"Отвязано от дорожной карты «{roadmap.Title}»", actor, cancellationToken).ConfigureAwait(false);
        }

        return roadmap;
    }

    /// <summary>Raises the escalation of every measure past its due date and not done, once per due date.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>How many measures were escalated now.</returns>
    public async Task<int> EscalateOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var raised = 0;
        foreach (var roadmap in await ListAllAsync([], cancellationToken).ConfigureAwait(false))
        {
            if (!roadmap.Measures.Any(m => IsOverdue(m, now)))
                continue;
            var inRoadmap = 0;
            await ChangeAsync(roadmap.Tenant, roadmap.Id, "system", (r, at, events) =>
            {
                inRoadmap = 0;
                foreach (var m in r.Measures.Where(m => IsOverdue(m, now)))
                {
                    var block = SuperiorBlock(r, m);
                    m.Escalation = new MeasureEscalation { Target = block is null ? "mcu-head" : "block-head", Block = block, At = at };
                    var whom = block is null ? "руководителю МЦУ" : $"руководителю блока {block}";
                    var text = $"Мероприятие {m.Id} «{m.Title}» не выполнено в срок {m.DueDate:dd.MM.yyyy} (ответственный {m.Owner}) → {whom}";
                    Record(r, at, "system", "escalated", text);
                    events.Add(Event(r, HubEventTypes.RoadmapMeasureEscalated, at, $"Дорожная карта «{r.Title}»: {text}"));
                    inRoadmap++;
                }

                return [];
            }, cancellationToken, allowUnchanged: true).ConfigureAwait(false);
            raised += inRoadmap;
        }

        return raised;
    }

    /// <summary>
    /// The thematic block whose head is the owner's superior: the owner's only block, or the roadmap's block when the
    /// owner has several (or none) and it is one of them; <see langword="null"/> for the МЦУ head.
    /// </summary>
    private string? SuperiorBlock(Roadmap r, RoadmapMeasure m)
    {
        var blocks = _directory.FindRecipient(m.Owner)?.Blocks ?? [];
        return blocks switch
        {
            [var only] => only,
            [] => r.Block,
            _ => r.Block is { } b && blocks.Contains(b) ? b : null,
        };
    }

    private bool IsOverdue(RoadmapMeasure m, DateTimeOffset now) =>
        m.State is MeasureState.Planned or MeasureState.InProgress && m.Escalation is null && now >= EndOfLocalDay(m.DueDate);

    private DateTimeOffset EndOfLocalDay(DateOnly day)
    {
        var midnight = day.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, _calendar.TimeZone.GetUtcOffset(midnight));
    }

    private async Task<Roadmap> CreateAsync(string tenant, string title, string rootCause, string? block, RoadmapGrowthSource? growth, List<string> ids, string actor, CancellationToken cancellationToken)
    {
        if (ids.Count > _options.MaxMessages)
            throw new HubValidationException("message_ids", $"с дорожной картой можно связать не больше {_options.MaxMessages} сообщений");
        var now = _time.GetUtcNow();
        var roadmap = new Roadmap
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            Tenant = tenant,
            Title = title.Trim(),
            RootCause = rootCause.Trim(),
            Block = block,
            Growth = growth,
            MessageIds = ids,
            CreatedAt = now,
            CreatedBy = actor,
            UpdatedAt = now,
        };
        var origin = growth is null ? "по выбранным сообщениям" : $"по всплеску {growth.Dimension} «{growth.Key}» за {growth.From:dd.MM.yyyy}–{growth.To:dd.MM.yyyy}";
        Record(roadmap, now, actor, "created", $"Создана {origin}; связано сообщений: {ids.Count}");
        if (!await _documents.SaveAsync(roadmap, cancellationToken).ConfigureAwait(false))
            throw new InvalidOperationException($"Дорожная карта «{roadmap.Id}» уже есть.");
        await PublishAsync([Event(roadmap, HubEventTypes.RoadmapCreated, now, $"Создана дорожная карта «{roadmap.Title}» {origin}")], cancellationToken).ConfigureAwait(false);
        await SyncMessagesAsync(roadmap, ids, now, actor, cancellationToken).ConfigureAwait(false);
        return roadmap;
    }

    /// <summary>
    /// Reads, changes and saves a roadmap (retrying on a concurrent save), moves it between open and implemented, then
    /// brings the messages concerned to its state.
    /// </summary>
    private async Task<Roadmap> ChangeAsync(string tenant, string id, string actor, Func<Roadmap, DateTimeOffset, List<HubEvent>, List<string>> change, CancellationToken cancellationToken, bool allowUnchanged = false)
    {
        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            var roadmap = await GetAsync(tenant, id, cancellationToken).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            var events = new List<HubEvent>();
            var concerned = change(roadmap, now, events);
            if (events.Count == 0 && allowUnchanged)
                return roadmap;
            var wasImplemented = roadmap.State == RoadmapState.Implemented;
            var implemented = roadmap.Measures.Count > 0
                && roadmap.Measures.TrueForAll(m => m.State is MeasureState.Done or MeasureState.Cancelled)
                && roadmap.Measures.Exists(m => m.State == MeasureState.Done);
            if (implemented && !wasImplemented)
            {
                (roadmap.State, roadmap.ImplementedAt) = (RoadmapState.Implemented, now);
                Record(roadmap, now, actor, "implemented", $"Все мероприятия выполнены; связанные сообщения ({roadmap.MessageIds.Count}) учитываются в показателе 5");
                events.Add(Event(roadmap, HubEventTypes.RoadmapImplemented, now, $"Дорожная карта «{roadmap.Title}» реализована"));
            }
            else if (!implemented && wasImplemented)
            {
                (roadmap.State, roadmap.ImplementedAt) = (RoadmapState.Open, null);
                Record(roadmap, now, actor, "reopened", "Есть невыполненные мероприятия; связанные сообщения больше не учитываются в показателе 5");
                events.Add(Event(roadmap, HubEventTypes.RoadmapReopened, now, $"Дорожная карта «{roadmap.Title}» снова в работе"));
            }

            roadmap.UpdatedAt = now;
            if (!await _documents.SaveAsync(roadmap, cancellationToken).ConfigureAwait(false))
                continue;
            await PublishAsync(events, cancellationToken).ConfigureAwait(false);
            var sync = implemented != wasImplemented ? roadmap.MessageIds : concerned;
            await SyncMessagesAsync(roadmap, sync, now, actor, cancellationToken).ConfigureAwait(false);
            return roadmap;
        }

        throw new Messages.ConcurrentChangeException($"Дорожная карта «{id}» одновременно изменяется другими; повторите позже.");
    }

    /// <summary>Brings linked messages to the roadmap's state: linked, and implemented when the roadmap is.</summary>
    private async Task SyncMessagesAsync(Roadmap roadmap, IReadOnlyList<string> messageIds, DateTimeOffset now, string actor, CancellationToken cancellationToken)
    {
        foreach (var messageId in messageIds)
        {
            if (!roadmap.MessageIds.Contains(messageId))
                continue;
            var message = await _store.GetMessageAsync(messageId, cancellationToken).ConfigureAwait(false);
            if (message is null || message.Tenant != roadmap.Tenant || (message.RoadmapId is { } other && other != roadmap.Id))
                continue;
            DateTimeOffset? implementedAt = roadmap.ImplementedAt is { } done
                ? message.RoadmapId == roadmap.Id && message.RoadmapImplementedAt is { } kept ? kept : Max(done, now)
                : null;
            var comment = implementedAt is not null
                ? $"Мероприятия дорожной карты «{roadmap.Title}» реализованы"
                : message.RoadmapId == roadmap.Id && message.RoadmapImplementedAt is not null
                    ? $"Дорожная карта «{roadmap.Title}» снова в работе"
                    : $"Связано с дорожной картой «{roadmap.Title}»";
            await _messages.SetRoadmapAsync(messageId, roadmap.Id, implementedAt, comment, actor, cancellationToken).ConfigureAwait(false);
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;

    /// <summary>Loads messages to link: each must be the municipality's, and on no other roadmap (or skipped, for an alert).</summary>
    private async Task<List<HubMessage>> LoadLinkableAsync(string tenant, string? roadmapId, List<string> ids, CancellationToken cancellationToken, bool skipLinked = false)
    {
        var result = new List<HubMessage>(ids.Count);
        foreach (var id in ids)
        {
            var message = await _store.GetMessageAsync(id, cancellationToken).ConfigureAwait(false);
            if (message is null || message.Tenant != tenant)
                throw new MessageNotFoundException(id);
            if (message.RoadmapId is { } other && other != roadmapId)
            {
                if (skipLinked)
                    continue;
                throw new HubValidationException("message_ids", $"сообщение «{id}» уже связано с дорожной картой «{other}»; сначала отвяжите его");
            }

            result.Add(message);
        }

        return result;
    }

    private async Task<List<Roadmap>> ListAllAsync(IReadOnlyCollection<string> tenants, CancellationToken cancellationToken)
    {
        const int page = 500;
        var all = new List<Roadmap>();
        string? after = null;
        while (true)
        {
            var batch = await _documents.ListAsync<Roadmap>(new DocumentQuery { Tenants = tenants, After = after, Limit = page }, cancellationToken).ConfigureAwait(false);
            all.AddRange(batch);
            if (batch.Count < page)
                return all;
            after = batch[^1].Id;
        }
    }

    private async Task PublishAsync(List<HubEvent> events, CancellationToken cancellationToken)
    {
        long last = 0;
        foreach (var e in events)
            last = await _store.AppendEventAsync(e, cancellationToken).ConfigureAwait(false);
        if (last > 0)
            _feed.Publish(last);
    }

    private static HubEvent Event(Roadmap r, string type, DateTimeOffset at, string summary) =>
        new() { Type = type, Tenant = r.Tenant, At = at, Summary = $"{summary} [{r.Id}]" };

    private static void Record(Roadmap r, DateTimeOffset at, string actor, string action, string comment) =>
        r.History.Add(new RoadmapHistoryEntry { At = at, Actor = actor, Action = action, Comment = comment });

    private static List<string> Distinct(IReadOnlyList<string> ids) =>
        [.. ids.Select(i => i?.Trim() ?? "").Where(i => i.Length > 0).Distinct(StringComparer.Ordinal)];

    private static void CheckText(string field, string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new HubValidationException(field, $"{what}: не указано");
        if (value.Length > MaxTextLength)
            throw new HubValidationException(field, $"{what}: длиннее {MaxTextLength} символов");
    }

    private void CheckOwner(string? owner)
    {
        if (string.IsNullOrWhiteSpace(owner))
            throw new HubValidationException("owner", "ответственный за мероприятие не указан");
        if (_directory.FindRecipient(owner.Trim()) is null)
            throw new HubValidationException("owner", $"неизвестный получатель '{owner}'");
    }

    private void CheckDueDate(DateOnly dueDate)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_time.GetUtcNow(), _calendar.TimeZone).DateTime);
        if (dueDate < today)
            throw new HubValidationException("due_date", $"срок мероприятия {dueDate:dd.MM.yyyy} уже прошёл (сегодня {today:dd.MM.yyyy})");
    }
}

/// <summary>What changes in a measure; <see langword="null"/> members stay as they are.</summary>
public sealed record MeasureChange
{
    /// <summary>Gets the new title.</summary>
    public string? Title { get; init; }

    /// <summary>Gets the new owner (a recipient's code).</summary>
    public string? Owner { get; init; }

    /// <summary>Gets the new due date; a new one allows one new escalation.</summary>
    public DateOnly? DueDate { get; init; }

    /// <summary>Gets the new state.</summary>
    public MeasureState? State { get; init; }

    /// <summary>Gets why, for the history.</summary>
    public string? Comment { get; init; }
}

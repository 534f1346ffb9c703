using MCU.Hub.Deadlines.Calendar;
using MCU.Hub.Messages;
using MCU.Hub.Storage;

namespace MCU.Hub.Kpi;

/// <summary>
/// The facts of every stored message, kept in memory so that indicators, ratings and reports over a million messages
/// are a scan of an array rather than of the database (a LiteDB scan of 10⁶ documents takes seconds).
/// </summary>
/// <remarks>
/// Built by one scan of the store on first use, then kept current from the store's event log: every change of a
/// message writes an event in the same transaction, so reading the events after the last one applied and re-reading
/// the messages they name brings the projection up to date. <see cref="EnsureCurrentAsync"/> does that before each
/// query, so a query always sees every committed change, also one made by another hub instance on a shared store.
/// About 200 bytes a message.
/// </remarks>
public sealed class MessageFactsProjection : IDisposable
{
    private const int LoadPageSize = 5_000;
    private const int EventPageSize = 2_000;

    private readonly IHubStore _store;
    private readonly WorkingCalendar _calendar;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _codes = new(StringComparer.Ordinal);
    private MessageFact[] _facts = new MessageFact[1024];
    private int _count;
    private long _sequence = -1;

    /// <summary>Creates the projection.</summary>
    /// <param name="store">The store it reads.</param>
    /// <param name="calendar">The working calendar, for local dates and response times in working hours.</param>
    public MessageFactsProjection(IHubStore store, WorkingCalendar calendar)
    {
        _store = store;
        _calendar = calendar;
    }

    /// <summary>Gets how many messages the projection holds.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
                return _count;
        }
    }

    /// <summary>Loads the projection if needed and applies every change stored since the last call.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A task that completes when the projection reflects every committed change.</returns>
    public async Task EnsureCurrentAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_sequence < 0)
                await LoadAsync(cancellationToken).ConfigureAwait(false);
            await CatchUpAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Gets the facts as they are now (call <see cref="EnsureCurrentAsync"/> first).</summary>
    /// <returns>A copy of the list, safe to scan while the projection moves on.</returns>
    public IReadOnlyList<MessageFact> Snapshot()
    {
        lock (_lock)
            return _facts.AsSpan(0, _count).ToArray();
    }

    /// <summary>Gets the facts of one message.</summary>
    /// <param name="id">The message id.</param>
    /// <returns>The facts, or <see langword="null"/>.</returns>
    public MessageFact? Find(string id)
    {
        lock (_lock)
            return _index.TryGetValue(id, out var slot) ? _facts[slot] : null;
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    /// <summary>Builds the facts of a message.</summary>
    /// <param name="message">The message.</param>
    /// <returns>Its facts.</returns>
    public MessageFact ToFact(HubMessage message)
    {
        var local = TimeZoneInfo.ConvertTime(message.ReceivedAt, _calendar.TimeZone);
        return new MessageFact
        {
            Id = message.Id,
            Kind = message.Kind,
            Tenant = Code(message.Tenant) ?? "",
            Channel = Code(message.Channel)!,
            Block = Code(message.Block),
            Category = Code(message.Category),
            Territory = Code(message.Territory),
            Recipients = message.Recipients.Count == 0 ? [] : message.Recipients.Select(r => Code(r)!).ToArray(),
            ReceivedAt = message.ReceivedAt,
            ReceivedOn = DateOnly.FromDateTime(local.DateTime),
            RegisteredAt = message.RegisteredAt,
            DueAt = message.DueAt,
            FirstAnsweredAt = message.FirstAnsweredAt ?? message.Answer?.AnsweredAt,
            ResponseWorkingHours = (message.FirstAnsweredAt ?? message.Answer?.AnsweredAt) is { } answered
                ? Math.Max(0, _calendar.WorkingTimeBetween(message.RegisteredAt, answered).TotalHours)
                : null,
            ClosedAt = message.ClosedAt,
            IsOpen = MessageStatusTransitions.IsOpen(message.Status),
            IsRejected = message.Status == MessageStatus.Rejected,
            Status = MessageStatusNames.ToWire(message.Status),
            FastTrack = message.FastTrack,
            AutomatedDelivery = message.AutomatedDelivery,
            AutomatedControl = message.AutomatedControl,
            OnRoadmap = message.RoadmapId is not null,
            RoadmapImplementedAt = message.RoadmapImplementedAt,
            Satisfaction = message.Satisfaction,
            ReopenCount = message.ReopenCount,
            ReturnCount = message.ReturnCount,
            Latitude = message.Latitude,
            Longitude = message.Longitude,
        };
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // The sequence is read first: a change committed during the scan is applied again by the catch-up, never missed.
        var sequence = await _store.GetLastEventSequenceAsync(cancellationToken).ConfigureAwait(false);
        if (_store is IBulkMessageReader bulk)
        {
            var chunk = new List<MessageFact>(LoadPageSize);
            await foreach (var message in bulk.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                chunk.Add(ToFact(message));
                if (chunk.Count == LoadPageSize)
                    ApplyAll(chunk);
            }

            ApplyAll(chunk);
            _sequence = sequence;
            return;
        }

        string? cursor = null;
        do
        {
            var page = await _store.ListMessagesAsync(new MessageQuery { PageSize = LoadPageSize, Cursor = cursor }, cancellationToken).ConfigureAwait(false);
            var facts = page.Items.Select(ToFact).ToList();
            lock (_lock)
            {
                foreach (var fact in facts)
                    Apply(fact);
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);

        _sequence = sequence;
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var events = await _store.ReadEventsAsync(_sequence, EventPageSize, cancellationToken).ConfigureAwait(false);
            if (events.Count == 0)
                return;

            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var e in events)
            {
                if (e.MessageId is not null)
                    ids.Add(e.MessageId);
            }

            var facts = new List<MessageFact>(ids.Count);
            if (_store is IBulkMessageReader bulk)
            {
                foreach (var message in await bulk.GetMessagesAsync(ids, cancellationToken).ConfigureAwait(false))
                    facts.Add(ToFact(message));
            }
            else
            {
                foreach (var id in ids)
                {
                    if (await _store.GetMessageAsync(id, cancellationToken).ConfigureAwait(false) is { } message)
                        facts.Add(ToFact(message));
                }
            }

            lock (_lock)
            {
                foreach (var fact in facts)
                    Apply(fact);
            }

            _sequence = events[^1].Sequence;
        }
    }

    private void ApplyAll(List<MessageFact> facts)
    {
        lock (_lock)
        {
            foreach (var fact in facts)
                Apply(fact);
        }

        facts.Clear();
    }

    private void Apply(MessageFact fact)
    {
        if (_index.TryGetValue(fact.Id, out var slot))
        {
            _facts[slot] = fact;
            return;
        }

        if (_count == _facts.Length)
            Array.Resize(ref _facts, _facts.Length * 2);
        _facts[_count] = fact;
        _index[fact.Id] = _count++;
    }

    /// <summary>One string instance per code, so a million facts share a handful of channel and block strings.</summary>
    private string? Code(string? code)
    {
        if (code is null)
            return null;
        lock (_codes)
        {
            if (_codes.TryGetValue(code, out var shared))
                return shared;
            _codes[code] = code;
            return code;
        }
    }
}

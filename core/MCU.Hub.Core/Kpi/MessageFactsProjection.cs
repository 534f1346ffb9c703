using System.Buffers;
using MCU.Hub.Deadlines.Calendar;
using MCU.Hub.Kpi.Internal;
using MCU.Hub.Messages;
using MCU.Hub.Storage;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Kpi;

/// <summary>
/// The facts of every stored message, kept outside the managed heap so that indicators, ratings and reports over a
/// million messages are a scan of fixed-size records rather than of the database (a LiteDB scan of 10⁶ documents takes
/// seconds), and the process's heap does not grow with the stored volume.
/// </summary>
/// <remarks>
/// <para>
/// Built by one scan of the store on first use, then kept current from the store's event log: every change of a
/// message writes an event in the same transaction, so reading the events after the last one applied and re-reading
/// the messages they name brings the projection up to date. <see cref="EnsureCurrentAsync"/> does that before each
/// query, so a query always sees every committed change, also one made by another hub instance on a shared store.
/// </para>
/// <para>
/// Each message is a record of 128 bytes in a memory-mapped file (beside the LiteDB file, named as it with
/// <c>.facts</c> appended; under the temporary folder for another store), indexed by an open-addressing hash table in the
/// same file; the operating system keeps its pages cached as memory allows. The file is a cache: created empty when the
/// projection loads, deleted on <see cref="Dispose"/>. <see cref="Snapshot"/> and <see cref="Find"/> build
/// <see cref="MessageFact"/> objects from the records on each call.
/// </para>
/// </remarks>
public sealed class MessageFactsProjection : IDisposable
{
    private const int LoadPageSize = 5_000;
    private const int EventPageSize = 2_000;
    private const int DefaultInitialCapacity = 16_384;
    private const int ReadChunk = 512;
    private const string Hex = "0123456789abcdef";

    private readonly IHubStore _store;
    private readonly WorkingCalendar _calendar;
    private readonly string? _path;
    private readonly int _initialCapacity;
    private readonly SemaphoreSlim _gate = new(1, 1);

    // Writers (the load and catch-up under _gate) take it for writing; snapshots and look-ups read in parallel.
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly FactCodes _codes = new();

    // The rare ids that are not 32 lowercase hex characters, and the rare messages with more than four recipients.
    private readonly Dictionary<string, int> _heapIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> _heapIds = [];
    private readonly Dictionary<int, string[]> _manyRecipients = [];
    private FactFile? _file;
    private bool _disposed;
    private int _count;
    private long _sequence = -1;

    /// <summary>Creates the projection with its file under the temporary folder.</summary>
    /// <param name="store">The store it reads.</param>
    /// <param name="calendar">The working calendar, for local dates and response times in working hours.</param>
    public MessageFactsProjection(IHubStore store, WorkingCalendar calendar)
        : this(store, calendar, path: null, DefaultInitialCapacity)
    {
    }

    /// <summary>Creates the projection with its file beside the LiteDB file when the store is LiteDB.</summary>
    /// <param name="store">The store it reads.</param>
    /// <param name="calendar">The working calendar, for local dates and response times in working hours.</param>
    /// <param name="options">The engine options (<see cref="McuHubOptions.DatabasePath"/>).</param>
    public MessageFactsProjection(IHubStore store, WorkingCalendar calendar, IOptions<McuHubOptions> options)
        : this(store, calendar, store is LiteDbHubStore ? FilePathBeside(options.Value.DatabasePath) : null, DefaultInitialCapacity)
    {
    }

    /// <summary>Creates the projection.</summary>
    /// <param name="store">The store it reads.</param>
    /// <param name="calendar">The working calendar.</param>
    /// <param name="path">The file, or <see langword="null"/> for a unique one under the temporary folder.</param>
    /// <param name="initialCapacity">The records the file holds before its first remap.</param>
    internal MessageFactsProjection(IHubStore store, WorkingCalendar calendar, string? path, int initialCapacity)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(calendar);
        _store = store;
        _calendar = calendar;
        _path = path;
        _initialCapacity = initialCapacity;
    }

    /// <summary>Gets how many messages the projection holds.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Gets the path of the file the facts are in, once loaded.</summary>
    internal string? FilePath
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _file?.Path;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Gets how many records the file holds before it is remapped larger (0 before the load).</summary>
    internal int Capacity
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _file?.Capacity ?? 0;
            }
            finally
            {
                _lock.ExitReadLock();
            }
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
        _lock.EnterReadLock();
        try
        {
            if (_file is not { Count: > 0 } file)
                return [];
            var facts = new MessageFact[file.Count];
            var buffer = ArrayPool<FactRecord>.Shared.Rent(ReadChunk);
            try
            {
                int n;
                for (var start = 0; (n = file.ReadRecords(start, buffer)) > 0; start += n)
                {
                    for (var i = 0; i < n; i++)
                        facts[start + i] = Decode(buffer[i], start + i);
                }
            }
            finally
            {
                ArrayPool<FactRecord>.Shared.Return(buffer);
            }

            return facts;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Gets the facts of one message.</summary>
    /// <param name="id">The message id.</param>
    /// <returns>The facts, or <see langword="null"/>.</returns>
    public MessageFact? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        _lock.EnterReadLock();
        try
        {
            if (_file is not { } file || !TryFindSlot(file, id, out var slot))
                return null;
            file.Read(slot, out var record);
            return Decode(record, slot);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Deletes the file.</summary>
    public void Dispose()
    {
        _lock.EnterWriteLock();
        try
        {
            if (_disposed)
                return;
            _disposed = true;
            _file?.Dispose();
            _file = null;
            Volatile.Write(ref _count, 0);
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        _gate.Dispose();
    }

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
            Tenant = message.Tenant ?? "",
            Channel = message.Channel,
            Block = message.Block,
            Category = message.Category,
            Territory = message.Territory,
            Recipients = message.Recipients.Count == 0 ? [] : message.Recipients.ToArray(),
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
        OpenFile();
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
            ApplyAll(page.Items.Select(ToFact).ToList());
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

            ApplyAll(facts);
            _sequence = events[^1].Sequence;
        }
    }

    /// <summary>The file beside the LiteDB file.</summary>
    private static string FilePathBeside(string databasePath) => Path.GetFullPath(databasePath) + ".facts";

    /// <summary>Parses an id of 32 lowercase hex characters (the hub's own ids) into two halves.</summary>
    private static bool TryParseId(string id, out ulong high, out ulong low)
    {
        high = low = 0;
        if (id.Length != 32)
            return false;
        for (var i = 0; i < 32; i++)
        {
            int c = id[i];
            var nibble = c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'f' ? c - 'a' + 10 : -1;
            if (nibble < 0)
                return false;
            if (i < 16)
                high = (high << 4) | (uint)nibble;
            else
                low = (low << 4) | (uint)nibble;
        }

        return true;
    }

    private static string FormatId(ulong high, ulong low) => string.Create(32, (high, low), static (span, id) =>
    {
        for (var i = 15; i >= 0; i--)
        {
            span[i] = Hex[(int)(id.high & 0xF)];
            span[16 + i] = Hex[(int)(id.low & 0xF)];
            id.high >>= 4;
            id.low >>= 4;
        }
    });

    private static long Ticks(DateTimeOffset? instant) => instant is { } value ? value.UtcTicks : FactRecord.NoInstant;

    private static DateTimeOffset? Instant(long ticks) => ticks == FactRecord.NoInstant ? null : new DateTimeOffset(ticks, TimeSpan.Zero);

    private static double Number(double? value) => value ?? double.NaN;

    private static double? Number(double value) => double.IsNaN(value) ? null : value;

    /// <summary>Creates the file, beside the store if it can, else under the temporary folder; kept across a retried load.</summary>
    private void OpenFile()
    {
        _lock.EnterWriteLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_file is not null)
                return;
            var unique = Path.Combine(Path.GetTempPath(), $"mcu-hub-facts-{Guid.NewGuid():N}.facts");
            if (_path is null)
            {
                _file = FactFile.Create(unique, _initialCapacity);
                return;
            }

            try
            {
                _file = FactFile.Create(_path, _initialCapacity);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another projection in this process has it (two service providers over one store), or the folder is read-only.
                _file = FactFile.Create(unique, _initialCapacity);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Applies facts as the load and the catch-up do: a known id is overwritten in place, a new one appended.</summary>
    /// <param name="facts">The facts.</param>
    internal void Apply(IEnumerable<MessageFact> facts)
    {
        _lock.EnterWriteLock();
        try
        {
            var file = _file ?? throw new InvalidOperationException("The projection is not loaded (EnsureCurrentAsync) or is disposed.");
            foreach (var fact in facts)
                Apply(file, fact);
            Volatile.Write(ref _count, file.Count);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private void ApplyAll(List<MessageFact> facts)
    {
        Apply(facts);
        facts.Clear();
    }

    private void Apply(FactFile file, MessageFact fact)
    {
        var record = Encode(fact);
        int slot;
        if ((record.Flags & FactFlags.HeapId) != 0)
        {
            if (_heapIndex.TryGetValue(fact.Id, out slot))
            {
                file.Write(slot, record);
            }
            else
            {
                slot = file.Add(record, indexed: false);
                _heapIndex[fact.Id] = slot;
                _heapIds[slot] = fact.Id;
            }
        }
        else if (file.TryFind(record.IdHigh, record.IdLow, out slot))
        {
            file.Write(slot, record);
        }
        else
        {
            slot = file.Add(record, indexed: true);
        }

        if (record.RecipientCount == FactRecord.ManyRecipients)
            _manyRecipients[slot] = [.. fact.Recipients];
        else
            _manyRecipients.Remove(slot);
    }

    private bool TryFindSlot(FactFile file, string id, out int slot) => TryParseId(id, out var high, out var low)
        ? file.TryFind(high, low, out slot)
        : _heapIndex.TryGetValue(id, out slot);

    private FactRecord Encode(MessageFact fact)
    {
        var record = new FactRecord
        {
            ReceivedAt = fact.ReceivedAt.UtcTicks,
            RegisteredAt = fact.RegisteredAt.UtcTicks,
            DueAt = Ticks(fact.DueAt),
            FirstAnsweredAt = Ticks(fact.FirstAnsweredAt),
            ClosedAt = Ticks(fact.ClosedAt),
            RoadmapImplementedAt = Ticks(fact.RoadmapImplementedAt),
            ResponseWorkingHours = Number(fact.ResponseWorkingHours),
            Latitude = Number(fact.Latitude),
            Longitude = Number(fact.Longitude),
            ReceivedOn = fact.ReceivedOn.DayNumber,
            Satisfaction = fact.Satisfaction ?? FactRecord.NoSatisfaction,
            ReopenCount = fact.ReopenCount,
            ReturnCount = fact.ReturnCount,
            Tenant = _codes.IdOf(fact.Tenant),
            Channel = _codes.IdOf(fact.Channel),
            Block = _codes.IdOf(fact.Block),
            Category = _codes.IdOf(fact.Category),
            Territory = _codes.IdOf(fact.Territory),
            Status = _codes.IdOf(fact.Status),
            Kind = checked((byte)fact.Kind),
            Flags = (fact.IsOpen ? FactFlags.IsOpen : 0)
                | (fact.IsRejected ? FactFlags.IsRejected : 0)
                | (fact.FastTrack ? FactFlags.FastTrack : 0)
                | (fact.AutomatedDelivery ? FactFlags.AutomatedDelivery : 0)
                | (fact.AutomatedControl ? FactFlags.AutomatedControl : 0)
                | (fact.OnRoadmap ? FactFlags.OnRoadmap : 0),
        };
        if (!TryParseId(fact.Id, out record.IdHigh, out record.IdLow))
            record.Flags |= FactFlags.HeapId;

        var recipients = fact.Recipients;
        if (recipients.Count > FactRecord.InlineRecipients)
        {
            record.RecipientCount = FactRecord.ManyRecipients;
            foreach (var recipient in recipients)
                _codes.IdOf(recipient);
            return record;
        }

        record.RecipientCount = (byte)recipients.Count;
        record.Recipient0 = recipients.Count > 0 ? _codes.IdOf(recipients[0]) : (ushort)0;
        record.Recipient1 = recipients.Count > 1 ? _codes.IdOf(recipients[1]) : (ushort)0;
        record.Recipient2 = recipients.Count > 2 ? _codes.IdOf(recipients[2]) : (ushort)0;
        record.Recipient3 = recipients.Count > 3 ? _codes.IdOf(recipients[3]) : (ushort)0;
        return record;
    }

    private MessageFact Decode(in FactRecord record, int slot) => new()
    {
        Id = (record.Flags & FactFlags.HeapId) != 0 ? _heapIds[slot] : FormatId(record.IdHigh, record.IdLow),
        Kind = (MessageKind)record.Kind,
        Tenant = _codes.CodeOf(record.Tenant) ?? "",
        Channel = _codes.CodeOf(record.Channel)!,
        Block = _codes.CodeOf(record.Block),
        Category = _codes.CodeOf(record.Category),
        Territory = _codes.CodeOf(record.Territory),
        Recipients = record.RecipientCount switch
        {
            0 => [],
            1 => _codes.SingleOf(record.Recipient0),
            2 => [_codes.CodeOf(record.Recipient0)!, _codes.CodeOf(record.Recipient1)!],
            3 => [_codes.CodeOf(record.Recipient0)!, _codes.CodeOf(record.Recipient1)!, _codes.CodeOf(record.Recipient2)!],
            4 => [_codes.CodeOf(record.Recipient0)!, _codes.CodeOf(record.Recipient1)!, _codes.CodeOf(record.Recipient2)!, _codes.CodeOf(record.Recipient3)!],
            _ => _manyRecipients[slot],
        },
        ReceivedAt = new DateTimeOffset(record.ReceivedAt, TimeSpan.Zero),
        ReceivedOn = DateOnly.FromDayNumber(record.ReceivedOn),
        RegisteredAt = new DateTimeOffset(record.RegisteredAt, TimeSpan.Zero),
        DueAt = Instant(record.DueAt),
        FirstAnsweredAt = Instant(record.FirstAnsweredAt),
        ResponseWorkingHours = Number(record.ResponseWorkingHours),
        ClosedAt = Instant(record.ClosedAt),
        IsOpen = (record.Flags & FactFlags.IsOpen) != 0,
        IsRejected = (record.Flags & FactFlags.IsRejected) != 0,
        Status = _codes.CodeOf(record.Status) ?? "",
        FastTrack = (record.Flags & FactFlags.FastTrack) != 0,
        AutomatedDelivery = (record.Flags & FactFlags.AutomatedDelivery) != 0,
        AutomatedControl = (record.Flags & FactFlags.AutomatedControl) != 0,
        OnRoadmap = (record.Flags & FactFlags.OnRoadmap) != 0,
        RoadmapImplementedAt = Instant(record.RoadmapImplementedAt),
        Satisfaction = record.Satisfaction == FactRecord.NoSatisfaction ? null : record.Satisfaction,
        ReopenCount = record.ReopenCount,
        ReturnCount = record.ReturnCount,
        Latitude = Number(record.Latitude),
        Longitude = Number(record.Longitude),
    };
}

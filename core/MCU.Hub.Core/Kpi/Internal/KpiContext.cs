using MCU.Hub.Channels;
using MCU.Hub.Deadlines.Calendar;
using MCU.Hub.Records;
using MCU.Hub.Storage;

namespace MCU.Hub.Kpi.Internal;

/// <summary>The facts of one computation: the period, the slice, the projection's snapshot and the records, read once.</summary>
internal sealed class KpiContext : IKpiContext
{
    private readonly Tenants.TenantDirectory? _tenants;
    private readonly IHubStore _store;
    private readonly WorkingCalendar _calendar;
    private readonly Dictionary<(string Type, string? Channel, bool Whole), IReadOnlyList<ChannelRecord>> _records = [];

    public KpiContext(KpiPeriod period, KpiSlice slice, DateTimeOffset now, IReadOnlyList<MessageFact> all, KpiOptions options, IReadOnlyList<string> recipients, IHubStore store, WorkingCalendar calendar, Tenants.TenantDirectory? tenants = null)
    {
        _store = store;
        _tenants = tenants;
        _calendar = calendar;
        From = period.From;
        To = period.To;
        Start = LocalMidnight(period.From, calendar.TimeZone);
        End = LocalMidnight(period.To.AddDays(1), calendar.TimeZone);
        Slice = slice;
        Now = now;
        AllMessages = slice.IsAll ? all : [.. all.Where(slice.Contains)];
        var kinds = options.EffectiveKinds();
        Messages = options.Basis == KpiCountingBasis.Receipt
            ? [.. AllMessages.Where(f => f.ReceivedOn >= From && f.ReceivedOn <= To && kinds.Contains(f.Kind))]
            : [.. AllMessages.Where(f => f.ClosedAt is { } closed && closed >= Start && closed < End && kinds.Contains(f.Kind))];
        Recipients = slice.Recipient is { } r ? [r] : recipients;
    }

    public DateOnly From { get; }

    public DateOnly To { get; }

    public DateTimeOffset Start { get; }

    public DateTimeOffset End { get; }

    public KpiSlice Slice { get; }

    public DateTimeOffset Now { get; }

    public IReadOnlyList<MessageFact> Messages { get; }

    public IReadOnlyList<MessageFact> AllMessages { get; }

    public IReadOnlyList<string> Recipients { get; }

    public async ValueTask<IReadOnlyList<ChannelRecord>> GetRecordsAsync(string type, string? channel, bool wholeHistory, CancellationToken cancellationToken)
    {
        var key = (type, channel, wholeHistory);
        if (_records.TryGetValue(key, out var cached))
            return cached;
        var query = new RecordQuery { Type = type, Channel = channel, From = wholeHistory ? null : Start, To = wholeHistory ? null : End, Limit = int.MaxValue };
        var stored = await _store.ListRecordsAsync(query, cancellationToken).ConfigureAwait(false);
        // Records carry no tenant of their own: they are their channel's municipality's.
        IEnumerable<StoredRecord> scoped = Slice.Tenants is { } visible && _tenants is not null ? stored.Where(r => visible.Contains(_tenants.ForChannel(r.Channel))) : stored;
        IReadOnlyList<ChannelRecord> records = [.. scoped.Select(r => new ChannelRecord { Type = r.Type, ExternalId = r.ExternalId, OccurredAt = r.OccurredAt, Fields = r.Fields })];
        _records[key] = records;
        return records;
    }

    public double WorkingHoursBetween(DateTimeOffset from, DateTimeOffset to) =>
        to <= from ? 0 : _calendar.WorkingTimeBetween(from, to).TotalHours;

    internal static DateTimeOffset LocalMidnight(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}

using System.Globalization;
using MCU.Hub.Deadlines.Calendar;
using MCU.Hub.Kpi.Internal;

namespace MCU.Hub.Kpi;

/// <summary>
/// Keeps a daily snapshot of the open backlog, so that «how many were open and overdue on day D» can be answered for
/// any past D, and reconstructs the days for which none was taken.
/// </summary>
public sealed class BacklogService
{
    /// <summary>How far back missing days are filled in when the hub starts.</summary>
    public const int MaxBackfillDays = 400;

    private static readonly TimeSpan LiveWindow = TimeSpan.FromHours(1);
    private readonly MessageFactsProjection _facts;
    private readonly IBacklogSnapshotStore _snapshots;
    private readonly WorkingCalendar _calendar;
    private readonly TimeProvider _time;

    /// <summary>Creates the service.</summary>
    /// <param name="facts">The message facts.</param>
    /// <param name="snapshots">The snapshot store.</param>
    /// <param name="calendar">The working calendar (its time zone sets where a day ends).</param>
    /// <param name="time">The clock.</param>
    public BacklogService(MessageFactsProjection facts, IBacklogSnapshotStore snapshots, WorkingCalendar calendar, TimeProvider time)
    {
        _facts = facts;
        _snapshots = snapshots;
        _calendar = calendar;
        _time = time;
    }

    /// <summary>Gets the backlog at the end of a day: the stored snapshot, or one reconstructed now (and not stored).</summary>
    /// <param name="date">The day.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The snapshot; for today, the backlog as it is now.</returns>
    public async Task<BacklogSnapshot> GetAsync(DateOnly date, CancellationToken cancellationToken) =>
        await _snapshots.GetAsync(date, cancellationToken).ConfigureAwait(false)
        ?? await ComputeAsync(date, cancellationToken).ConfigureAwait(false);

    /// <summary>Stores the snapshot of every ended day that has none, from the latest stored one (or the first message) up to yesterday.</summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The days stored.</returns>
    public async Task<IReadOnlyList<DateOnly>> TakeMissingAsync(CancellationToken cancellationToken)
    {
        await _facts.EnsureCurrentAsync(cancellationToken).ConfigureAwait(false);
        var today = LocalDate(_time.GetUtcNow());
        var latest = await _snapshots.GetLatestDateAsync(cancellationToken).ConfigureAwait(false);
        var first = latest?.AddDays(1) ?? (_facts.Snapshot() is { Count: > 0 } all ? all.Min(f => LocalDate(f.RegisteredAt)) : today);
        if (first.DayNumber < today.DayNumber - MaxBackfillDays)
            first = today.AddDays(-MaxBackfillDays);

        var taken = new List<DateOnly>();
        for (var day = first; day < today; day = day.AddDays(1))
        {
            await _snapshots.SaveAsync(await ComputeAsync(day, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            taken.Add(day);
        }

        return taken;
    }

    /// <summary>Gets the instant a day ends: the local midnight after it.</summary>
    /// <param name="date">The day.</param>
    /// <returns>The instant.</returns>
    public DateTimeOffset EndOf(DateOnly date) => KpiContext.LocalMidnight(date.AddDays(1), _calendar.TimeZone);

    private async Task<BacklogSnapshot> ComputeAsync(DateOnly date, CancellationToken cancellationToken)
    {
        await _facts.EnsureCurrentAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var end = EndOf(date);
        var live = now >= end ? now - end < LiveWindow : true;
        var at = now < end ? now : end;

        var snapshot = new BacklogSnapshot { Id = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), TakenAt = now, Reconstructed = !live };
        var rows = new Dictionary<(KpiDimension, string), BacklogCount>();
        foreach (var fact in _facts.Snapshot())
        {
            if (fact.RegisteredAt >= at || fact.Kind == MessageKind.EmergencyCall)
                continue;
            var open = live ? fact.IsOpen : WasOpen(fact, at);
            if (!open)
                continue;
            var overdue = fact.DueAt is { } due && due < at;
            snapshot.Open++;
            if (overdue)
                snapshot.Overdue++;
            foreach (var dimension in Enum.GetValues<KpiDimension>())
            {
                foreach (var key in KpiService.KeysOf(fact, dimension))
                {
                    if (!rows.TryGetValue((dimension, key), out var row))
                        rows[(dimension, key)] = row = new BacklogCount { Dimension = dimension, Key = key };
                    row.Open++;
                    if (overdue)
                        row.Overdue++;
                }
            }
        }

        snapshot.Rows = [.. rows.Values.OrderBy(r => r.Dimension).ThenBy(r => r.Key, StringComparer.Ordinal)];
        return snapshot;
    }

    /// <summary>Whether a message was open at a past instant, from what its facts keep: open until first answered or closed.</summary>
    private static bool WasOpen(MessageFact fact, DateTimeOffset at)
    {
        if (fact.IsOpen && fact.ReopenCount > 0)
            return true;
        var resolved = fact.FirstAnsweredAt is { } answered && answered <= at
            || fact.ClosedAt is { } closed && closed <= at;
        return !resolved && (fact.IsOpen || fact.FirstAnsweredAt is not null || fact.ClosedAt is not null);
    }

    private DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, _calendar.TimeZone).DateTime);
}

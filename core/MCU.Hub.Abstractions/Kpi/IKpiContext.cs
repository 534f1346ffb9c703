using MCU.Hub.Channels;

namespace MCU.Hub.Kpi;

/// <summary>What an indicator is computed over: a period of local dates, a slice and the facts the hub stores.</summary>
public interface IKpiContext
{
    /// <summary>Gets the first day of the period (local date of the municipality, inclusive).</summary>
    DateOnly From { get; }

    /// <summary>Gets the last day of the period (inclusive).</summary>
    DateOnly To { get; }

    /// <summary>Gets the start of the period as an instant (local midnight of <see cref="From"/>).</summary>
    DateTimeOffset Start { get; }

    /// <summary>Gets the end of the period as an instant (local midnight after <see cref="To"/>, exclusive).</summary>
    DateTimeOffset End { get; }

    /// <summary>Gets the slice.</summary>
    KpiSlice Slice { get; }

    /// <summary>Gets the current time.</summary>
    DateTimeOffset Now { get; }

    /// <summary>
    /// Gets the messages of the slice that count for the period under the hub's counting basis (by receipt date by
    /// default, or by closing date), limited to the kinds the target indicators count.
    /// </summary>
    IReadOnlyList<MessageFact> Messages { get; }

    /// <summary>Gets every message of the slice, of any kind and time (for backlog and cohort indicators).</summary>
    IReadOnlyList<MessageFact> AllMessages { get; }

    /// <summary>Gets the codes of every responsible recipient in the directory (narrowed to the slice's recipient, if set).</summary>
    IReadOnlyList<string> Recipients { get; }

    /// <summary>Gets channel records (publications, pages, call cards, poll results) whose time falls in the period.</summary>
    /// <param name="type">The record type (<c>publication</c>, <c>page</c>, <c>call</c>, …).</param>
    /// <param name="channel">Only this channel's records, or <see langword="null"/> for every channel.</param>
    /// <param name="wholeHistory">Include records from before the period too (for example every known page).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The records, oldest first.</returns>
    ValueTask<IReadOnlyList<ChannelRecord>> GetRecordsAsync(string type, string? channel, bool wholeHistory, CancellationToken cancellationToken);

    /// <summary>Gets the working hours between two instants on the production calendar and the municipality's schedule.</summary>
    /// <param name="from">The start.</param>
    /// <param name="to">The end.</param>
    /// <returns>The working hours (0 when <paramref name="to"/> is not after <paramref name="from"/>).</returns>
    double WorkingHoursBetween(DateTimeOffset from, DateTimeOffset to);
}

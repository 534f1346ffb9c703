using System.Globalization;
using MCU.Hub.Messages;
using MCU.Hub.Storage;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Escalation;

/// <summary>
/// Raises escalation levels for open messages whose deadline is near or past; each level once per deadline
/// (an extension or a recomputed deadline starts the levels again).
/// </summary>
/// <remarks>
/// <para>
/// A level is raised when its moment (the deadline plus the level's offset) comes while the hub holds the message: a
/// message that arrives with a level's moment already behind it (imported history, a replay after a connector outage)
/// is not escalated for that level, only for the levels still ahead of it. An МЦУ needs an escalation to act on a
/// deadline about to be missed; years of imported, long-overdue appeals would bury the real ones, and the overdue
/// indicators and lists already show them.
/// </para>
/// <para>
/// The scan reads only what a level can have become due for since the previous scan: it keeps a watermark (the time
/// up to which levels were raised, in the store's settings, so a restart or a standby instance carries on from it) and
/// asks the store for open messages whose deadline lies in the window the levels' offsets map onto
/// (<see cref="MessageQuery.DueFrom"/>, <see cref="MessageQuery.DueBefore"/>, served by the deadline index). The work is
/// bounded by the messages due in the window, not by the messages stored: it reads pages of a few hundred, each its own
/// short read, and a long pause (the hub was down) is caught up one day at a time, the watermark saved after each.
/// A deadline moved earlier than a level's moment that the watermark has passed is not raised for that level.
/// </para>
/// </remarks>
public sealed class EscalationScanner
{
    /// <summary>The store setting that keeps the watermark, as UTC ticks.</summary>
    public const string WatermarkSetting = "escalation.watermark";

    private const int PageSize = 500;
    private static readonly TimeSpan MaxStep = TimeSpan.FromDays(1);

    // A message committed just after a scan read its window, with a level's moment before that read, is still found by
    // the next scan: raising is idempotent (a level raised once is skipped), so windows may overlap.
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    private static readonly MessageStatus[] OpenStatuses =
        [.. Enum.GetValues<MessageStatus>().Where(MessageStatusTransitions.IsOpen)];

    private readonly IHubStore _store;
    private readonly MessageOperations _operations;
    private readonly List<EscalationLevel> _levels;
    private readonly TimeSpan _firstWindow;

    /// <summary>Creates the scanner.</summary>
    /// <param name="store">The store.</param>
    /// <param name="operations">The message operations that record each escalation.</param>
    /// <param name="options">The engine options.</param>
    public EscalationScanner(IHubStore store, MessageOperations operations, IOptions<McuHubOptions> options)
    {
        _store = store;
        _operations = operations;
        _levels = options.Value.Escalation.EffectiveLevels();
        _firstWindow = options.Value.Escalation.ScanInterval;
    }

    /// <summary>Raises every level whose moment came since the previous scan, up to <paramref name="now"/>.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Stops the scan; the levels raised so far stay raised.</param>
    /// <returns>How many escalations were raised.</returns>
    /// <remarks>Not for concurrent calls on one store: the host runs one scan at a time, on the instance that holds the <c>escalation</c> lease.</remarks>
    public async Task<int> ScanAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_levels.Count == 0)
            return 0;

        // The first scan of a store covers one interval, as if a scan had run before it.
        var watermark = await ReadWatermarkAsync(cancellationToken).ConfigureAwait(false) ?? now - _firstWindow;
        var raised = 0;
        while (watermark < now)
        {
            var until = watermark + MaxStep < now ? watermark + MaxStep : now;
            raised += await ScanWindowAsync(watermark - Overlap, until, cancellationToken).ConfigureAwait(false);
            watermark = until;
            await _store.SetSettingAsync(WatermarkSetting, watermark.UtcTicks.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        }

        return raised;
    }

    /// <summary>Raises the levels whose moment lies in (<paramref name="after"/>, <paramref name="until"/>].</summary>
    private async Task<int> ScanWindowAsync(DateTimeOffset after, DateTimeOffset until, CancellationToken cancellationToken)
    {
        // Level moments are deadline + offset, so the deadlines in question lie in (after - latest offset, until - earliest offset].
        var query = new MessageQuery
        {
            Statuses = OpenStatuses,
            DueFrom = after - _levels[^1].Offset,
            DueBefore = until - _levels[0].Offset + TimeSpan.FromTicks(1),
            PageSize = PageSize,
        };
        var raised = 0;
        string? cursor = null;
        do
        {
            var page = await _store.ListMessagesAsync(query with { Cursor = cursor }, cancellationToken).ConfigureAwait(false);
            foreach (var message in page.Items)
            {
                if (message.DueAt is not { } due || message.Escalations.Count >= _levels.Count && _levels.TrueForAll(l => message.Escalations.Contains(l.Name)))
                    continue;
                foreach (var level in _levels)
                {
                    var moment = due + level.Offset;
                    if (moment <= after || moment > until || moment < message.ReceivedAt || message.Escalations.Contains(level.Name))
                        continue;
                    var target = level.Target == "recipient" && message.Recipients.Count > 0 ? string.Join(", ", message.Recipients) : level.Target;
                    if (await _operations.EscalateAsync(message.Id, level.Name, target, level.Title, cancellationToken).ConfigureAwait(false))
                        raised++;
                }
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return raised;
    }

    private async Task<DateTimeOffset?> ReadWatermarkAsync(CancellationToken cancellationToken)
    {
        var text = await _store.GetSettingAsync(WatermarkSetting, cancellationToken).ConfigureAwait(false);
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks) ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
    }
}

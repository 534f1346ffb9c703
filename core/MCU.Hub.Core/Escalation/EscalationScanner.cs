using MCU.Hub.Messages;
using MCU.Hub.Storage;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Escalation;

/// <summary>
/// Raises escalation levels for open messages whose deadline is near or past; each level once per deadline
/// (an extension or a recomputed deadline starts the levels again).
/// </summary>
public sealed class EscalationScanner
{
    private static readonly MessageStatus[] OpenStatuses =
        [.. Enum.GetValues<MessageStatus>().Where(MessageStatusTransitions.IsOpen)];

    private readonly IHubStore _store;
    private readonly MessageOperations _operations;
    private readonly List<EscalationLevel> _levels;

    /// <summary>Creates the scanner.</summary>
    /// <param name="store">The store.</param>
    /// <param name="operations">The message operations that record each escalation.</param>
    /// <param name="options">The engine options.</param>
    public EscalationScanner(IHubStore store, MessageOperations operations, IOptions<McuHubOptions> options)
    {
        _store = store;
        _operations = operations;
        _levels = options.Value.Escalation.EffectiveLevels();
    }

    /// <summary>Raises every level that is due at <paramref name="now"/>.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Stops the scan.</param>
    /// <returns>How many escalations were raised.</returns>
    public async Task<int> ScanAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_levels.Count == 0)
            return 0;

        // Only messages due before now minus the earliest offset can have a level due.
        var horizon = now - _levels[0].Offset;
        var raised = 0;
        string? cursor = null;
        do
        {
            var page = await _store.ListMessagesAsync(new MessageQuery { Statuses = OpenStatuses, DueBefore = horizon, PageSize = 500, Cursor = cursor }, cancellationToken).ConfigureAwait(false);
            foreach (var message in page.Items)
            {
                foreach (var level in _levels)
                {
                    if (message.DueAt is not { } due || due + level.Offset > now || message.Escalations.Contains(level.Name))
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
}

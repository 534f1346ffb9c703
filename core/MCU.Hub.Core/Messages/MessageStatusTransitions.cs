namespace MCU.Hub.Messages;

/// <summary>The status changes a message may go through.</summary>
public static class MessageStatusTransitions
{
    private static readonly Dictionary<MessageStatus, MessageStatus[]> Allowed = new()
    {
        [MessageStatus.New] = [MessageStatus.Routed, MessageStatus.InProgress, MessageStatus.Answered, MessageStatus.Rejected],
        [MessageStatus.Routed] = [MessageStatus.InProgress, MessageStatus.Answered, MessageStatus.Returned, MessageStatus.Rejected],
        [MessageStatus.InProgress] = [MessageStatus.Answered, MessageStatus.Returned, MessageStatus.Rejected],
        [MessageStatus.Answered] = [MessageStatus.Closed, MessageStatus.Reopened],
        [MessageStatus.Closed] = [MessageStatus.Reopened],
        [MessageStatus.Returned] = [MessageStatus.Routed, MessageStatus.Rejected],
        [MessageStatus.Reopened] = [MessageStatus.InProgress, MessageStatus.Answered, MessageStatus.Returned],
        [MessageStatus.Rejected] = [MessageStatus.Reopened],
    };

    /// <summary>Tells whether a message may move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    /// <param name="from">The current status.</param>
    /// <param name="to">The wanted status.</param>
    /// <returns><see langword="true"/> when the change is allowed.</returns>
    public static bool IsAllowed(MessageStatus from, MessageStatus to) =>
        Allowed.TryGetValue(from, out var targets) && Array.IndexOf(targets, to) >= 0;

    /// <summary>Gets the statuses reachable from <paramref name="from"/>.</summary>
    /// <param name="from">The current status.</param>
    /// <returns>The allowed next statuses.</returns>
    public static IReadOnlyList<MessageStatus> From(MessageStatus from) =>
        Allowed.TryGetValue(from, out var targets) ? targets : [];

    /// <summary>Gets a value indicating whether work on a message in <paramref name="status"/> is still owed.</summary>
    /// <param name="status">The status.</param>
    /// <returns><see langword="true"/> for open statuses.</returns>
    public static bool IsOpen(MessageStatus status) =>
        status is not (MessageStatus.Answered or MessageStatus.Closed or MessageStatus.Rejected);
}

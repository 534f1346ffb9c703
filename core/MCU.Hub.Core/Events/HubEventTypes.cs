namespace MCU.Hub.Events;

/// <summary>The hub's event types.</summary>
public static class HubEventTypes
{
    /// <summary>A message was registered.</summary>
    public const string Received = "message.received";

    /// <summary>A message was assigned to its recipients.</summary>
    public const string Routed = "message.routed";

    /// <summary>A message's status changed.</summary>
    public const string StatusChanged = "message.status_changed";

    /// <summary>A message was answered.</summary>
    public const string Answered = "message.answered";

    /// <summary>A message was closed.</summary>
    public const string Closed = "message.closed";
}

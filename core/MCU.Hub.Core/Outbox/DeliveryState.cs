namespace MCU.Hub.Outbox;

/// <summary>Where a reply to a channel is on its way out.</summary>
public enum DeliveryState
{
    /// <summary>Waiting for its (next) attempt.</summary>
    Pending = 0,

    /// <summary>An attempt is under way or its outcome was lost; it is retried with the same idempotency key.</summary>
    Sent = 1,

    /// <summary>The external system confirmed it.</summary>
    Acknowledged = 2,

    /// <summary>Gave up after the allowed attempts: a stuck delivery that needs a person.</summary>
    Failed = 3,
}

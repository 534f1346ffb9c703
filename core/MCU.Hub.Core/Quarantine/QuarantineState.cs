namespace MCU.Hub.Quarantine;

/// <summary>What became of a quarantined item.</summary>
public enum QuarantineState
{
    /// <summary>Held: waiting for a fix and a replay.</summary>
    Held = 0,

    /// <summary>Replayed after a fix and registered as a message.</summary>
    Replayed = 1,

    /// <summary>Discarded by a person (spam, a test item).</summary>
    Discarded = 2,
}

using MCU.Hub.Events;

namespace MCU.Hub.Storage.Internal;

/// <summary>
/// Consecutive events of one intake transaction (<see cref="First"/> … <see cref="Last"/>, no gaps), stored as one
/// document keyed by the last sequence number, for the same reason as <see cref="IntakeHistoryDocument"/>.
/// </summary>
internal sealed class EventPackDocument
{
    /// <summary>The most events in one pack, so that a reader resuming inside a pack reads little it has seen.</summary>
    public const int MaxEvents = 256;

    public long Last { get; set; }

    public long First { get; set; }

    public List<HubEvent> Events { get; set; } = [];
}

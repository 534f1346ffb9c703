using MCU.Hub.Messages;

namespace MCU.Hub.Storage.Internal;

/// <summary>
/// The history entries the intake writes for one message (received, classified, routed, deadline), stored as one
/// document keyed by the message id: a document costs the store far more than its bytes, and these entries are only
/// ever read together.
/// </summary>
internal sealed class IntakeHistoryDocument
{
    public string MessageId { get; set; } = "";

    public List<MessageHistoryEntry> Entries { get; set; } = [];
}

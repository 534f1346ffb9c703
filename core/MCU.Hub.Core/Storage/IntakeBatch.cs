using MCU.Hub.Audit;
using MCU.Hub.Events;
using MCU.Hub.Messages;
using MCU.Hub.Quarantine;
using MCU.Hub.Records;

namespace MCU.Hub.Storage;

/// <summary>What the intake writes in one transaction.</summary>
/// <param name="Items">The new messages.</param>
/// <param name="Checkpoints">Channel checkpoints to store with them, by channel code.</param>
public sealed record IntakeBatch(IReadOnlyList<IntakeItem> Items, IReadOnlyDictionary<string, string?> Checkpoints)
{
    /// <summary>Gets channel records to upsert with the messages: a record replaces the stored one only when it is newer.</summary>
    public IReadOnlyList<StoredRecord> Records { get; init; } = [];

    /// <summary>Gets items to hold in quarantine; one already held (same id) is left as it is.</summary>
    public IReadOnlyList<QuarantinedItem> Quarantine { get; init; } = [];

    /// <summary>
    /// Gets the audit entries of the calls whose change this batch is, for a store that writes them in the same
    /// transaction (and then marks each scope written); a store that does not leaves them to the audit log.
    /// </summary>
    public IReadOnlyList<IntakeAudit> Audit { get; init; } = [];
}

/// <summary>The audit entry of a call that rides in an intake transaction.</summary>
/// <param name="Scope">The call's scope: its entry, and where the store records that it was written.</param>
/// <param name="TargetItem">The index in <see cref="IntakeBatch.Items"/> whose stored message id is the entry's target (the new message's or, for a duplicate, the one stored before); -1 to keep the entry's target.</param>
public sealed record IntakeAudit(AuditScope Scope, int TargetItem);

/// <summary>A new message with its first history entries and events, written only if the message is new.</summary>
/// <param name="Message">The message.</param>
/// <param name="History">Its first history entries.</param>
/// <param name="Events">Its first events.</param>
public sealed record IntakeItem(HubMessage Message, IReadOnlyList<MessageHistoryEntry> History, IReadOnlyList<HubEvent> Events);

/// <summary>What became of one message of an intake batch.</summary>
/// <param name="MessageId">The id of the stored message: the new one, or the one stored before.</param>
/// <param name="Duplicate"><see langword="true"/> when the message was already stored and nothing changed.</param>
public sealed record IntakeOutcome(string MessageId, bool Duplicate);

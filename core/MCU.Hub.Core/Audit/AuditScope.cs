namespace MCU.Hub.Audit;

/// <summary>
/// The pending audit entry of the call in progress, for a store that can write it in the same transaction as the
/// call's one change: then the change and its entry are durable together, and the call waits for one commit, not two.
/// </summary>
/// <remarks>
/// The API opens a scope around a change call whose outcome, when it succeeds, is that one write (a unary
/// <c>SubmitMessage</c>). It flows with the call's execution context. The intake claims the entry when it hands its
/// write to the store (once: a second write of the same call does not carry it), and the store marks it written after
/// the commit is durable. A store that does not write audit entries leaves it unwritten, and the API appends the entry
/// to the audit log itself, as it does for a call that failed.
/// </remarks>
public sealed class AuditScope : IDisposable
{
    private static readonly AsyncLocal<AuditScope?> Ambient = new();
    private readonly AuditScope? _previous;
    private int _claimed;
    private volatile bool _written;

    private AuditScope(AuditEntry entry, AuditScope? previous)
    {
        Entry = entry;
        _previous = previous;
    }

    /// <summary>Gets the scope of the call in progress, or <see langword="null"/>.</summary>
    public static AuditScope? Current => Ambient.Value;

    /// <summary>Gets the entry to write when the call's change succeeds (its outcome <c>OK</c>).</summary>
    public AuditEntry Entry { get; }

    /// <summary>Gets a value indicating whether a store has written <see cref="Entry"/> durably with the call's change.</summary>
    public bool Written => _written;

    /// <summary>Opens a scope for the calling flow; dispose it when the call ends.</summary>
    /// <param name="entry">The entry of the call, with its outcome <c>OK</c>.</param>
    /// <returns>The scope.</returns>
    public static AuditScope Begin(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var scope = new AuditScope(entry, Ambient.Value);
        Ambient.Value = scope;
        return scope;
    }

    /// <summary>Claims the entry for one write, stamping its time and id; only the first claim succeeds.</summary>
    /// <param name="time">The clock for <see cref="AuditEntry.At"/> and the time-ordered id.</param>
    /// <returns><see langword="true"/> when the caller's write is to carry the entry.</returns>
    public bool TryClaim(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (Interlocked.Exchange(ref _claimed, 1) != 0)
            return false;
        Entry.At = time.GetUtcNow();
        Entry.Id = Guid.CreateVersion7(Entry.At).ToString("N");
        return true;
    }

    /// <summary>Records that a store has written <see cref="Entry"/>; call it only once the commit is durable.</summary>
    public void MarkWritten() => _written = true;

    /// <summary>Closes the scope: the calling flow sees the scope it had before.</summary>
    public void Dispose()
    {
        if (Ambient.Value == this)
            Ambient.Value = _previous;
    }
}

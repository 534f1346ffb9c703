namespace MCU.Hub.Audit;

/// <summary>The durable log of changes made through the API.</summary>
public interface IAuditLog
{
    /// <summary>Appends an entry; durable when the task completes.</summary>
    /// <param name="entry">The entry; its id is assigned when empty.</param>
    /// <param name="cancellationToken">Cancels before the write starts.</param>
    /// <returns>A task.</returns>
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Lists entries, newest first.</summary>
    /// <param name="tenants">Only these municipalities' entries; empty for all.</param>
    /// <param name="before">Only entries older than this id (the cursor of the previous page), or <see langword="null"/>.</param>
    /// <param name="maxCount">The most to return.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entries.</returns>
    Task<IReadOnlyList<AuditEntry>> ListAsync(IReadOnlyCollection<string> tenants, string? before, int maxCount, CancellationToken cancellationToken);
}

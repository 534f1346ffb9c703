namespace MCU.Hub.Storage;

/// <summary>
/// The store's file cannot be opened or written: it is held by another process, its folder is not accessible, or the
/// disk is full. The message (Russian, for the operator) names the file and the cause; nothing was changed.
/// </summary>
/// <remarks>
/// Derived from <see cref="IOException"/>, so that callers that handle input/output errors in general keep working.
/// The condition is external: once it goes away (the other process ends, space is freed), the same call succeeds.
/// </remarks>
public sealed class HubStoreUnavailableException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The full path of the store file.</param>
    /// <param name="diskFull">Whether the cause is a full disk.</param>
    /// <param name="message">The message for the operator.</param>
    /// <param name="innerException">The error of the file system.</param>
    public HubStoreUnavailableException(string path, bool diskFull, string message, Exception? innerException)
        : base(message, innerException)
    {
        FilePath = path;
        DiskFull = diskFull;
    }

    /// <summary>Gets the full path of the store file.</summary>
    public string FilePath { get; }

    /// <summary>Gets whether the cause is a full disk (no space left on the device, or a quota reached).</summary>
    public bool DiskFull { get; }

    /// <summary>Finds a <see cref="HubStoreUnavailableException"/> in <paramref name="exception"/> or its inner exceptions.</summary>
    /// <param name="exception">The exception to search.</param>
    /// <returns>The exception found, or <see langword="null"/>.</returns>
    public static HubStoreUnavailableException? Find(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HubStoreUnavailableException found)
                return found;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    if (Find(inner) is { } nested)
                        return nested;
                }
            }
        }

        return null;
    }
}

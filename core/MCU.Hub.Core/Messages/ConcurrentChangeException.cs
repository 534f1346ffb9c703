namespace MCU.Hub.Messages;

/// <summary>
/// A change lost every retry to concurrent changes of the same message or roadmap. Nothing was written; the caller may
/// retry later (gRPC ABORTED).
/// </summary>
public sealed class ConcurrentChangeException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What could not be changed, in Russian.</param>
    public ConcurrentChangeException(string message)
        : base(message)
    {
    }
}

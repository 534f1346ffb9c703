namespace MCU.Hub.FastTrack;

/// <summary>Thrown when the municipality's fast-track catalogue has no entry with the code asked for.</summary>
public sealed class FastTrackEntryNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">The code asked for.</param>
    public FastTrackEntryNotFoundException(string code)
        : base($"code: позиции фаст-трека «{code}» нет в каталоге")
    {
        Code = code;
    }

    /// <summary>Creates the exception.</summary>
    public FastTrackEntryNotFoundException()
        : this("")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public FastTrackEntryNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "";
    }

    /// <summary>Gets the code asked for.</summary>
    public string Code { get; }
}

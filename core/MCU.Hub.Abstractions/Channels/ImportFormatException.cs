namespace MCU.Hub.Channels;

/// <summary>Thrown by an importer when a file as a whole cannot be used; nothing of it is stored.</summary>
public sealed class ImportFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ImportFormatException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong with the file, in Russian.</param>
    public ImportFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong with the file, in Russian.</param>
    /// <param name="innerException">The cause.</param>
    public ImportFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

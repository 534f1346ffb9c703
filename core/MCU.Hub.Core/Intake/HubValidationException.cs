namespace MCU.Hub.Intake;

/// <summary>Thrown when input is invalid; names the offending field. Nothing was changed.</summary>
public sealed class HubValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="field">The offending field, in the API's snake_case naming (for example <c>text</c>).</param>
    /// <param name="message">What is wrong, in Russian for people.</param>
    public HubValidationException(string field, string message)
        : base($"{field}: {message}")
    {
        Field = field;
        Problem = message;
    }

    /// <summary>Creates the exception.</summary>
    public HubValidationException()
        : this("", "")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public HubValidationException(string message)
        : this("", message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public HubValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "";
        Problem = message;
    }

    /// <summary>Gets the offending field.</summary>
    public string Field { get; }

    /// <summary>Gets what is wrong with it.</summary>
    public string Problem { get; }
}

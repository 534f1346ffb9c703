namespace MCU.Hub.Answers;

/// <summary>
/// Thrown when a step of the answer cycle does not fit the draft's current state: it was approved or returned meanwhile,
/// or it was rewritten since the reviewer read it. Nothing was changed.
/// </summary>
public sealed class AnswerConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, in Russian for people.</param>
    /// <param name="stale">
    /// <see langword="true"/> when the caller acted on an older revision than the current one (read it again and retry);
    /// <see langword="false"/> when the draft is in a state the step does not accept.
    /// </param>
    public AnswerConflictException(string message, bool stale)
        : base(message)
    {
        Stale = stale;
    }

    /// <summary>Creates the exception.</summary>
    public AnswerConflictException()
        : this("", stale: false)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public AnswerConflictException(string message)
        : this(message, stale: false)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public AnswerConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets a value indicating whether the caller acted on an older revision than the current one.</summary>
    public bool Stale { get; }
}

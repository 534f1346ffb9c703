namespace MCU.Hub.Routing;

/// <summary>Thrown when a rule set (saved, imported or given for a dry run) is invalid. Nothing was saved.</summary>
public sealed class RuleSetValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errors">The problems; at least one.</param>
    public RuleSetValidationException(IReadOnlyList<RuleValidationError> errors)
        : base(Format(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception.</summary>
    public RuleSetValidationException()
        : this([])
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public RuleSetValidationException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RuleSetValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Gets the problems, each naming its rule and field.</summary>
    public IReadOnlyList<RuleValidationError> Errors { get; }

    private static string Format(IReadOnlyList<RuleValidationError> errors) =>
        errors.Count == 0
            ? "Набор автоправил неверен."
            : $"Набор автоправил неверен, ничего не сохранено: {string.Join("; ", errors)}";
}

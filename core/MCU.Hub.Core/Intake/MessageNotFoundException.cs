namespace MCU.Hub.Intake;

/// <summary>Thrown when a message id is not in the store.</summary>
public sealed class MessageNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="messageId">The id that was not found.</param>
    public MessageNotFoundException(string messageId)
        : base($"сообщение '{messageId}' не найдено")
    {
        MessageId = messageId;
    }

    /// <summary>Creates the exception.</summary>
    public MessageNotFoundException()
        : this("")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public MessageNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        MessageId = "";
    }

    /// <summary>Gets the id that was not found.</summary>
    public string MessageId { get; }
}

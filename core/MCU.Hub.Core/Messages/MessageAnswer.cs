namespace MCU.Hub.Messages;

/// <summary>The answer given to a message.</summary>
public sealed class MessageAnswer
{
    /// <summary>Gets or sets the answer text.</summary>
    public string Text { get; set; } = "";

    /// <summary>Gets or sets who answered (a recipient code or a user).</summary>
    public string? AnsweredBy { get; set; }

    /// <summary>Gets or sets when the answer was given.</summary>
    public DateTimeOffset AnsweredAt { get; set; }

    /// <summary>Gets or sets links to files attached to the answer.</summary>
    public List<string> Attachments { get; set; } = [];
}

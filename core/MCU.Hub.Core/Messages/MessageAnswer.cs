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

    /// <summary>Gets or sets who approved it (an МЦУ specialist), when it came through the answer cycle; <see langword="null"/> for an answer given directly.</summary>
    public string? ApprovedBy { get; set; }

    /// <summary>Gets or sets the proof of the work done that came with the approved draft (photo, video, ГЛОНАСС track).</summary>
    public List<Answers.AnswerEvidence> Evidence { get; set; } = [];

    /// <summary>Gets or sets the id of the answer template the text was made from, if any.</summary>
    public string? TemplateId { get; set; }
}

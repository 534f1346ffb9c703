namespace MCU.Hub.Answers;

/// <summary>
/// The draft answer (проект ответа) of a message: written by the responsible recipient's executor, approved or returned
/// for rework by an МЦУ specialist («согласовывают и размещают ответы от исполнителей»). Kept on the message itself, so
/// every step is one atomic change of the message with its history entry and event.
/// </summary>
public sealed class AnswerDraft
{
    /// <summary>Gets or sets the revision: 1 for the first text, one more for every new text.</summary>
    public int Revision { get; set; }

    /// <summary>Gets or sets the state.</summary>
    public DraftState State { get; set; }

    /// <summary>Gets or sets the answer text.</summary>
    public string Text { get; set; } = "";

    /// <summary>Gets or sets links to files attached to the answer (documents, photos).</summary>
    public List<string> Attachments { get; set; } = [];

    /// <summary>Gets or sets the proof of the work done (photo, video, ГЛОНАСС track).</summary>
    public List<AnswerEvidence> Evidence { get; set; } = [];

    /// <summary>Gets or sets the recipient (directory code) on whose behalf the answer is given, if named.</summary>
    public string? AnsweredBy { get; set; }

    /// <summary>Gets or sets the id of the answer template the text was made from, if any.</summary>
    public string? TemplateId { get; set; }

    /// <summary>Gets or sets who wrote the current revision.</summary>
    public string Author { get; set; } = "";

    /// <summary>Gets or sets when the first revision was written.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Gets or sets when the current revision was written.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Gets or sets who last returned or approved it.</summary>
    public string? ReviewedBy { get; set; }

    /// <summary>Gets or sets when it was last returned or approved.</summary>
    public DateTimeOffset? ReviewedAt { get; set; }

    /// <summary>Gets or sets the reviewer's last comment (what to rework, or a note on approval).</summary>
    public string? ReviewComment { get; set; }

    /// <summary>Gets or sets how many times the draft was returned for rework (not <see cref="Messages.HubMessage.ReturnCount"/>, which counts messages a recipient returned as not theirs).</summary>
    public int ReworkCount { get; set; }
}

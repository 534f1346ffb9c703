namespace MCU.Hub.Answers;

/// <summary>A new revision of a message's draft answer, as its author writes it.</summary>
public sealed record DraftSubmission
{
    /// <summary>Gets the answer text; not empty.</summary>
    public required string Text { get; init; }

    /// <summary>Gets links to files attached to the answer.</summary>
    public IReadOnlyList<string> Attachments { get; init; } = [];

    /// <summary>Gets the proof of the work done (photo, video, ГЛОНАСС track).</summary>
    public IReadOnlyList<AnswerEvidence> Evidence { get; init; } = [];

    /// <summary>Gets the recipient (directory code) on whose behalf the answer is given; one of the message's recipients, or <see langword="null"/>.</summary>
    public string? AnsweredBy { get; init; }

    /// <summary>Gets the id of the answer template the text was made from, if any.</summary>
    public string? TemplateId { get; init; }

    /// <summary>Gets a value indicating whether to keep it as a draft (<see cref="DraftState.Draft"/>) instead of sending it for approval.</summary>
    public bool SaveOnly { get; init; }
}

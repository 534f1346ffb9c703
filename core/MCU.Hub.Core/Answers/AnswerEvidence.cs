namespace MCU.Hub.Answers;

/// <summary>A link to proof of the work done: a photo, a video or a ГЛОНАСС track.</summary>
public sealed class AnswerEvidence
{
    /// <summary>Gets or sets the kind of proof.</summary>
    public EvidenceKind Kind { get; set; }

    /// <summary>Gets or sets the link (an absolute http or https address).</summary>
    public string Url { get; set; } = "";

    /// <summary>Gets or sets when the photo or video was taken, or the track recorded, if known.</summary>
    public DateTimeOffset? CapturedAt { get; set; }

    /// <summary>Gets or sets a short description (what is shown, the vehicle's number).</summary>
    public string? Description { get; set; }

    /// <summary>Gets a value indicating whether the proof is published with the answer: photos and videos are, a ГЛОНАСС track stays in the hub.</summary>
    public bool IsPublished => Kind is EvidenceKind.Photo or EvidenceKind.Video;
}

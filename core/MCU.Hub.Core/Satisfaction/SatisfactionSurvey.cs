using MCU.Hub.Storage;

namespace MCU.Hub.Satisfaction;

/// <summary>
/// A satisfaction survey of one closed message: the personal link's token hash (never the token), when it was sent and
/// until when it is valid, and the citizen's one answer.
/// </summary>
public sealed class SatisfactionSurvey : IStoredDocument
{
    /// <inheritdoc />
    public static string Collection => "satisfaction_surveys";

    /// <summary>Gets or sets the id: the message's id (one survey per message).</summary>
    public string Id { get; set; } = "";

    /// <inheritdoc />
    public string Tenant { get; set; } = "";

    /// <summary>Gets the lookup key: <see cref="TokenHash"/>.</summary>
    public string? Key => TokenHash;

    /// <inheritdoc />
    public int Version { get; set; }

    /// <summary>Gets or sets the SHA-256 of the link's token, lower-case hex.</summary>
    public string TokenHash { get; set; } = "";

    /// <summary>Gets or sets the message's channel.</summary>
    public string Channel { get; set; } = "";

    /// <summary>Gets or sets the short description of the problem the page shows (category and date; no personal data).</summary>
    public string Summary { get; set; } = "";

    /// <summary>Gets or sets when the survey was created and sent.</summary>
    public DateTimeOffset SentAt { get; set; }

    /// <summary>Gets or sets when the link stops being valid.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Gets or sets how the link went out: <c>outbox</c> (through the channel), or <c>no_channel</c> («нет канала доставки»).</summary>
    public string Delivery { get; set; } = "";

    /// <summary>Gets or sets the id of the outbox delivery that carries the link, if any.</summary>
    public string? DeliveryId { get; set; }

    /// <summary>Gets or sets the answer (<see cref="SurveyAnswer.None"/> until answered).</summary>
    public SurveyAnswer Answer { get; set; }

    /// <summary>Gets or sets the citizen's comment, if any.</summary>
    public string? Comment { get; set; }

    /// <summary>Gets or sets when the citizen answered.</summary>
    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>Gets or sets a value indicating whether the answer reopened the message.</summary>
    public bool Reopened { get; set; }
}

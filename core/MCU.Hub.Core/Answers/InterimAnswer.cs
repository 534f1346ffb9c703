namespace MCU.Hub.Answers;

/// <summary>An interim answer (промежуточный ответ): the work goes on, and the final answer is expected by a date.</summary>
public sealed class InterimAnswer
{
    /// <summary>Gets or sets the text.</summary>
    public string Text { get; set; } = "";

    /// <summary>Gets or sets the date by which the final answer is expected.</summary>
    public DateTimeOffset ExpectedBy { get; set; }

    /// <summary>Gets or sets who gave it.</summary>
    public string Author { get; set; } = "";

    /// <summary>Gets or sets when it was given.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether it was queued for the channel; <see langword="false"/> when the channel does
    /// not take interim answers, so it is only recorded in the hub.
    /// </summary>
    public bool SentToChannel { get; set; }
}

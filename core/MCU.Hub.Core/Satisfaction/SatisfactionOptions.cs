using System.ComponentModel.DataAnnotations;

namespace MCU.Hub.Satisfaction;

/// <summary>
/// Satisfaction surveys (сбор информации об удовлетворённости граждан результатами обработки их сообщений): bound from
/// <c>McuHub:Satisfaction</c>, validated at start-up.
/// </summary>
public sealed class SatisfactionOptions
{
    /// <summary>The configuration section, relative to <c>McuHub</c>.</summary>
    public const string SectionName = "Satisfaction";

    /// <summary>Gets or sets a value indicating whether surveys are sent.</summary>
    /// <value>The default is <see langword="false"/>: sending needs <see cref="PublicBaseUrl"/>, which only the deployment knows.</value>
    public bool Enabled { get; set; }

    /// <summary>Gets or sets how long after closing a message its survey is sent.</summary>
    /// <value>The default is one day: the citizen has seen the result, the memory is fresh.</value>
    public TimeSpan Delay { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Gets or sets the share (0…1) of closed messages that get a survey. The choice is deterministic by message id, so
    /// a restart or a second instance picks the same messages.
    /// </summary>
    /// <value>The default is 1: every closed message without a rating from its channel.</value>
    [Range(0.0, 1.0)]
    public double Share { get; set; } = 1;

    /// <summary>Gets or sets how long a survey link is valid after it is sent.</summary>
    /// <value>The default is 14 days.</value>
    public TimeSpan ValidFor { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Gets or sets the public base address of the host (<c>https://mcu.example.ru</c>); links are <c>{PublicBaseUrl}/survey/{token}</c>.</summary>
    /// <value>No default; required when <see cref="Enabled"/> is set.</value>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Gets or sets a value indicating whether the answer «Не решено» reopens the message.</summary>
    /// <value>The default is <see langword="true"/>; the message is flagged for review either way.</value>
    public bool ReopenOnUnsolved { get; set; } = true;

    /// <summary>Gets or sets how often the host looks for messages due a survey.</summary>
    /// <value>The default is 5 minutes.</value>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the longest comment a citizen may leave, in characters.</summary>
    /// <value>The default is 2000.</value>
    [Range(0, 20_000)]
    public int MaxCommentLength { get; set; } = 2000;
}

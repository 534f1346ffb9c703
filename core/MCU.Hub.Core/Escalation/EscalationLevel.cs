using System.ComponentModel.DataAnnotations;

namespace MCU.Hub.Escalation;

/// <summary>One step of escalation: raised once per deadline when the time relative to the deadline comes.</summary>
public sealed class EscalationLevel
{
    /// <summary>Gets or sets the unique name (<c>reminder</c>, <c>deadline</c>, <c>overdue</c> ...).</summary>
    [Required]
    public string Name { get; set; } = "";

    /// <summary>Gets or sets when the level is raised, relative to the deadline: negative before it, positive after.</summary>
    public TimeSpan Offset { get; set; }

    /// <summary>Gets or sets whom it notifies (<c>recipient</c>, <c>block-head</c>, <c>mcu-head</c> or a role or address of the municipality).</summary>
    [Required]
    public string Target { get; set; } = "";

    /// <summary>Gets or sets what it says, in Russian.</summary>
    public string Title { get; set; } = "";
}

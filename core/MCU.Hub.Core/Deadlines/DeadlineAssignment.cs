using System.ComponentModel.DataAnnotations;

namespace MCU.Hub.Deadlines;

/// <summary>
/// Chooses a deadline policy for messages that match; the first matching assignment wins. Unset conditions match
/// every message. A routing rule's deadline policy overrides all assignments.
/// </summary>
public sealed class DeadlineAssignment
{
    /// <summary>Gets or sets the name of the policy to apply.</summary>
    [Required]
    public string Policy { get; set; } = "";

    /// <summary>Gets or sets the message kinds.</summary>
    public List<MessageKind> Kinds { get; set; } = [];

    /// <summary>Gets or sets the channel codes.</summary>
    public List<string> Channels { get; set; } = [];

    /// <summary>Gets or sets the category or block codes.</summary>
    public List<string> Categories { get; set; } = [];

    /// <summary>Gets or sets the channels' own subcategories (ПОС sets deadlines per subcategory).</summary>
    public List<string> SourceSubcategories { get; set; } = [];

    /// <summary>Gets or sets the fast-track flag the message must have, or <see langword="null"/> for any.</summary>
    public bool? FastTrack { get; set; }

    /// <summary>Gets or sets the importance the message must have (metadata <c>important</c> = <c>true</c>), or <see langword="null"/> for any.</summary>
    public bool? Important { get; set; }
}

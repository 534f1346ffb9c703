using MCU.Hub.Storage;

namespace MCU.Hub.Informing;

/// <summary>
/// A link from a publication of an official page (госпаблик) to the decision it reports: a ПОС decision, a roadmap or a
/// repaired problem. Set by the person responsible for informing when the publication itself does not name the decision
/// (its <c>reports_on</c> field).
/// </summary>
public sealed class PublicationLink : IStoredDocument
{
    /// <inheritdoc />
    public static string Collection => "publication_links";

    /// <summary>Gets or sets the id: <c>{publication}|{target kind}|{target id}</c>.</summary>
    public string Id { get; set; } = "";

    /// <inheritdoc />
    public string Tenant { get; set; } = "";

    /// <summary>Gets the lookup key: <see cref="PublicationId"/>.</summary>
    public string? Key => PublicationId;

    /// <inheritdoc />
    public int Version { get; set; }

    /// <summary>Gets or sets the publication's id in its channel.</summary>
    public string PublicationId { get; set; } = "";

    /// <summary>Gets or sets the channel of the publication.</summary>
    public string Channel { get; set; } = "";

    /// <summary>Gets or sets the page the publication is on.</summary>
    public string? PageId { get; set; }

    /// <summary>Gets or sets what is reported on.</summary>
    public PublicationLinkTarget Target { get; set; }

    /// <summary>Gets or sets the id of what is reported on: the decision record's id, the roadmap's id or the message's id.</summary>
    public string TargetId { get; set; } = "";

    /// <summary>Gets or sets who linked it.</summary>
    public string LinkedBy { get; set; } = "";

    /// <summary>Gets or sets when it was linked.</summary>
    public DateTimeOffset LinkedAt { get; set; }

    /// <summary>Builds the id of a link.</summary>
    /// <param name="publicationId">The publication.</param>
    /// <param name="target">The kind of target.</param>
    /// <param name="targetId">The target's id.</param>
    /// <returns>The id.</returns>
    public static string IdOf(string publicationId, PublicationLinkTarget target, string targetId) => $"{publicationId}|{target}|{targetId}";
}

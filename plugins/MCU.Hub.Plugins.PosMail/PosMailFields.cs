namespace MCU.Hub.Plugins.PosMail;

/// <summary>
/// The fields of a ПОС notification that the connector reads, by the key they have in
/// <see cref="PosMailOptions.Labels"/>.
/// </summary>
public static class PosMailFields
{
    /// <summary>The ПОС message number: <c>InboundItem.ExternalId</c>.</summary>
    public const string Number = "Number";

    /// <summary>When the citizen created the message: <c>InboundItem.CreatedAt</c>.</summary>
    public const string Date = "Date";

    /// <summary>The ПОС category: <c>InboundItem.SourceCategory</c>.</summary>
    public const string Category = "Category";

    /// <summary>The ПОС subcategory: <c>InboundItem.SourceSubcategory</c>.</summary>
    public const string Subcategory = "Subcategory";

    /// <summary>The applicant's name: <c>AuthorInfo.Name</c>.</summary>
    public const string Name = "Name";

    /// <summary>The applicant's phone: <c>AuthorInfo.Phone</c>.</summary>
    public const string Phone = "Phone";

    /// <summary>The applicant's e-mail: <c>AuthorInfo.Email</c>.</summary>
    public const string Email = "Email";

    /// <summary>The applicant's own address: <c>InboundItem.Metadata["applicant_address"]</c>.</summary>
    public const string ApplicantAddress = "ApplicantAddress";

    /// <summary>Where the problem is: <c>InboundItem.Address</c>.</summary>
    public const string ProblemAddress = "ProblemAddress";

    /// <summary>The point of the problem, «широта, долгота»: <c>InboundItem.Latitude</c>, <c>Longitude</c>.</summary>
    public const string Coordinates = "Coordinates";

    /// <summary>The citizen's text: <c>InboundItem.Text</c>; the only field that may span several lines.</summary>
    public const string Text = "Text";

    /// <summary>The answer deadline the platform set: <c>InboundItem.DueAt</c>.</summary>
    public const string Deadline = "Deadline";

    /// <summary>A link to the message in the ПОС cabinet: <c>InboundItem.Metadata["url"]</c>.</summary>
    public const string Link = "Link";

    /// <summary>Gets every field key, in the order the README lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Number, Date, Category, Subcategory, Name, Phone, Email, ApplicantAddress, ProblemAddress, Coordinates, Text, Deadline, Link];
}

namespace MCU.Hub.Emulators.IncidentManagement;

/// <summary>The author of a post or comment: JSON <c>{ "name", "profile_url", "is_organisation" }</c>.</summary>
/// <param name="Name">The name as the network shows it.</param>
/// <param name="ProfileUrl">A link to the author's profile or channel.</param>
/// <param name="IsOrganisation">The author is a community, channel or organisation rather than a person.</param>
public sealed record IncidentAuthor(string? Name, string? ProfileUrl, bool IsOrganisation);

namespace MCU.Hub.Tenants;

/// <summary>
/// A municipality served by the hub (a tenant), identified by its ОКТМО code. Every message, event, report and rule
/// set belongs to exactly one tenant.
/// </summary>
public sealed class TenantDefinition
{
    /// <summary>Gets or sets the ОКТМО code (8 or 11 digits).</summary>
    public string Oktmo { get; set; } = "";

    /// <summary>Gets or sets the name of the municipality, as in the ОКТМО classifier.</summary>
    public string Name { get; set; } = "";

    /// <summary>
    /// Gets or sets the codes of the channels whose items belong to this municipality. A channel no tenant names
    /// belongs to the default tenant (<see cref="McuHubOptions.Oktmo"/>, or the first tenant).
    /// </summary>
    public List<string> Channels { get; set; } = [];
}

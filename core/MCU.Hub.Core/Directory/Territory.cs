namespace MCU.Hub.Directory;

/// <summary>A territory of the municipality (district, settlement, microdistrict).</summary>
public sealed class Territory
{
    /// <summary>Gets or sets the stable code.</summary>
    public string Code { get; set; } = "";

    /// <summary>Gets or sets the name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Gets or sets words that identify the territory in an address (street or settlement names).</summary>
    public List<string> AddressKeywords { get; set; } = [];
}

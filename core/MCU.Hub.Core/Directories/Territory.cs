namespace MCU.Hub.Directories;

/// <summary>A territory of the municipality (district, settlement, microdistrict).</summary>
public sealed class Territory
{
    /// <summary>Gets or sets the stable code.</summary>
    public string Code { get; set; } = "";

    /// <summary>Gets or sets the name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Gets or sets words that identify the territory in an address (street or settlement names).</summary>
    public List<string> AddressKeywords { get; set; } = [];

    /// <summary>
    /// Gets or sets the territory's boundary as GeoJSON text: a <c>Polygon</c> or <c>MultiPolygon</c> geometry, or a
    /// <c>Feature</c>/<c>FeatureCollection</c> of them, in WGS 84 longitude–latitude order; inner rings are holes.
    /// A message with coordinates inside it lands in this territory.
    /// </summary>
    /// <value>The default is <see langword="null"/>: the territory is found by <see cref="AddressKeywords"/> only.</value>
    public string? GeoJson { get; set; }
}

using MCU.Hub.Directories;
using MCU.Hub.Territories.Internal;

namespace MCU.Hub.Territories;

/// <summary>
/// Finds the territory by the polygons in <see cref="Territory.GeoJson"/> (point in polygon, holes honoured, a point
/// on a boundary counts as inside). Where territories overlap, the smallest one that contains the point wins, so a
/// microdistrict beats the district around it.
/// </summary>
/// <remarks>
/// Coordinates are treated as plane longitude–latitude, which is exact enough at the scale of a municipality;
/// polygons that cross the 180th meridian are not supported. Immutable and thread-safe.
/// </remarks>
public sealed class PolygonTerritoryLocator : ITerritoryLocator
{
    private readonly (string Code, Polygon Polygon)[] _polygons;

    /// <summary>Creates the locator from the territories of the directory that have a <see cref="Territory.GeoJson"/>.</summary>
    /// <param name="directory">The directory.</param>
    /// <exception cref="ArgumentException">A territory's GeoJSON is invalid; the message names the territory.</exception>
    public PolygonTerritoryLocator(HubDirectory directory)
        : this(directory.Territories)
    {
    }

    /// <summary>Creates the locator from territories; those without <see cref="Territory.GeoJson"/> are skipped.</summary>
    /// <param name="territories">The territories.</param>
    /// <exception cref="ArgumentException">A territory's GeoJSON is invalid; the message names the territory.</exception>
    public PolygonTerritoryLocator(IEnumerable<Territory> territories)
    {
        var polygons = new List<(string, Polygon)>();
        foreach (var territory in territories.Where(t => !string.IsNullOrWhiteSpace(t.GeoJson)).OrderBy(t => t.Code, StringComparer.Ordinal))
        {
            try
            {
                polygons.AddRange(GeoJsonReader.Read(territory.GeoJson!).Select(p => (territory.Code, p)));
            }
            catch (FormatException ex)
            {
                throw new ArgumentException($"McuHub:Territories:{territory.Code}:GeoJson: {ex.Message}", nameof(territories), ex);
            }
        }

        _polygons = [.. polygons];
    }

    /// <summary>Gets a value indicating whether any territory has a polygon.</summary>
    public bool HasPolygons => _polygons.Length > 0;

    /// <summary>Checks a GeoJSON text the way the locator reads it.</summary>
    /// <param name="geoJson">The text.</param>
    /// <returns>What is wrong, in Russian; <see langword="null"/> when it is valid.</returns>
    public static string? Check(string geoJson)
    {
        try
        {
            GeoJsonReader.Read(geoJson);
            return null;
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }
    }

    /// <inheritdoc />
    public string? Locate(double latitude, double longitude)
    {
        if (!double.IsFinite(latitude) || !double.IsFinite(longitude))
            return null;
        string? best = null;
        var bestArea = double.MaxValue;
        foreach (var (code, polygon) in _polygons)
        {
            if (polygon.Area < bestArea && polygon.Contains(longitude, latitude))
                (best, bestArea) = (code, polygon.Area);
        }

        return best;
    }
}

namespace MCU.Hub.Territories;

/// <summary>Finds the territory that contains a point.</summary>
/// <remarks>Thread-safe.</remarks>
public interface ITerritoryLocator
{
    /// <summary>Finds the territory whose boundary contains the point (a point on the boundary counts as inside).</summary>
    /// <param name="latitude">The latitude (WGS 84).</param>
    /// <param name="longitude">The longitude (WGS 84).</param>
    /// <returns>The territory code, or <see langword="null"/> when no territory contains it.</returns>
    string? Locate(double latitude, double longitude);
}

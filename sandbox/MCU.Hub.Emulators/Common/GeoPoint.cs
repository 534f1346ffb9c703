namespace MCU.Hub.Emulators.Common;

/// <summary>A point on the map (WGS 84): JSON <c>{ "lat": 57.4, "lon": 45.6 }</c>.</summary>
/// <param name="Lat">The latitude in degrees, −90…90.</param>
/// <param name="Lon">The longitude in degrees, −180…180.</param>
public sealed record GeoPoint(double Lat, double Lon);

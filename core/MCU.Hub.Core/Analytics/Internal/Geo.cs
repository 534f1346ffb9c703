namespace MCU.Hub.Analytics.Internal;

/// <summary>Great-circle distances on a sphere of the mean Earth radius.</summary>
internal static class Geo
{
    public const double EarthRadiusMeters = 6_371_000;

    public const double MetersPerDegreeLatitude = EarthRadiusMeters * Math.PI / 180;

    public static bool IsValid(double? latitude, double? longitude) =>
        latitude is >= -90 and <= 90 && longitude is >= -180 and <= 180;

    public static double HaversineMeters(double lat1, double lon1, double lat2, double lon2)
    {
        var p1 = lat1 * Math.PI / 180;
        var p2 = lat2 * Math.PI / 180;
        var dp = p2 - p1;
        var dl = (lon2 - lon1) * Math.PI / 180;
        var h = (Math.Sin(dp / 2) * Math.Sin(dp / 2)) + (Math.Cos(p1) * Math.Cos(p2) * Math.Sin(dl / 2) * Math.Sin(dl / 2));
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}

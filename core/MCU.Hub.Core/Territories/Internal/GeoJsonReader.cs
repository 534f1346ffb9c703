using System.Text.Json;

namespace MCU.Hub.Territories.Internal;

/// <summary>Reads the polygons of a GeoJSON text (RFC 7946): Polygon, MultiPolygon, Feature, FeatureCollection, GeometryCollection.</summary>
internal static class GeoJsonReader
{
    /// <summary>Reads the polygons.</summary>
    /// <exception cref="FormatException">The text is not GeoJSON with at least one valid polygon; the message says what is wrong, in Russian.</exception>
    public static List<Polygon> Read(string geoJson)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(geoJson);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"GeoJSON не разбирается (строка {ex.LineNumber + 1}): {ex.Message}", ex);
        }

        using (document)
        {
            var polygons = new List<Polygon>();
            ReadObject(document.RootElement, polygons);
            if (polygons.Count == 0)
                throw new FormatException("в GeoJSON нет ни одного многоугольника (Polygon или MultiPolygon)");
            return polygons;
        }
    }

    private static void ReadObject(JsonElement element, List<Polygon> into)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
            throw new FormatException("ожидался объект GeoJSON с полем \"type\"");

        var type = typeElement.GetString();
        switch (type)
        {
            case "Polygon":
                into.Add(ReadPolygon(Coordinates(element)));
                break;
            case "MultiPolygon":
                foreach (var polygon in Coordinates(element).EnumerateArray())
                    into.Add(ReadPolygon(polygon));
                break;
            case "Feature":
                if (element.TryGetProperty("geometry", out var geometry) && geometry.ValueKind == JsonValueKind.Object)
                    ReadObject(geometry, into);
                break;
            case "FeatureCollection":
                foreach (var feature in Member(element, "features").EnumerateArray())
                    ReadObject(feature, into);
                break;
            case "GeometryCollection":
                foreach (var g in Member(element, "geometries").EnumerateArray())
                    ReadObject(g, into);
                break;
            case "Point" or "MultiPoint" or "LineString" or "MultiLineString":
                break;
            default:
                throw new FormatException($"неизвестный тип GeoJSON «{type}»");
        }
    }

    private static JsonElement Coordinates(JsonElement element) => Member(element, "coordinates");

    private static JsonElement Member(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value
            : throw new FormatException($"нет массива \"{name}\"");

    private static Polygon ReadPolygon(JsonElement rings)
    {
        if (rings.ValueKind != JsonValueKind.Array || rings.GetArrayLength() == 0)
            throw new FormatException("у многоугольника нет колец");
        var result = new List<(double X, double Y)[]>();
        foreach (var ring in rings.EnumerateArray())
        {
            if (ring.ValueKind != JsonValueKind.Array)
                throw new FormatException("кольцо многоугольника должно быть массивом точек");
            var points = new List<(double X, double Y)>();
            foreach (var position in ring.EnumerateArray())
            {
                if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2
                    || position[0].ValueKind != JsonValueKind.Number || position[1].ValueKind != JsonValueKind.Number)
                    throw new FormatException("точка должна быть массивом [долгота, широта]");
                var lon = position[0].GetDouble();
                var lat = position[1].GetDouble();
                if (lon is < -180 or > 180 || lat is < -90 or > 90)
                    throw new FormatException($"точка [{lon}, {lat}] вне диапазона: порядок в GeoJSON — [долгота, широта]");
                points.Add((lon, lat));
            }

            if (points.Count > 1 && points[0] == points[^1])
                points.RemoveAt(points.Count - 1);
            if (points.Count < 3)
                throw new FormatException("в кольце многоугольника меньше трёх различных точек");
            result.Add([.. points]);
        }

        return new Polygon([.. result]);
    }
}

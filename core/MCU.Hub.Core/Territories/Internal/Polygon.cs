namespace MCU.Hub.Territories.Internal;

/// <summary>A polygon with holes in plane longitude–latitude coordinates: the first ring is the boundary, the others are holes.</summary>
internal sealed class Polygon
{
    // About 1 cm on the ground: a point this close to an edge lies on it.
    private const double Epsilon = 1e-7;

    private readonly (double X, double Y)[][] _rings;
    private readonly double _minX;
    private readonly double _minY;
    private readonly double _maxX;
    private readonly double _maxY;

    public Polygon((double X, double Y)[][] rings)
    {
        _rings = rings;
        var outer = rings[0];
        _minX = outer.Min(p => p.X);
        _maxX = outer.Max(p => p.X);
        _minY = outer.Min(p => p.Y);
        _maxY = outer.Max(p => p.Y);
        Area = Math.Abs(SignedArea(outer)) - rings.Skip(1).Sum(r => Math.Abs(SignedArea(r)));
    }

    /// <summary>Gets the area in square degrees, holes excluded (to prefer the smaller of nested territories).</summary>
    public double Area { get; }

    /// <summary>Tells whether the point lies inside or on the boundary, and not strictly inside a hole.</summary>
    public bool Contains(double x, double y)
    {
        if (x < _minX - Epsilon || x > _maxX + Epsilon || y < _minY - Epsilon || y > _maxY + Epsilon)
            return false;
        if (Classify(_rings[0], x, y) == Place.Outside)
            return false;
        for (var i = 1; i < _rings.Length; i++)
        {
            if (Classify(_rings[i], x, y) == Place.Inside)
                return false;
        }

        return true;
    }

    /// <summary>Even–odd ray casting, with points on an edge reported as such.</summary>
    private static Place Classify((double X, double Y)[] ring, double x, double y)
    {
        var inside = false;
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
        {
            var (xi, yi) = ring[i];
            var (xj, yj) = ring[j];
            if (OnSegment(x, y, xj, yj, xi, yi))
                return Place.Boundary;
            if ((yi > y) != (yj > y))
            {
                var crossX = ((xj - xi) * (y - yi) / (yj - yi)) + xi;
                if (x < crossX)
                    inside = !inside;
            }
        }

        return inside ? Place.Inside : Place.Outside;
    }

    private static bool OnSegment(double px, double py, double ax, double ay, double bx, double by)
    {
        var dx = bx - ax;
        var dy = by - ay;
        var length = Math.Sqrt((dx * dx) + (dy * dy));
        if (length < Epsilon)
            return Math.Abs(px - ax) < Epsilon && Math.Abs(py - ay) < Epsilon;
        var cross = (dx * (py - ay)) - (dy * (px - ax));
        if (Math.Abs(cross) / length > Epsilon)
            return false;
        var dot = ((px - ax) * dx) + ((py - ay) * dy);
        return dot >= -Epsilon * length && dot <= (length * length) + (Epsilon * length);
    }

    private static double SignedArea((double X, double Y)[] ring)
    {
        var sum = 0.0;
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
            sum += (ring[j].X * ring[i].Y) - (ring[i].X * ring[j].Y);
        return sum / 2;
    }

    private enum Place
    {
        Outside,
        Inside,
        Boundary,
    }
}

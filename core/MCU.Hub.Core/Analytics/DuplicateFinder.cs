using MCU.Hub.Analytics.Internal;

namespace MCU.Hub.Analytics;

/// <summary>
/// Finds groups of possibly duplicate messages: pairs in the same category, close in place and time, with similar
/// text, joined transitively (A~B and B~C put A, B and C in one group). It only reports; nothing is changed or merged.
/// </summary>
/// <remarks>
/// <para>
/// Place: when both messages have coordinates, the haversine distance is at most
/// <see cref="DuplicateOptions.MaxDistanceMeters"/>; otherwise their normalised addresses (lowercase, ё→е, no
/// punctuation, street-type words such as «ул.», «д.» dropped) are equal. A message with neither cannot match.
/// </para>
/// <para>
/// Not quadratic: messages are ranked by receipt time and only pairs within <see cref="DuplicateOptions.MaxTimeApart"/>
/// are swept, inside buckets of one category and either one grid cell of the size of the distance limit (and its 8
/// neighbours) or one normalised address. Pure and deterministic; safe to use from many threads.
/// </para>
/// </remarks>
public sealed class DuplicateFinder
{
    private readonly DuplicateOptions _options;

    /// <summary>Creates the finder.</summary>
    /// <param name="options">The criteria; the defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public DuplicateFinder(DuplicateOptions? options = null)
    {
        options ??= new DuplicateOptions();
        options.Validate();
        _options = options;
    }

    /// <summary>Finds the groups of possible duplicates.</summary>
    /// <param name="items">The messages.</param>
    /// <returns>The groups of two or more messages, ordered by the receipt of their first member.</returns>
    public IReadOnlyList<DuplicateGroup> Find(IReadOnlyList<AnalyticsItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);

        var order = Enumerable.Range(0, items.Count)
            .Where(i => !_options.RequireSameCategory || !string.IsNullOrEmpty(items[i].Category))
            .OrderBy(i => items[i].ReceivedAt)
            .ThenBy(i => items[i].Id, StringComparer.Ordinal)
            .ThenBy(i => i)
            .ToArray();
        var n = order.Length;
        if (n < 2)
            return [];

        var ticks = new long[n];
        var category = new int[n];
        var coordinates = new (double Lat, double Lon)?[n];
        var stems = new int[n][];
        var categories = new Dictionary<string, int>(StringComparer.Ordinal);
        var stemIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = 0; r < n; r++)
        {
            var item = items[order[r]];
            ticks[r] = item.ReceivedAt.UtcTicks;
            if (_options.RequireSameCategory)
            {
                if (!categories.TryGetValue(item.Category!, out category[r]))
                    categories[item.Category!] = category[r] = categories.Count;
            }

            if (Geo.IsValid(item.Latitude, item.Longitude))
                coordinates[r] = (item.Latitude!.Value, item.Longitude!.Value);
            var ids = new SortedSet<int>();
            foreach (var stem in TextStems.Of(item.Text))
            {
                if (!stemIds.TryGetValue(stem, out var id))
                    stemIds[stem] = id = stemIds.Count;
                ids.Add(id);
            }

            stems[r] = [.. ids];
        }

        var window = _options.MaxTimeApart.Ticks;
        var unionFind = new UnionFind(n);
        var pairs = new List<(int Rank, double Similarity, double? Distance)>();

        bool Similar(int a, int b, out double similarity)
        {
            similarity = TextStems.Jaccard(stems[a], stems[b]);
            return similarity >= _options.MinSimilarity;
        }

        SweepGrid(n, ticks, category, coordinates, window, (a, b, distance) =>
        {
            if (Similar(a, b, out var similarity))
            {
                unionFind.Union(a, b);
                pairs.Add((a, similarity, distance));
            }
        });

        var byAddress = new Dictionary<(int Category, string Address), List<int>>();
        for (var r = 0; r < n; r++)
        {
            if (AddressKey.Of(items[order[r]].Address) is not { } address)
                continue;
            if (!byAddress.TryGetValue((category[r], address), out var list))
                byAddress[(category[r], address)] = list = [];
            list.Add(r);
        }

        foreach (var list in byAddress.Values)
        {
            for (var i = 0; i < list.Count; i++)
            {
                var a = list[i];
                for (var j = i + 1; j < list.Count && ticks[list[j]] - ticks[a] <= window; j++)
                {
                    var b = list[j];
                    // Two messages with coordinates were judged by distance in the grid sweep.
                    if (coordinates[a] is not null && coordinates[b] is not null)
                        continue;
                    if (Similar(a, b, out var similarity))
                    {
                        unionFind.Union(a, b);
                        pairs.Add((a, similarity, null));
                    }
                }
            }
        }

        return Groups(items, order, unionFind, pairs);
    }

    private void SweepGrid(int n, long[] ticks, int[] category, (double Lat, double Lon)?[] coordinates, long window, Action<int, int, double> match)
    {
        var maxLatitude = 0.0;
        for (var r = 0; r < n; r++)
        {
            if (coordinates[r] is { } point)
                maxLatitude = Math.Max(maxLatitude, Math.Abs(point.Lat));
        }

        // A cell is at least the distance limit wide everywhere in the data, so a match is always in a neighbour cell.
        var cellLatitude = _options.MaxDistanceMeters / Geo.MetersPerDegreeLatitude;
        var cellLongitude = cellLatitude / Math.Cos(Math.Min(maxLatitude, 85) * Math.PI / 180);
        (long X, long Y) Cell((double Lat, double Lon) point) =>
            ((long)Math.Floor(point.Lon / cellLongitude), (long)Math.Floor(point.Lat / cellLatitude));

        var cells = new Dictionary<(int Category, long X, long Y), List<int>>();
        for (var r = 0; r < n; r++)
        {
            if (coordinates[r] is not { } point)
                continue;
            var (x, y) = Cell(point);
            if (!cells.TryGetValue((category[r], x, y), out var list))
                cells[(category[r], x, y)] = list = [];
            list.Add(r);
        }

        for (var a = 0; a < n; a++)
        {
            if (coordinates[a] is not { } pa)
                continue;
            var (x, y) = Cell(pa);
            for (var dx = -1L; dx <= 1; dx++)
            {
                for (var dy = -1L; dy <= 1; dy++)
                {
                    if (!cells.TryGetValue((category[a], x + dx, y + dy), out var list))
                        continue;
                    var start = list.BinarySearch(a);
                    start = start >= 0 ? start + 1 : ~start;
                    for (var k = start; k < list.Count && ticks[list[k]] - ticks[a] <= window; k++)
                    {
                        var b = list[k];
                        var pb = coordinates[b]!.Value;
                        var distance = Geo.HaversineMeters(pa.Lat, pa.Lon, pb.Lat, pb.Lon);
                        if (distance <= _options.MaxDistanceMeters)
                            match(a, b, distance);
                    }
                }
            }
        }
    }

    private DuplicateGroup[] Groups(
        IReadOnlyList<AnalyticsItem> items,
        int[] order,
        UnionFind unionFind,
        List<(int Rank, double Similarity, double? Distance)> pairs)
    {
        var stats = new Dictionary<int, (double Best, double? MaxDistance)>();
        foreach (var (rank, similarity, distance) in pairs)
        {
            var root = unionFind.Find(rank);
            var (best, maxDistance) = stats.GetValueOrDefault(root, (0, null));
            if (distance is { } d && (maxDistance is null || d > maxDistance))
                maxDistance = d;
            stats[root] = (Math.Max(best, similarity), maxDistance);
        }

        var members = new Dictionary<int, List<int>>();
        var roots = new List<int>();
        for (var r = 0; r < order.Length; r++)
        {
            var root = unionFind.Find(r);
            if (!stats.ContainsKey(root))
                continue;
            if (!members.TryGetValue(root, out var list))
            {
                members[root] = list = [];
                roots.Add(root);
            }

            list.Add(r);
        }

        // Ranks are in receipt order, so both the groups and their members come out in that order.
        return roots.Select(root =>
        {
            var list = members[root];
            var (best, maxDistance) = stats[root];
            var category = _options.RequireSameCategory ? items[order[list[0]]].Category : null;
            return new DuplicateGroup([.. list.Select(r => items[order[r]].Id)], category, best, maxDistance);
        }).ToArray();
    }
}

using System.Globalization;
using MCU.Hub.Emulators.Common;

namespace MCU.Hub.Emulators.Edds.Internal;

/// <summary>
/// Makes the synthetic cards from <see cref="EddsCatalog"/>, deterministically from a seed: the n-th card and its
/// versions depend only on the seed, n and the time the call arrived.
/// </summary>
/// <remarks>Not thread-safe: the emulator calls it under its lock, in index order.</remarks>
internal sealed class EddsGenerator
{
    /// <summary>The first generated id; generated ids are decimal numbers from here on.</summary>
    public const long FirstId = 800_001;

    private readonly Random _random;
    private readonly double _totalWeight = EddsCatalog.Kinds.Sum(k => k.Weight);

    public EddsGenerator(int seed)
    {
        // Seeded System.Random keeps its legacy algorithm on purpose, so a seed gives the same data on every runtime.
        _random = new Random(seed);
    }

    /// <summary>Tells whether <paramref name="id"/> is the id of a generated card among the first <paramref name="total"/>.</summary>
    public static bool IsGeneratedId(string id, int total) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
        && number >= FirstId && number < FirstId + total;

    /// <summary>Makes every version of the next card, oldest first.</summary>
    /// <param name="index">The zero-based index among the generated cards.</param>
    /// <param name="receivedAt">When the call arrived.</param>
    public List<EddsCard> Create(int index, DateTimeOffset receivedAt)
    {
        var kind = PickKind();
        var street = _random.Pick(SyntheticTown.Streets);
        var house = _random.Next(1, 121);
        var received = receivedAt.ToOffset(SyntheticTown.Offset);
        var closedAt = received.AddMinutes(_random.Next(kind.MinMinutes, kind.MaxMinutes + 1)).AddSeconds(_random.Next(0, 60));
        var isTraffic = kind.Category.StartsWith("Дорожно", StringComparison.Ordinal);
        var source = isTraffic && _random.NextDouble() < 0.3 ? EddsCallSources.EraGlonass : PickSource();
        var hasPoint = source == EddsCallSources.EraGlonass || isTraffic || _random.NextDouble() < 0.4;
        var hasAddress = _random.NextDouble() < kind.AddressShare;

        var opened = new EddsCard
        {
            Id = (FirstId + index).ToString(CultureInfo.InvariantCulture),
            ReceivedAt = received,
            UpdatedAt = received,
            Source = source,
            Category = kind.Category,
            Type = kind.Type,
            Description = RussianText.Fill(_random.Pick(kind.Descriptions), street, house, _random),
            Address = hasAddress ? SyntheticTown.Address(street, house) : null,
            Coordinates = hasAddress && hasPoint ? SyntheticTown.PointNear(street, _random) : null,
            Severity = _random.Pick(kind.Severities),
            Services = _random.Pick(kind.ServiceSets),
            Status = EddsCardStatuses.Registered,
            NeedsMunicipalResponse = _random.NextDouble() < kind.MunicipalShare,
            Caller = source == EddsCallSources.EraGlonass ? null : MakeCaller(),
        };

        // Calls that need no response are closed by the operator at once: the card is born closed.
        if (kind.NoResponseReason is not null && opened.Services.Count == 0)
            return [opened with { UpdatedAt = closedAt, Status = EddsCardStatuses.Closed, ClosedAt = closedAt, NoResponseReason = kind.NoResponseReason }];

        var versions = new List<EddsCard> { opened with { Status = opened.Services.Count > 0 ? EddsCardStatuses.InProgress : EddsCardStatuses.Registered } };
        if (kind.WorkStage)
        {
            var working = received.AddMinutes(_random.Next(10, Math.Max(11, (int)(closedAt - received).TotalMinutes / 3)));
            versions[0] = opened;
            versions.Add(opened with { UpdatedAt = working, Status = EddsCardStatuses.InProgress });
        }

        versions.Add(versions[^1] with { UpdatedAt = closedAt, Status = EddsCardStatuses.Closed, ClosedAt = closedAt, NoResponseReason = kind.NoResponseReason });
        return versions;
    }

    private CallKind PickKind()
    {
        var x = _random.NextDouble() * _totalWeight;
        foreach (var kind in EddsCatalog.Kinds)
        {
            x -= kind.Weight;
            if (x < 0)
                return kind;
        }

        return EddsCatalog.Kinds[^1];
    }

    private string PickSource() => _random.NextDouble() switch
    {
        < 0.72 => EddsCallSources.Call112,
        < 0.95 => EddsCallSources.Phone,
        _ => EddsCallSources.Sms,
    };

    private EddsCaller? MakeCaller()
    {
        if (_random.NextDouble() < 0.08)
            return null;

        var person = SyntheticPeople.Make(_random);
        var name = _random.NextDouble() switch
        {
            < 0.4 => person.FullName,
            < 0.8 => person.FirstName,
            _ => null,
        };
        return new EddsCaller(name, SyntheticPeople.Phone(_random));
    }
}

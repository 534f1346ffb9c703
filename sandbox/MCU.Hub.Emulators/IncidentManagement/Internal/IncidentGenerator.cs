using System.Globalization;
using MCU.Hub.Emulators.Common;

namespace MCU.Hub.Emulators.IncidentManagement.Internal;

/// <summary>
/// Makes the synthetic incidents from <see cref="IncidentCatalog"/>, deterministically from a seed: the n-th incident
/// depends only on the seed, n and the time it is given.
/// </summary>
/// <remarks>Not thread-safe: the emulator calls it under its lock, in index order.</remarks>
internal sealed class IncidentGenerator
{
    /// <summary>The number of the first generated incident; ids are <c>IM-</c> followed by the number.</summary>
    public const int FirstNumber = 100_001;

    /// <summary>Hours to answer an important incident.</summary>
    public const double ImportantDeadlineHours = 4;

    private readonly Random _random;
    private readonly Uri _baseAddress;
    private readonly double _totalWeight = IncidentCatalog.Rubrics.Sum(r => r.Weight);

    public IncidentGenerator(int seed, Uri baseAddress)
    {
        // Seeded System.Random keeps its legacy algorithm on purpose, so a seed gives the same data on every runtime.
        _random = new Random(seed);
        _baseAddress = baseAddress;
    }

    /// <summary>Tells whether <paramref name="id"/> is the id of a generated incident among the first <paramref name="total"/>.</summary>
    public static bool IsGeneratedId(string id, int total) =>
        id.StartsWith("IM-", StringComparison.Ordinal)
        && int.TryParse(id.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
        && number >= FirstNumber && number < FirstNumber + total;

    /// <summary>Makes the next incident.</summary>
    /// <param name="index">The zero-based index among the generated incidents.</param>
    /// <param name="detectedAt">When the system found the post.</param>
    public Incident Create(int index, DateTimeOffset detectedAt)
    {
        var id = "IM-" + (FirstNumber + index).ToString(CultureInfo.InvariantCulture);
        var rubric = PickRubric();
        var topic = _random.Pick(rubric.Topics);
        var community = _random.Pick(IncidentCatalog.Communities);
        var street = _random.Pick(SyntheticTown.Streets);
        var house = _random.Next(1, 121);
        var postNumber = _random.Next(1_000, 90_000);
        var local = detectedAt.ToOffset(SyntheticTown.Offset);
        var important = _random.NextDouble() < topic.ImportantShare;
        double? deadline = _random.NextDouble() < 0.1 ? null : important ? ImportantDeadlineHours : _random.Pick(IncidentCatalog.DeadlineHours);

        return new Incident
        {
            Id = id,
            Network = community.Network,
            PostUrl = PostUrl(community, postNumber),
            Author = MakeAuthor(community),
            Text = MakeText(topic, street, house),
            Category = rubric.Name,
            Topic = _random.NextDouble() < 0.05 ? null : topic.Name,
            PublishedAt = _random.NextDouble() < 0.05 ? null : local.AddMinutes(-_random.Next(3, 120)),
            DetectedAt = local,
            Important = important,
            ResponseDeadlineHours = deadline,
            Status = IncidentStatuses.New,
            Address = _random.NextDouble() < 0.45 ? SyntheticTown.Address(street, house) : null,
            Coordinates = _random.NextDouble() < 0.2 ? SyntheticTown.PointNear(street, _random) : null,
            Attachments = _random.NextDouble() < 0.35 ? MakeAttachments(id, _random.Next(1, 4)) : [],
        };
    }

    private RubricSpec PickRubric()
    {
        var x = _random.NextDouble() * _totalWeight;
        foreach (var rubric in IncidentCatalog.Rubrics)
        {
            x -= rubric.Weight;
            if (x < 0)
                return rubric;
        }

        return IncidentCatalog.Rubrics[^1];
    }

    private string PostUrl(CommunitySpec community, int post) => community.Network switch
    {
        SocialNetworks.Vk => Link($"social/vk/wall-{community.Handle[4..]}_{post.ToString(CultureInfo.InvariantCulture)}"),
        SocialNetworks.Ok => Link($"social/ok/{community.Handle}/topic/{(post * 7919L).ToString(CultureInfo.InvariantCulture)}"),
        _ => Link($"social/telegram/{community.Handle}/{post.ToString(CultureInfo.InvariantCulture)}"),
    };

    private IncidentAuthor? MakeAuthor(CommunitySpec community)
    {
        var roll = _random.NextDouble();
        if (roll < 0.03)
            return null;
        if (community.Network == SocialNetworks.Telegram && roll < 0.35)
            return new IncidentAuthor(community.Name, Link($"social/telegram/{community.Handle}"), IsOrganisation: true);

        var person = SyntheticPeople.Make(_random);
        var profile = community.Network switch
        {
            SocialNetworks.Vk => $"social/vk/id{_random.Next(10_000_000, 800_000_000).ToString(CultureInfo.InvariantCulture)}",
            SocialNetworks.Ok => $"social/ok/profile/{_random.NextInt64(500_000_000_000, 600_000_000_000).ToString(CultureInfo.InvariantCulture)}",
            _ => $"social/telegram/{SyntheticPeople.ToLatin(person.FirstName)}_{_random.Next(10, 999).ToString(CultureInfo.InvariantCulture)}",
        };
        return new IncidentAuthor(person.Nickname(_random), Link(profile), IsOrganisation: false);
    }

    private string MakeText(TopicSpec topic, Street street, int house)
    {
        var parts = new List<string>(3);
        if (_random.NextDouble() < 0.35)
            parts.Add(_random.Pick(IncidentCatalog.Openers));

        parts.Add(RussianText.Capitalize(RussianText.Fill(_random.Pick(topic.Posts), street, house, _random)));
        if (_random.NextDouble() < 0.5)
            parts.Add(_random.Pick(IncidentCatalog.Closers));

        return string.Join(' ', parts);
    }

    private string[] MakeAttachments(string id, int count)
    {
        var links = new string[count];
        for (var i = 0; i < count; i++)
            links[i] = Link($"media/{id}-{(i + 1).ToString(CultureInfo.InvariantCulture)}.png");

        return links;
    }

    private string Link(string relative) => new Uri(_baseAddress, relative).AbsoluteUri;
}

using System.Globalization;
using MCU.Hub.Emulators.Common;

namespace MCU.Hub.Emulators.PayAttention.Internal;

/// <summary>
/// Makes the synthetic portal messages from <see cref="PayAttentionCatalog"/>, deterministically from a seed: the n-th
/// message depends only on the seed, n and the time it is given.
/// </summary>
/// <remarks>Not thread-safe: the emulator calls it under its lock, in index order.</remarks>
internal sealed class PayAttentionGenerator
{
    /// <summary>The first generated id; generated ids are decimal numbers from here on.</summary>
    public const long FirstId = 570_001;

    private readonly Random _random;
    private readonly Uri _baseAddress;
    private readonly double _totalWeight = PayAttentionCatalog.Categories.Sum(c => c.Weight);

    public PayAttentionGenerator(int seed, Uri baseAddress)
    {
        // Seeded System.Random keeps its legacy algorithm on purpose, so a seed gives the same data on every runtime.
        _random = new Random(seed);
        _baseAddress = baseAddress;
    }

    /// <summary>Tells whether <paramref name="id"/> is the id of a generated message among the first <paramref name="total"/>.</summary>
    public static bool IsGeneratedId(string id, int total) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
        && number >= FirstId && number < FirstId + total;

    /// <summary>Makes the next message.</summary>
    /// <param name="index">The zero-based index among the generated messages.</param>
    /// <param name="createdAt">When the resident sent it.</param>
    public PayAttentionMessage Create(int index, DateTimeOffset createdAt)
    {
        var id = (FirstId + index).ToString(CultureInfo.InvariantCulture);
        var category = PickCategory();
        var subcategory = _random.Pick(category.Subcategories);
        var street = _random.Pick(SyntheticTown.Streets);
        var streetIndex = Array.IndexOf(SyntheticTown.Streets, street);
        var house = _random.Next(1, 121);
        var local = createdAt.ToOffset(SyntheticTown.Offset);
        var photos = _random.NextDouble() < 0.9 ? MakePhotos(id, _random.Next(1, 5)) : [];

        return new PayAttentionMessage
        {
            Id = id,
            CreatedAt = local,
            Category = category.Name,
            Subcategory = subcategory.Name,
            Text = MakeText(subcategory, street, house),
            Author = _random.NextDouble() < 0.04 ? null : MakeAuthor(),
            Address = SyntheticTown.Address(street, house),
            Location = _random.NextDouble() < 0.3 ? null : SyntheticTown.PointNear(street, _random),
            District = _random.NextDouble() < 0.1 ? null : PayAttentionCatalog.Districts[streetIndex % PayAttentionCatalog.Districts.Length],
            Photos = photos,
            AnswerDue = _random.NextDouble() < 0.1 ? null : EndOfDay(local.AddDays(subcategory.AnswerDays)),
            Status = PayAttentionStatuses.Review,
        };
    }

    private static DateTimeOffset EndOfDay(DateTimeOffset local) =>
        new(local.Year, local.Month, local.Day, 23, 59, 59, local.Offset);

    private PortalCategory PickCategory()
    {
        var x = _random.NextDouble() * _totalWeight;
        foreach (var category in PayAttentionCatalog.Categories)
        {
            x -= category.Weight;
            if (x < 0)
                return category;
        }

        return PayAttentionCatalog.Categories[^1];
    }

    private string MakeText(PortalSubcategory subcategory, Street street, int house)
    {
        var parts = new List<string>(4);
        if (_random.NextDouble() < 0.4)
            parts.Add(_random.Pick(PayAttentionCatalog.Openings));

        parts.Add(RussianText.Capitalize(RussianText.Fill(_random.Pick(subcategory.Problems), street, house, _random)));
        if (_random.NextDouble() < 0.3)
            parts.Add(_random.Pick(PayAttentionCatalog.History));

        parts.Add(_random.Pick(PayAttentionCatalog.Requests));
        return string.Join(' ', parts);
    }

    private PayAttentionAuthor MakeAuthor()
    {
        var person = SyntheticPeople.Make(_random);
        var name = _random.NextDouble() < 0.8 ? person.FullName : person.ShortName;
        var phone = _random.NextDouble() < 0.7 ? SyntheticPeople.Phone(_random) : null;
        var email = _random.NextDouble() < 0.85 ? SyntheticPeople.Email(person, _random) : null;
        return new PayAttentionAuthor(name, phone, email);
    }

    private string[] MakePhotos(string id, int count)
    {
        var photos = new string[count];
        for (var i = 0; i < count; i++)
            photos[i] = new Uri(_baseAddress, $"media/{id}-{(i + 1).ToString(CultureInfo.InvariantCulture)}.png").AbsoluteUri;

        return photos;
    }
}

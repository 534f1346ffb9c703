using System.Globalization;
using System.Text;

namespace MCU.Hub.Emulators.Pos.Internal;

/// <summary>
/// Makes the emulator's synthetic messages from <see cref="PosCatalog"/>, one after another, deterministically
/// from a seed: the n-th message depends only on the seed, n and the times it is given.
/// </summary>
/// <remarks>Not thread-safe: the emulator calls it under its lock, in index order.</remarks>
internal sealed class PosMessageGenerator
{
    /// <summary>The first generated id; generated ids are decimal numbers from here on.</summary>
    public const long FirstId = 1_000_001;

    private readonly Random _random;
    private readonly Uri _baseAddress;
    private readonly double _totalWeight = PosCatalog.Categories.Sum(c => c.Weight);

    public PosMessageGenerator(int seed, Uri baseAddress)
    {
        // Seeded System.Random keeps its legacy algorithm on purpose, so a seed gives the same data on every runtime.
        _random = new Random(seed);
        _baseAddress = baseAddress;
    }

    /// <summary>Gets the id the generator gives the message with <paramref name="index"/>.</summary>
    public static string IdOf(int index) => (FirstId + index).ToString(CultureInfo.InvariantCulture);

    /// <summary>Makes the next message.</summary>
    /// <param name="index">The message's zero-based index among the generated ones.</param>
    /// <param name="createdAt">When the citizen sent it.</param>
    public PosMessage Create(int index, DateTimeOffset createdAt)
    {
        var id = IdOf(index);
        var category = PickCategory();
        var subcategory = Pick(category.Subcategories);
        var street = Pick(PosCatalog.Streets);
        var streetIndex = Array.IndexOf(PosCatalog.Streets, street);
        var house = _random.Next(1, 121);
        var fastTrack = _random.NextDouble() < subcategory.FastTrackShare;
        var photos = _random.NextDouble() < 0.8 ? MakePhotos(id, _random.Next(1, 4)) : [];
        var local = createdAt.ToOffset(PosCatalog.Offset);

        return new PosMessage
        {
            Id = id,
            CreatedAt = local,
            Category = new PosCategory(category.Id, category.Name),
            Subcategory = new PosCategory(subcategory.Id, subcategory.Name),
            Text = MakeText(subcategory, street, house, photos.Length > 0),
            Author = _random.NextDouble() < 0.05 ? null : MakeAuthor(),
            Address = _random.NextDouble() < 0.05 ? null : $"г. {PosCatalog.Town}, {street.Short}, д. {house}",
            Coordinates = _random.NextDouble() < 0.15 ? null : MakeCoordinates(streetIndex),
            Photos = photos,
            Deadline = _random.NextDouble() < 0.1 ? null : local.AddDays(fastTrack ? Math.Max(1, subcategory.DeadlineDays / 2) : subcategory.DeadlineDays),
            Status = _random.NextDouble() < 0.9 ? PosStatuses.Registered : PosStatuses.InProgress,
            FastTrack = fastTrack,
        };
    }

    private CategorySpec PickCategory()
    {
        var x = _random.NextDouble() * _totalWeight;
        foreach (var category in PosCatalog.Categories)
        {
            x -= category.Weight;
            if (x < 0)
                return category;
        }

        return PosCatalog.Categories[^1];
    }

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    private string MakeText(SubcategorySpec subcategory, StreetSpec street, int house, bool hasPhotos)
    {
        var parts = new List<string>(6);
        if (_random.NextDouble() < 0.5)
            parts.Add(Pick(PosCatalog.Greetings));

        parts.Add(Capitalize(Fill(Pick(subcategory.Problems), street, house)));
        if (_random.NextDouble() < 0.6)
            parts.Add(Pick(subcategory.Consequences));
        if (_random.NextDouble() < 0.35)
            parts.Add(Fill(Pick(PosCatalog.Durations), street, house));

        parts.Add(Pick(PosCatalog.Pleas));
        if (hasPhotos && _random.NextDouble() < 0.5)
            parts.Add(Pick(PosCatalog.PhotoNotes));

        return string.Join(' ', parts);
    }

    private string Fill(string template, StreetSpec street, int house)
    {
        var text = new StringBuilder(template)
            .Replace("{on}", street.On)
            .Replace("{along}", street.Along)
            .Replace("{house}", house.ToString(CultureInfo.InvariantCulture));
        if (template.Contains("{days}", StringComparison.Ordinal))
            text.Replace("{days}", RussianPlural.Format(_random.Next(2, 15), "день", "дня", "дней"));
        if (template.Contains("{weeks}", StringComparison.Ordinal))
            text.Replace("{weeks}", RussianPlural.Format(_random.Next(2, 7), "неделю", "недели", "недель"));
        if (template.Contains("{temp}", StringComparison.Ordinal))
            text.Replace("{temp}", _random.Next(12, 18).ToString(CultureInfo.InvariantCulture));
        if (template.Contains("{route}", StringComparison.Ordinal))
            text.Replace("{route}", _random.Next(1, 26).ToString(CultureInfo.InvariantCulture));
        if (template.Contains("{minutes}", StringComparison.Ordinal))
            text.Replace("{minutes}", (_random.Next(8, 19) * 5).ToString(CultureInfo.InvariantCulture));

        return text.ToString();
    }

    private static string Capitalize(string text) =>
        text.Length == 0 ? text : string.Concat(char.ToUpper(text[0], CultureInfo.GetCultureInfo("ru-RU")).ToString(), text.AsSpan(1));

    private PosAuthor MakeAuthor()
    {
        var female = _random.NextDouble() < 0.55;
        var first = Pick(female ? PosCatalog.FemaleNames : PosCatalog.MaleNames);
        var surname = Pick(PosCatalog.Surnames) + (female ? "а" : string.Empty);
        var patronymic = Pick(PosCatalog.Patronymics);
        var style = _random.NextDouble();
        var name = style switch
        {
            < 0.7 => $"{surname} {first} {(female ? patronymic.Female : patronymic.Male)}",
            < 0.9 => $"{first} {surname}",
            _ => first,
        };

        string? phone = _random.NextDouble() < 0.9
            ? "+79" + _random.Next(0, 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture)
            : null;
        string? email = _random.NextDouble() < 0.6
            ? $"{Transliteration.ToLatin(first)}.{Transliteration.ToLatin(surname)}{_random.Next(1, 100).ToString(CultureInfo.InvariantCulture)}@{Pick(PosCatalog.MailDomains)}"
            : null;

        return new PosAuthor(name, phone, email);
    }

    private PosCoordinates MakeCoordinates(int streetIndex)
    {
        // Each street gets its own quarter of the town, so points of one street cluster as on a real map.
        var angle = streetIndex * 2.39996;
        var radius = 0.004 + (0.0025 * (streetIndex % 6));
        var lat = PosCatalog.CenterLat + (radius * Math.Sin(angle)) + ((_random.NextDouble() - 0.5) * 0.004);
        var lon = PosCatalog.CenterLon + (radius * 1.8 * Math.Cos(angle)) + ((_random.NextDouble() - 0.5) * 0.007);
        return new PosCoordinates(Math.Round(lat, 6), Math.Round(lon, 6));
    }

    private string[] MakePhotos(string id, int count)
    {
        var photos = new string[count];
        for (var i = 0; i < count; i++)
            photos[i] = new Uri(_baseAddress, $"media/photos/{id}-{(i + 1).ToString(CultureInfo.InvariantCulture)}.png").AbsoluteUri;

        return photos;
    }
}

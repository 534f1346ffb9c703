namespace MCU.Hub.Emulators.Common;

/// <summary>A street of the fictitious town in the forms the texts need.</summary>
/// <param name="Short">As in an address: «ул. Ленина».</param>
/// <param name="On">«на улице Ленина».</param>
/// <param name="Along">«по улице Ленина».</param>
internal sealed record Street(string Short, string On, string Along);

/// <summary>
/// The fictitious town of Новоречинск that every emulator describes (the ПОС emulator has its own copy), so that
/// the demo's channels talk about the same streets and territories. Every text here was written for this project.
/// </summary>
internal static class SyntheticTown
{
    public const string Name = "Новоречинск";

    /// <summary>«в Новоречинске».</summary>
    public const string In = "в Новоречинске";

    public const double CenterLat = 57.4012;
    public const double CenterLon = 45.6127;

    /// <summary>The town's UTC offset: timestamps are published in local time.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(3);

    public static readonly Street[] Streets =
    [
        new("ул. Ленина", "на улице Ленина", "по улице Ленина"),
        new("ул. Садовая", "на Садовой улице", "по Садовой улице"),
        new("ул. Мира", "на улице Мира", "по улице Мира"),
        new("ул. Советская", "на Советской улице", "по Советской улице"),
        new("ул. Набережная", "на Набережной улице", "по Набережной улице"),
        new("ул. Заводская", "на Заводской улице", "по Заводской улице"),
        new("ул. Гагарина", "на улице Гагарина", "по улице Гагарина"),
        new("ул. Строителей", "на улице Строителей", "по улице Строителей"),
        new("ул. Лесная", "на Лесной улице", "по Лесной улице"),
        new("ул. Речная", "на Речной улице", "по Речной улице"),
        new("ул. Первомайская", "на Первомайской улице", "по Первомайской улице"),
        new("ул. Чкалова", "на улице Чкалова", "по улице Чкалова"),
        new("пр-т Победы", "на проспекте Победы", "по проспекту Победы"),
        new("пр-т Металлургов", "на проспекте Металлургов", "по проспекту Металлургов"),
        new("пер. Почтовый", "в Почтовом переулке", "по Почтовому переулку"),
        new("б-р Юности", "на бульваре Юности", "по бульвару Юности"),
    ];

    /// <summary>The address of a house: «г. Новоречинск, ул. Ленина, д. 5».</summary>
    public static string Address(Street street, int house) => $"г. {Name}, {street.Short}, д. {house}";

    /// <summary>A point near <paramref name="street"/>: each street has its own quarter, so points of one street cluster.</summary>
    public static GeoPoint PointNear(Street street, Random random)
    {
        var index = Array.IndexOf(Streets, street);
        var angle = index * 2.39996;
        var radius = 0.004 + (0.0025 * (index % 6));
        var lat = CenterLat + (radius * Math.Sin(angle)) + ((random.NextDouble() - 0.5) * 0.004);
        var lon = CenterLon + (radius * 1.8 * Math.Cos(angle)) + ((random.NextDouble() - 0.5) * 0.007);
        return new GeoPoint(Math.Round(lat, 6), Math.Round(lon, 6));
    }
}

using System.Globalization;
using System.Text;

namespace MCU.Hub.Emulators.Common;

/// <summary>Small helpers for synthetic Russian texts.</summary>
internal static class RussianText
{
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    /// <summary>Russian noun forms after a number: 1 день, 2 дня, 5 дней, 11 дней, 21 день.</summary>
    public static string Plural(int number, string one, string few, string many)
    {
        var n = Math.Abs(number) % 100;
        var form = n is >= 11 and <= 14 ? many : (n % 10) switch
        {
            1 => one,
            2 or 3 or 4 => few,
            _ => many,
        };
        return number.ToString(CultureInfo.InvariantCulture) + " " + form;
    }

    public static string Capitalize(string text) =>
        text.Length == 0 ? text : string.Concat(char.ToUpper(text[0], Russian).ToString(), text.AsSpan(1));

    /// <summary>Formats a local time as «10.03.2025 09:15».</summary>
    public static string DateTime(DateTimeOffset value) => value.ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Formats a local date as «10.03.2025».</summary>
    public static string Date(DateTimeOffset value) => value.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    /// <summary>
    /// Fills the placeholders every catalog uses: <c>{on}</c>, <c>{along}</c>, <c>{house}</c>, <c>{days}</c>,
    /// <c>{hours}</c>, <c>{weeks}</c>, <c>{temp}</c>, <c>{route}</c>, <c>{minutes}</c>, <c>{town}</c>, <c>{in_town}</c>.
    /// </summary>
    public static string Fill(string template, Street street, int house, Random random)
    {
        var text = new StringBuilder(template)
            .Replace("{on}", street.On)
            .Replace("{along}", street.Along)
            .Replace("{street}", street.Short)
            .Replace("{house}", house.ToString(CultureInfo.InvariantCulture))
            .Replace("{town}", SyntheticTown.Name)
            .Replace("{in_town}", SyntheticTown.In);
        if (template.Contains("{days}", StringComparison.Ordinal))
            text.Replace("{days}", Plural(random.Next(2, 15), "день", "дня", "дней"));
        if (template.Contains("{hours}", StringComparison.Ordinal))
            text.Replace("{hours}", Plural(random.Next(2, 20), "час", "часа", "часов"));
        if (template.Contains("{weeks}", StringComparison.Ordinal))
            text.Replace("{weeks}", Plural(random.Next(2, 7), "неделю", "недели", "недель"));
        if (template.Contains("{temp}", StringComparison.Ordinal))
            text.Replace("{temp}", random.Next(12, 18).ToString(CultureInfo.InvariantCulture));
        if (template.Contains("{route}", StringComparison.Ordinal))
            text.Replace("{route}", random.Next(1, 26).ToString(CultureInfo.InvariantCulture));
        if (template.Contains("{minutes}", StringComparison.Ordinal))
            text.Replace("{minutes}", (random.Next(8, 19) * 5).ToString(CultureInfo.InvariantCulture));

        return text.ToString();
    }

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}

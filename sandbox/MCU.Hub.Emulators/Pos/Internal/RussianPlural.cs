using System.Globalization;

namespace MCU.Hub.Emulators.Pos.Internal;

/// <summary>Russian noun forms after a number: 1 день, 2 дня, 5 дней, 11 дней, 21 день.</summary>
internal static class RussianPlural
{
    public static string Format(int number, string one, string few, string many)
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
}

namespace MCU.Hub.Deadlines.Calendar.Internal;

/// <summary>The fixed non-working holidays of Labour Code art. 112, part 1: the fallback for years without data.</summary>
internal static class FederalHolidays
{
    /// <summary>Whether <paramref name="date"/> is one of the fixed holidays.</summary>
    public static bool IsFixedHoliday(DateOnly date) => (date.Month, date.Day) switch
    {
        (1, <= 8) => true,
        (2, 23) or (3, 8) or (5, 1) or (5, 9) or (6, 12) or (11, 4) => true,
        _ => false,
    };

    /// <summary>The fixed holidays of <paramref name="year"/>, in date order.</summary>
    public static IEnumerable<DateOnly> Of(int year)
    {
        for (var day = 1; day <= 8; day++)
            yield return new DateOnly(year, 1, day);
        yield return new DateOnly(year, 2, 23);
        yield return new DateOnly(year, 3, 8);
        yield return new DateOnly(year, 5, 1);
        yield return new DateOnly(year, 5, 9);
        yield return new DateOnly(year, 6, 12);
        yield return new DateOnly(year, 11, 4);
    }
}

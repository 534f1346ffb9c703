using System.Diagnostics.CodeAnalysis;

namespace MCU.Hub.Deadlines.Calendar.Internal;

/// <summary>The kind of a listed calendar date.</summary>
internal enum EntryKind : byte
{
    Holiday,
    Workday,
    Short,
}

/// <summary>Conversions between <see cref="EntryKind"/> and the CSV words of <see cref="SpecialDayKinds"/>.</summary>
internal static class EntryKinds
{
    public static string ToText(this EntryKind kind) => kind switch
    {
        EntryKind.Holiday => SpecialDayKinds.Holiday,
        EntryKind.Workday => SpecialDayKinds.Workday,
        _ => SpecialDayKinds.ShortDay,
    };

    public static DayKind ToDayKind(this EntryKind kind) => kind switch
    {
        EntryKind.Holiday => DayKind.Holiday,
        EntryKind.Workday => DayKind.Working,
        _ => DayKind.ShortWorking,
    };

    public static bool TryParse([NotNullWhen(true)] string? text, out EntryKind kind)
    {
        var word = text?.Trim();
        if (string.Equals(word, SpecialDayKinds.Holiday, StringComparison.OrdinalIgnoreCase))
            kind = EntryKind.Holiday;
        else if (string.Equals(word, SpecialDayKinds.Workday, StringComparison.OrdinalIgnoreCase))
            kind = EntryKind.Workday;
        else if (string.Equals(word, SpecialDayKinds.ShortDay, StringComparison.OrdinalIgnoreCase))
            kind = EntryKind.Short;
        else
        {
            kind = default;
            return false;
        }

        return true;
    }
}

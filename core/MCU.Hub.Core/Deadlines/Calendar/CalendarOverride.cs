using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using MCU.Hub.Deadlines.Calendar.Internal;

namespace MCU.Hub.Deadlines.Calendar;

/// <summary>
/// One date of the production calendar set by the municipality, for example a regional holiday or a working day
/// moved by a regional act. It replaces what the shipped data or the fallback says about that date.
/// </summary>
/// <remarks>
/// In configuration an override is an object (<c>{ "Date": "2025-08-30", "Kind": "holiday" }</c>) or a string:
/// <c>"2025-08-30"</c> for a holiday, <c>"2025-11-08,workday"</c> with a kind (see <see cref="Parse"/>).
/// </remarks>
[TypeConverter(typeof(CalendarOverrideConverter))]
public sealed class CalendarOverride
{
    /// <summary>Creates an override with the default kind, <see cref="SpecialDayKinds.Holiday"/> (for binding).</summary>
    public CalendarOverride()
    {
    }

    /// <summary>Creates an override.</summary>
    /// <param name="date">The date.</param>
    /// <param name="kind">One of <see cref="SpecialDayKinds"/>.</param>
    public CalendarOverride(DateOnly date, string kind)
    {
        Date = date;
        Kind = kind;
    }

    /// <summary>Gets or sets the date; in configuration an ISO date such as <c>2025-08-30</c>.</summary>
    public DateOnly Date { get; set; }

    /// <summary>Gets or sets the kind of the date: <c>holiday</c>, <c>workday</c> or <c>short</c> (<see cref="SpecialDayKinds"/>).</summary>
    /// <value>The default is <c>holiday</c>, the usual regional case.</value>
    [Required]
    public string Kind { get; set; } = SpecialDayKinds.Holiday;

    /// <summary>Parses the string form: <c>yyyy-MM-dd</c> (a holiday) or <c>yyyy-MM-dd,kind</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The override.</returns>
    /// <exception cref="FormatException">The text is neither form or the kind is unknown.</exception>
    public static CalendarOverride Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length > 2
            || !DateOnly.TryParseExact(parts[0], CalendarCsv.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new FormatException($"Calendar override '{text}': expected 'yyyy-MM-dd' or 'yyyy-MM-dd,kind'.");
        }

        var kind = SpecialDayKinds.Holiday;
        if (parts.Length == 2)
        {
            if (!EntryKinds.TryParse(parts[1], out var parsed))
                throw new FormatException($"Calendar override '{text}': unknown kind '{parts[1]}' (expected holiday, workday or short).");
            kind = parsed.ToText();
        }

        return new CalendarOverride(date, kind);
    }

    /// <summary>Returns the string form, <c>yyyy-MM-dd,kind</c>.</summary>
    /// <returns>The override as text.</returns>
    public override string ToString() =>
        $"{Date.ToString(CalendarCsv.DateFormat, CultureInfo.InvariantCulture)},{Kind}";
}

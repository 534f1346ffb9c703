namespace MCU.Hub.Deadlines.Calendar;

/// <summary>
/// The municipality's additions to the shipped production calendar: a CSV file (for example a year not shipped yet)
/// and single dates (regional holidays, regional transfers).
/// </summary>
/// <remarks>
/// Layers, each replacing the one below date by date: the shipped data (or, for a year without data, the Mon–Fri week
/// with the fixed holidays of Labour Code art. 112), then <see cref="ExtraCsvPath"/>, then <see cref="Overrides"/>.
/// Only the shipped data and the extra file make a year covered (<see cref="ProductionCalendar.Covers"/>);
/// overrides alone do not.
/// </remarks>
public sealed class CalendarOptions
{
    /// <summary>Gets or sets the dates set by the municipality; the last one wins when a date repeats.</summary>
    /// <value>The default is empty.</value>
    public List<CalendarOverride> Overrides { get; set; } = [];

    /// <summary>
    /// Gets or sets the path of an extra calendar CSV in the shipped format (<c>#</c> comments, a <c>date,kind</c>
    /// header, <c>yyyy-MM-dd,kind</c> rows), relative to the working directory; every year it lists becomes covered.
    /// </summary>
    /// <value>The default is <see langword="null"/>: no extra file.</value>
    public string? ExtraCsvPath { get; set; }
}

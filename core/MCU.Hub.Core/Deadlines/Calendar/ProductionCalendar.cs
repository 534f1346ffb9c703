using System.Collections.Frozen;
using System.Globalization;
using MCU.Hub.Deadlines.Calendar.Internal;

namespace MCU.Hub.Deadlines.Calendar;

/// <summary>
/// The Russian federal production calendar (производственный календарь, 5-day week): holidays, transfers and
/// shortened pre-holiday days, from the data shipped in this assembly, with the municipality's additions on top.
/// </summary>
/// <remarks>
/// <para>
/// The shipped data (embedded <c>ru-calendar.csv</c>; its header cites the sources) covers the years in
/// <see cref="Years"/>. A date it does not list follows the normal week: Monday to Friday working, Saturday and Sunday off.
/// A Saturday listed as short is a transferred working Saturday, shortened by one hour.
/// </para>
/// <para>
/// For a year without data the calendar falls back to the Mon–Fri week with the fixed holidays of Labour Code
/// art. 112 (1–8 January, 23 February, 8 March, 1 and 9 May, 12 June, 4 November), without transfers or short days;
/// <see cref="Covers"/> returns <see langword="false"/> for it so callers can say the result is an estimate.
/// </para>
/// <para>Instances are immutable and safe to use from many threads.</para>
/// </remarks>
public sealed class ProductionCalendar
{
    private const string ResourceName = "MCU.Hub.Deadlines.Calendar.Data.ru-calendar.csv";

    private static readonly Lazy<List<KeyValuePair<DateOnly, EntryKind>>> s_shipped = new(LoadShipped);

    private readonly FrozenDictionary<DateOnly, EntryKind> _entries;
    private readonly FrozenSet<int> _covered;
    private readonly int[] _years;

    /// <summary>Creates the calendar of the shipped data alone.</summary>
    public ProductionCalendar()
        : this([], [])
    {
    }

    /// <summary>Creates the calendar of the shipped data with <paramref name="overrides"/> on top.</summary>
    /// <param name="overrides">Dates set by the municipality; the last one wins when a date repeats.</param>
    /// <exception cref="ArgumentException">An override has no date or an unknown kind.</exception>
    public ProductionCalendar(IEnumerable<CalendarOverride> overrides)
        : this([], ToEntries(overrides, nameof(overrides)))
    {
    }

    /// <summary>Creates the calendar of the shipped data, the extra CSV file and the overrides of <paramref name="options"/>.</summary>
    /// <param name="options">The municipality's additions.</param>
    /// <exception cref="ArgumentException">An override has no date or an unknown kind.</exception>
    /// <exception cref="FormatException">The extra CSV file is malformed.</exception>
    /// <exception cref="IOException">The extra CSV file cannot be read.</exception>
    public ProductionCalendar(CalendarOptions options)
        : this(ReadExtraFile(options.ExtraCsvPath), ToEntries(options.Overrides, nameof(options)))
    {
    }

    private ProductionCalendar(
        List<KeyValuePair<DateOnly, EntryKind>> extraRows,
        List<KeyValuePair<DateOnly, EntryKind>> overrides)
    {
        var entries = new Dictionary<DateOnly, EntryKind>();
        var covered = new HashSet<int>();
        foreach (var (date, kind) in s_shipped.Value.Concat(extraRows))
        {
            entries[date] = kind;
            covered.Add(date.Year);
        }

        foreach (var (date, kind) in overrides)
            entries[date] = kind;

        _entries = entries.ToFrozenDictionary();
        _covered = covered.ToFrozenSet();
        _years = [.. covered.Order()];
    }

    /// <summary>Gets the years the data covers (shipped or from the extra file), in ascending order.</summary>
    public IReadOnlyList<int> Years => _years;

    /// <summary>Whether the data covers <paramref name="year"/>; if not, the calendar of that year is the art. 112 fallback.</summary>
    /// <param name="year">The year.</param>
    /// <returns><see langword="true"/> when the year comes from the shipped data or the extra file.</returns>
    public bool Covers(int year) => _covered.Contains(year);

    /// <summary>Gets the kind of <paramref name="date"/>.</summary>
    /// <param name="date">The date.</param>
    /// <returns>The kind of the day.</returns>
    public DayKind GetDayKind(DateOnly date)
    {
        if (_entries.TryGetValue(date, out var kind))
            return kind.ToDayKind();
        if (!_covered.Contains(date.Year) && FederalHolidays.IsFixedHoliday(date))
            return DayKind.Holiday;
        return date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? DayKind.NonWorking : DayKind.Working;
    }

    /// <summary>Whether <paramref name="date"/> is a working day, full or short.</summary>
    /// <param name="date">The date.</param>
    /// <returns><see langword="true"/> for <see cref="DayKind.Working"/> and <see cref="DayKind.ShortWorking"/>.</returns>
    public bool IsWorkingDay(DateOnly date) => GetDayKind(date) is DayKind.Working or DayKind.ShortWorking;

    /// <summary>
    /// Gets the listed dates of <paramref name="year"/> as CSV rows, in date order: with the normal week they give
    /// <see cref="GetDayKind"/> for every day of the year.
    /// </summary>
    /// <param name="year">The year.</param>
    /// <returns>
    /// The rows; <c>Kind</c> is one of <see cref="SpecialDayKinds"/>. For a year the data does not cover, the fixed
    /// art. 112 holidays and the overrides of that year.
    /// </returns>
    public IEnumerable<(DateOnly Date, string Kind)> SpecialDates(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, DateOnly.MinValue.Year);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, DateOnly.MaxValue.Year);

        var rows = new SortedDictionary<DateOnly, EntryKind>();
        if (!_covered.Contains(year))
        {
            foreach (var date in FederalHolidays.Of(year))
                rows[date] = EntryKind.Holiday;
        }

        foreach (var (date, kind) in _entries)
        {
            if (date.Year == year)
                rows[date] = kind;
        }

        return rows.Select(row => (row.Key, row.Value.ToText())).ToArray();
    }

    /// <summary>Writes <paramref name="year"/> in the CSV format of the shipped data: a <c>date,kind</c> header and <see cref="SpecialDates"/> rows.</summary>
    /// <param name="year">The year.</param>
    /// <param name="writer">The writer; lines end with <c>\n</c>, dates are ISO (<c>yyyy-MM-dd</c>).</param>
    public void WriteCsv(int year, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        CalendarCsv.Write(writer, SpecialDates(year));
    }

    /// <summary>Returns <paramref name="year"/> in the CSV format of the shipped data (see <see cref="WriteCsv"/>).</summary>
    /// <param name="year">The year.</param>
    /// <returns>The CSV text.</returns>
    public string ToCsv(int year)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteCsv(year, writer);
        return writer.ToString();
    }

    private static List<KeyValuePair<DateOnly, EntryKind>> LoadShipped()
    {
        using var stream = typeof(ProductionCalendar).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing from the build.");
        using var reader = new StreamReader(stream);
        return CalendarCsv.Read(reader, ResourceName);
    }

    private static List<KeyValuePair<DateOnly, EntryKind>> ReadExtraFile(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
            return [];
        using var reader = new StreamReader(path);
        return CalendarCsv.Read(reader, path);
    }

    private static List<KeyValuePair<DateOnly, EntryKind>> ToEntries(IEnumerable<CalendarOverride> overrides, string paramName)
    {
        ArgumentNullException.ThrowIfNull(overrides, paramName);
        var entries = new List<KeyValuePair<DateOnly, EntryKind>>();
        var index = 0;
        foreach (var item in overrides)
        {
            if (item is null)
                throw new ArgumentException($"Overrides[{index}]: null entry.", paramName);
            if (item.Date == default)
                throw new ArgumentException($"Overrides[{index}].Date: missing.", paramName);
            if (!EntryKinds.TryParse(item.Kind, out var kind))
                throw new ArgumentException($"Overrides[{index}].Kind: unknown kind '{item.Kind}' (expected holiday, workday or short).", paramName);
            entries.Add(new(item.Date, kind));
            index++;
        }

        return entries;
    }
}

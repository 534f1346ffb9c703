using System.Globalization;
using System.Text.RegularExpressions;
using MCU.Hub.Deadlines.Calendar;
using Microsoft.Extensions.Configuration;

namespace MCU.Hub.Deadlines;

public sealed class ProductionCalendarTests
{
    private const string ResourceName = "MCU.Hub.Deadlines.Calendar.Data.ru-calendar.csv";

    private static readonly ProductionCalendar s_calendar = new();

    public static TheoryData<int> ShippedYears => [.. new ProductionCalendar().Years];

    [Fact]
    public void Years_ShippedData_Are2020To2027()
    {
        Assert.Equal(Enumerable.Range(2020, 8), s_calendar.Years);
        Assert.All(s_calendar.Years, year => Assert.True(s_calendar.Covers(year)));
        Assert.False(s_calendar.Covers(2019));
        Assert.False(s_calendar.Covers(2028));
    }

    [Theory]
    [InlineData(2020, 248, 118)]
    [InlineData(2021, 247, 118)]
    [InlineData(2022, 247, 118)]
    [InlineData(2023, 247, 118)]
    [InlineData(2024, 248, 118)]
    [InlineData(2025, 247, 118)]
    [InlineData(2026, 247, 118)]
    [InlineData(2027, 247, 118)]
    public void GetDayKind_ShippedYear_GivesOfficialTotals(int year, int working, int nonWorking)
    {
        var (actualWorking, actualNonWorking) = Totals(s_calendar, year);

        Assert.Equal(working, actualWorking);
        Assert.Equal(nonWorking, actualNonWorking);
    }

    [Theory]
    [MemberData(nameof(ShippedYears))]
    public void GetDayKind_ShippedYear_MatchesTotalsInDataHeader(int year)
    {
        // The header states "totals working/non-working: ... 2024 248/118, ...": every shipped year must be stated and agree.
        var header = string.Join('\n', ReadShippedText().Split('\n').Where(line => line.StartsWith('#')));
        var match = Regex.Match(header, $@"\b{year} (\d+)/(\d+)");
        Assert.True(match.Success, $"The data header states no totals for {year}.");

        var (working, nonWorking) = Totals(s_calendar, year);
        Assert.Equal(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), working);
        Assert.Equal(int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), nonWorking);
    }

    [Theory]
    [MemberData(nameof(ShippedYears))]
    public void GetDayKind_NewYearAndMayHolidays_AreHolidaysEveryShippedYear(int year)
    {
        for (var day = 1; day <= 8; day++)
            Assert.Equal(DayKind.Holiday, s_calendar.GetDayKind(new DateOnly(year, 1, day)));
        Assert.Equal(DayKind.Holiday, s_calendar.GetDayKind(new DateOnly(year, 5, 1)));
        Assert.Equal(DayKind.Holiday, s_calendar.GetDayKind(new DateOnly(year, 5, 9)));
        Assert.Equal(DayKind.Holiday, s_calendar.GetDayKind(new DateOnly(year, 6, 12)));
        Assert.Equal(DayKind.Holiday, s_calendar.GetDayKind(new DateOnly(year, 11, 4)));
    }

    [Theory]
    // 2020: Jan 4-5 moved to May 4-5; Feb 23 and Mar 8 on Sundays moved to Monday; decree days (COVID-19) are not in the calendar.
    [InlineData("2020-02-24", DayKind.Holiday)]
    [InlineData("2020-03-09", DayKind.Holiday)]
    [InlineData("2020-04-06", DayKind.Working)]
    [InlineData("2020-04-30", DayKind.ShortWorking)]
    [InlineData("2020-05-04", DayKind.Holiday)]
    [InlineData("2020-05-05", DayKind.Holiday)]
    [InlineData("2020-05-08", DayKind.ShortWorking)]
    [InlineData("2020-05-11", DayKind.Holiday)]
    [InlineData("2020-07-01", DayKind.Working)]
    [InlineData("2020-12-31", DayKind.ShortWorking)]
    // 2021: working Saturday Feb 20 (short), Nov 5 and Dec 31 off by transfer.
    [InlineData("2021-02-20", DayKind.ShortWorking)]
    [InlineData("2021-02-22", DayKind.Holiday)]
    [InlineData("2021-05-10", DayKind.Holiday)]
    [InlineData("2021-06-14", DayKind.Holiday)]
    [InlineData("2021-11-01", DayKind.Working)]
    [InlineData("2021-11-03", DayKind.ShortWorking)]
    [InlineData("2021-11-05", DayKind.Holiday)]
    [InlineData("2021-12-31", DayKind.Holiday)]
    // 2022: working Saturday Mar 5 (short), May 3 and 10 off by transfer.
    [InlineData("2022-03-05", DayKind.ShortWorking)]
    [InlineData("2022-03-07", DayKind.Holiday)]
    [InlineData("2022-05-03", DayKind.Holiday)]
    [InlineData("2022-05-10", DayKind.Holiday)]
    [InlineData("2022-06-13", DayKind.Holiday)]
    // 2023
    [InlineData("2023-02-22", DayKind.ShortWorking)]
    [InlineData("2023-02-24", DayKind.Holiday)]
    [InlineData("2023-05-08", DayKind.Holiday)]
    [InlineData("2023-11-06", DayKind.Holiday)]
    // 2024: transferred working Saturdays Apr 27 and Dec 28, short working Saturday Nov 2.
    [InlineData("2024-04-27", DayKind.Working)]
    [InlineData("2024-04-28", DayKind.NonWorking)]
    [InlineData("2024-04-29", DayKind.Holiday)]
    [InlineData("2024-04-30", DayKind.Holiday)]
    [InlineData("2024-05-08", DayKind.ShortWorking)]
    [InlineData("2024-05-10", DayKind.Holiday)]
    [InlineData("2024-11-02", DayKind.ShortWorking)]
    [InlineData("2024-12-28", DayKind.Working)]
    [InlineData("2024-12-30", DayKind.Holiday)]
    [InlineData("2024-12-31", DayKind.Holiday)]
    // 2025: short working Saturday Nov 1, May 2 and 8, Jun 13, Nov 3, Dec 31 off.
    [InlineData("2025-05-02", DayKind.Holiday)]
    [InlineData("2025-05-08", DayKind.Holiday)]
    [InlineData("2025-06-13", DayKind.Holiday)]
    [InlineData("2025-11-01", DayKind.ShortWorking)]
    [InlineData("2025-11-03", DayKind.Holiday)]
    [InlineData("2025-12-31", DayKind.Holiday)]
    // 2026
    [InlineData("2026-01-09", DayKind.Holiday)]
    [InlineData("2026-03-09", DayKind.Holiday)]
    [InlineData("2026-05-11", DayKind.Holiday)]
    [InlineData("2026-12-31", DayKind.Holiday)]
    // 2027 (provisional)
    [InlineData("2027-02-20", DayKind.ShortWorking)]
    [InlineData("2027-02-22", DayKind.Holiday)]
    [InlineData("2027-06-14", DayKind.Holiday)]
    [InlineData("2027-11-05", DayKind.Holiday)]
    // Unlisted dates follow the week.
    [InlineData("2025-07-16", DayKind.Working)]
    [InlineData("2025-07-19", DayKind.NonWorking)]
    [InlineData("2025-07-20", DayKind.NonWorking)]
    public void GetDayKind_KnownDate_GivesOfficialKind(string date, DayKind expected)
    {
        var day = DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);

        Assert.Equal(expected, s_calendar.GetDayKind(day));
        Assert.Equal(expected is DayKind.Working or DayKind.ShortWorking, s_calendar.IsWorkingDay(day));
    }

    [Theory]
    [MemberData(nameof(ShippedYears))]
    public void ToCsv_ShippedYear_EqualsShippedRows(int year)
    {
        var shippedRows = ReadShippedText().Split('\n').Where(line => line.StartsWith($"{year}-", StringComparison.Ordinal));
        var expected = "date,kind\n" + string.Concat(shippedRows.Select(row => row + "\n"));

        Assert.Equal(expected, s_calendar.ToCsv(year));

        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        s_calendar.WriteCsv(year, writer);
        Assert.Equal(expected, writer.ToString());
    }

    [Theory]
    [MemberData(nameof(ShippedYears))]
    public void SpecialDates_ShippedYear_ReproduceEveryDayKind(int year)
    {
        var rows = s_calendar.SpecialDates(year).ToDictionary(row => row.Date, row => row.Kind);

        Assert.Equal(rows.Keys.Order(), rows.Keys);
        for (var day = new DateOnly(year, 1, 1); day.Year == year; day = day.AddDays(1))
            Assert.Equal(s_calendar.GetDayKind(day), KindFromRow(day, rows.GetValueOrDefault(day)));
    }

    [Fact]
    public void GetDayKind_OverridesAddRegionalHolidayAndWorkday_LayerOnShippedData()
    {
        // Tatarstan-style: a regional holiday on a Friday and a regional transfer making the next Saturday a working day.
        var calendar = new ProductionCalendar(
        [
            new CalendarOverride(new DateOnly(2025, 6, 6), SpecialDayKinds.Holiday),
            new CalendarOverride(new DateOnly(2025, 6, 7), SpecialDayKinds.Workday),
        ]);
        var working = new WorkingCalendar(calendar);

        Assert.Equal(DayKind.Holiday, calendar.GetDayKind(new DateOnly(2025, 6, 6)));
        Assert.Equal(DayKind.Working, calendar.GetDayKind(new DateOnly(2025, 6, 7)));
        Assert.Equal(DayKind.Working, s_calendar.GetDayKind(new DateOnly(2025, 6, 6)));
        Assert.Equal(new DateOnly(2025, 6, 7), working.AddWorkingDays(new DateOnly(2025, 6, 5), 1));
        Assert.Contains((new DateOnly(2025, 6, 6), "holiday"), calendar.SpecialDates(2025));
        Assert.Contains((new DateOnly(2025, 6, 7), "workday"), calendar.SpecialDates(2025));
        Assert.Equal(DayKind.Holiday, calendar.GetDayKind(new DateOnly(2025, 6, 12)));
        Assert.Equal(s_calendar.Years, calendar.Years);
        Assert.Equal(Totals(s_calendar, 2025).Working, Totals(calendar, 2025).Working);
    }

    [Fact]
    public void GetDayKind_OverrideOnShippedHoliday_LastLayerWins()
    {
        var calendar = new ProductionCalendar([new CalendarOverride(new DateOnly(2025, 12, 31), SpecialDayKinds.ShortDay)]);

        Assert.Equal(DayKind.ShortWorking, calendar.GetDayKind(new DateOnly(2025, 12, 31)));
    }

    [Fact]
    public void Constructor_OptionsBoundFromConfiguration_AcceptObjectAndStringOverrides()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Calendar:Overrides:0:Date"] = "2025-08-30",
                ["Calendar:Overrides:0:Kind"] = "holiday",
                ["Calendar:Overrides:1"] = "2025-11-06",
                ["Calendar:Overrides:2"] = "2025-11-08,workday",
            })
            .Build();

        var options = configuration.GetSection("Calendar").Get<CalendarOptions>()!;
        var calendar = new ProductionCalendar(options);

        Assert.Equal(3, options.Overrides.Count);
        Assert.Equal(DayKind.Holiday, calendar.GetDayKind(new DateOnly(2025, 8, 30)));
        Assert.Equal(DayKind.Holiday, calendar.GetDayKind(new DateOnly(2025, 11, 6)));
        Assert.Equal(DayKind.Working, calendar.GetDayKind(new DateOnly(2025, 11, 8)));
    }

    [Fact]
    public void Constructor_ExtraCsvFileAddsYear_CoversItWithoutFallback()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "# 2028 as the municipality received it\ndate,kind\n2028-01-01,holiday\n2028-01-03,holiday\n2028-02-26,workday\n");
            var calendar = new ProductionCalendar(new CalendarOptions
            {
                ExtraCsvPath = path,
                Overrides = [new CalendarOverride(new DateOnly(2028, 1, 4), SpecialDayKinds.Holiday)],
            });

            Assert.True(calendar.Covers(2028));
            Assert.Contains(2028, calendar.Years);
            Assert.Equal(DayKind.Holiday, calendar.GetDayKind(new DateOnly(2028, 1, 3)));
            Assert.Equal(DayKind.Holiday, calendar.GetDayKind(new DateOnly(2028, 1, 4)));
            Assert.Equal(DayKind.Working, calendar.GetDayKind(new DateOnly(2028, 1, 5)));
            Assert.Equal(DayKind.Working, calendar.GetDayKind(new DateOnly(2028, 2, 26)));
            Assert.Equal("date,kind\n2028-01-01,holiday\n2028-01-03,holiday\n2028-01-04,holiday\n2028-02-26,workday\n", calendar.ToCsv(2028));
            Assert.Equal(s_calendar.ToCsv(2025), calendar.ToCsv(2025));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Constructor_MalformedExtraCsv_ThrowsWithLineNumber()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "date,kind\n2028-01-01,holiday\n2028-13-01,holiday\n");

            var error = Assert.Throws<FormatException>(() => new ProductionCalendar(new CalendarOptions { ExtraCsvPath = path }));

            Assert.Contains(":3:", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Constructor_UnknownOverrideKind_ThrowsNamingTheEntry()
    {
        var error = Assert.Throws<ArgumentException>(() => new ProductionCalendar(
            [new CalendarOverride(new DateOnly(2025, 1, 9), "holiday"), new CalendarOverride(new DateOnly(2025, 1, 10), "vacation")]));

        Assert.Contains("Overrides[1].Kind", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2025-08-30", "2025-08-30", "holiday")]
    [InlineData(" 2025-11-08 , Workday ", "2025-11-08", "workday")]
    [InlineData("2025-12-30,short", "2025-12-30", "short")]
    public void Parse_StringForm_GivesDateAndKind(string text, string date, string kind)
    {
        var parsed = CalendarOverride.Parse(text);

        Assert.Equal(DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture), parsed.Date);
        Assert.Equal(kind, parsed.Kind);
        Assert.Equal($"{date},{kind}", parsed.ToString());
    }

    [Theory]
    [InlineData("30.08.2025")]
    [InlineData("2025-08-30,weekend")]
    [InlineData("2025-08-30,holiday,extra")]
    public void Parse_MalformedText_Throws(string text) =>
        Assert.Throws<FormatException>(() => CalendarOverride.Parse(text));

    [Theory]
    [InlineData(2019)]
    [InlineData(2028)]
    [InlineData(2030)]
    public void GetDayKind_YearOutsideData_FallsBackToArt112AndSaysSo(int year)
    {
        Assert.False(s_calendar.Covers(year));
        for (var day = 1; day <= 8; day++)
            Assert.Equal(DayKind.Holiday, s_calendar.GetDayKind(new DateOnly(year, 1, day)));
        foreach (var (month, day) in new[] { (2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4) })
            Assert.Equal(DayKind.Holiday, s_calendar.GetDayKind(new DateOnly(year, month, day)));

        var rows = s_calendar.SpecialDates(year).ToList();
        Assert.Equal(14, rows.Count);
        Assert.All(rows, row => Assert.Equal(SpecialDayKinds.Holiday, row.Kind));
        for (var date = new DateOnly(year, 1, 1); date.Year == year; date = date.AddDays(1))
        {
            var listed = rows.Exists(row => row.Date == date);
            var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var expected = listed ? DayKind.Holiday : weekend ? DayKind.NonWorking : DayKind.Working;
            Assert.Equal(expected, s_calendar.GetDayKind(date));
        }
    }

    [Fact]
    public void GetDayKind_FallbackYear_AppliesNoTransfers()
    {
        // 23 February 2030 is a Saturday; without a Government resolution the fallback does not move it to Monday.
        Assert.Equal(DayKind.Holiday, s_calendar.GetDayKind(new DateOnly(2030, 2, 23)));
        Assert.Equal(DayKind.Working, s_calendar.GetDayKind(new DateOnly(2030, 2, 25)));
        Assert.Equal(DayKind.Working, s_calendar.GetDayKind(new DateOnly(2030, 2, 22)));
    }

    [Fact]
    public void GetDayKind_OverrideInFallbackYear_LayersOnFallbackWithoutCoveringIt()
    {
        var calendar = new ProductionCalendar([new CalendarOverride(new DateOnly(2030, 8, 30), SpecialDayKinds.Holiday)]);

        Assert.False(calendar.Covers(2030));
        Assert.Equal(DayKind.Holiday, calendar.GetDayKind(new DateOnly(2030, 8, 30)));
        Assert.Equal(DayKind.Holiday, calendar.GetDayKind(new DateOnly(2030, 1, 2)));
        Assert.Equal(15, calendar.SpecialDates(2030).Count());
    }

    internal static (int Working, int NonWorking) Totals(ProductionCalendar calendar, int year)
    {
        var working = 0;
        var nonWorking = 0;
        for (var day = new DateOnly(year, 1, 1); day.Year == year; day = day.AddDays(1))
        {
            if (calendar.IsWorkingDay(day))
                working++;
            else
                nonWorking++;
        }

        return (working, nonWorking);
    }

    private static DayKind KindFromRow(DateOnly day, string? kind) => kind switch
    {
        "holiday" => DayKind.Holiday,
        "workday" => DayKind.Working,
        "short" => DayKind.ShortWorking,
        null when day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday => DayKind.NonWorking,
        null => DayKind.Working,
        _ => throw new InvalidOperationException($"Unknown kind '{kind}'."),
    };

    private static string ReadShippedText()
    {
        using var stream = typeof(ProductionCalendar).Assembly.GetManifestResourceStream(ResourceName)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

using MCU.Hub.Deadlines.Calendar;

namespace MCU.Hub.Analytics.Internal;

/// <summary>The reference days of each window day, shared by every key of one detection run.</summary>
internal sealed class BaselinePlan
{
    /// <summary>How many weeks beyond the history weeks are searched for reference days of the right kind.</summary>
    public const int ExtraWeeks = 4;

    private readonly int[][] _references;

    private BaselinePlan(DateOnly seriesStart, DateOnly from, DateOnly to, int[][] references)
    {
        SeriesStart = seriesStart;
        From = from;
        To = to;
        _references = references;
    }

    /// <summary>Gets the first day of a series: the earliest history day used, or <see cref="From"/> without history.</summary>
    public DateOnly SeriesStart { get; }

    public DateOnly From { get; }

    public DateOnly To { get; }

    public int WindowDays => To.DayNumber - From.DayNumber + 1;

    public int Length => To.DayNumber - SeriesStart.DayNumber + 1;

    /// <summary>
    /// Picks the reference days. A window day is compared with the same weekday of the previous
    /// <paramref name="weeks"/> weeks before the window, taking only days of its own kind (working or not), so a
    /// holiday in history never lowers a working day's baseline; up to <see cref="ExtraWeeks"/> more weeks are searched
    /// to replace skipped ones. A holiday on a weekday has no same-weekday days off to compare with, so it takes all
    /// days off of the last weeks; so does any day whose weekday found none (then of the whole lookback if need be).
    /// </summary>
    public static BaselinePlan Create(ProductionCalendar calendar, DateOnly earliestData, DateOnly from, DateOnly to, int weeks)
    {
        // Search 4 weeks further back so that holiday weeks skipped (New Year, May) are replaced by earlier ones.
        var lookbackStart = from.AddDays(-7 * (weeks + ExtraWeeks));
        var dataStart = earliestData > lookbackStart ? earliestData : lookbackStart;
        var seriesStart = dataStart < from ? dataStart : from;
        var poolStart = from.AddDays(-7 * weeks);
        if (poolStart < dataStart)
            poolStart = dataStart;

        var working = new Dictionary<DateOnly, bool>();
        bool IsWorking(DateOnly date)
        {
            if (!working.TryGetValue(date, out var value))
                working[date] = value = calendar.IsWorkingDay(date);
            return value;
        }

        int[]? workingPool = null, restPool = null;
        int[] Pool(bool kind)
        {
            ref var pool = ref kind ? ref workingPool : ref restPool;
            pool ??= Select(poolStart, kind) is { Length: > 0 } recent ? recent : Select(dataStart, kind);
            return pool;
        }

        int[] Select(DateOnly first, bool kind) =>
            [.. Days(first, from.AddDays(-1)).Where(d => IsWorking(d) == kind).Select(d => d.DayNumber - seriesStart.DayNumber)];

        var references = new int[to.DayNumber - from.DayNumber + 1][];
        foreach (var day in Days(from, to))
        {
            var kind = IsWorking(day);
            var picked = new List<int>(weeks);
            var weekdayHoliday = !kind && day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
            if (!weekdayHoliday)
            {
                for (var candidate = day.AddDays(-7); candidate >= dataStart && picked.Count < weeks; candidate = candidate.AddDays(-7))
                {
                    if (candidate < from && IsWorking(candidate) == kind)
                        picked.Add(candidate.DayNumber - seriesStart.DayNumber);
                }
            }

            references[day.DayNumber - from.DayNumber] = picked.Count > 0 ? [.. picked] : Pool(kind);
        }

        return new BaselinePlan(seriesStart, from, to, references);
    }

    /// <summary>Gets the daily counts of <paramref name="items"/> from <see cref="SeriesStart"/> to <see cref="To"/>; other days are ignored.</summary>
    public int[] Series(IEnumerable<AnalyticsItem> items)
    {
        var series = new int[Length];
        foreach (var item in items)
        {
            var index = item.LocalDate.DayNumber - SeriesStart.DayNumber;
            if ((uint)index < (uint)series.Length)
                series[index]++;
        }

        return series;
    }

    public int Observed(int[] series)
    {
        var sum = 0;
        for (var i = From.DayNumber - SeriesStart.DayNumber; i < series.Length; i++)
            sum += series[i];
        return sum;
    }

    /// <summary>Gets the window's expected count and variance over the days that have reference days, and the number of days that have none.</summary>
    public (double Expected, double Variance, int DaysWithoutReference) Estimate(int[] series)
    {
        double expected = 0, variance = 0;
        var without = 0;
        foreach (var days in _references)
        {
            if (days.Length == 0)
            {
                without++;
                continue;
            }

            double sum = 0, squares = 0;
            foreach (var index in days)
            {
                sum += series[index];
                squares += (double)series[index] * series[index];
            }

            var n = days.Length;
            var mean = sum / n;
            var sampleVariance = n > 1 ? Math.Max(0, (squares - (n * mean * mean)) / (n - 1)) : 0;
            expected += mean;
            // At least Poisson; overdispersed history widens it; (1 + 1/n) adds the error of a mean of n days.
            variance += Math.Max(mean, sampleVariance) * (1 + (1.0 / n));
        }

        return (expected, variance, without);
    }

    private static IEnumerable<DateOnly> Days(DateOnly first, DateOnly last)
    {
        for (var day = first; day <= last; day = day.AddDays(1))
            yield return day;
    }
}

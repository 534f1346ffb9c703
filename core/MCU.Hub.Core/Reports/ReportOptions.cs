namespace MCU.Hub.Reports;

/// <summary>When reports fall due and when the host generates them (section <c>McuHub:Reports</c>).</summary>
public sealed class ReportOptions
{
    /// <summary>Gets or sets a value indicating whether the host generates reports on schedule (on demand works either way).</summary>
    public bool Schedule { get; set; } = true;

    /// <summary>Gets or sets the formats generated: <c>xlsx</c>, <c>html</c>.</summary>
    public List<string> Formats { get; set; } = [];

    /// <summary>Gets or sets how long before the due time a scheduled report is generated (never before its period has ended).</summary>
    public TimeSpan GenerateBefore { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Gets or sets the day the weekly report is due, in the week after its period (Нягань: «не позднее 13.00 часов пятницы»).</summary>
    public DayOfWeek WeeklyDueDay { get; set; } = DayOfWeek.Friday;

    /// <summary>Gets or sets the local time the weekly report is due.</summary>
    public TimeSpan WeeklyDueTime { get; set; } = TimeSpan.FromHours(13);

    /// <summary>Gets or sets the day of the next month the monthly report is due by (Нягань: «в срок до 05 числа»).</summary>
    public int MonthlyDueDay { get; set; } = 5;

    /// <summary>Gets or sets the working day of the next month the quarterly report is due on (no act names one; a choice of ours).</summary>
    public int QuarterlyDueWorkingDay { get; set; } = 5;

    /// <summary>Gets or sets the working day of the month after the year the annual report is due on (Нягань: «не позднее третьего рабочего дня»).</summary>
    public int AnnualDueWorkingDay { get; set; } = 3;

    /// <summary>Gets or sets the local time the monthly, quarterly and annual reports are due on their day (the start of the working day, to be safe).</summary>
    public TimeSpan DueTime { get; set; } = TimeSpan.FromHours(9);

    /// <summary>Gets or sets how many messages at most the overdue list of a report shows.</summary>
    public int MaxListedMessages { get; set; } = 500;

    /// <summary>The formats known.</summary>
    public static readonly IReadOnlyList<string> KnownFormats = ["xlsx", "html"];

    /// <summary>Gets the formats generated, with the default applied.</summary>
    /// <returns>The formats.</returns>
    public IReadOnlyList<string> EffectiveFormats() => Formats.Count > 0 ? Formats : KnownFormats;

    /// <summary>Checks the options.</summary>
    /// <returns>One message per problem, naming the key.</returns>
    public IEnumerable<string> Validate()
    {
        foreach (var format in Formats.Where(f => !KnownFormats.Contains(f, StringComparer.Ordinal)))
            yield return $"McuHub:Reports:Formats: неизвестный формат '{format}' (известны: {string.Join(", ", KnownFormats)})";
        if (GenerateBefore < TimeSpan.Zero || GenerateBefore > TimeSpan.FromDays(5))
            yield return $"McuHub:Reports:GenerateBefore: от 0 до 5 суток ({GenerateBefore})";
        if (WeeklyDueTime < TimeSpan.Zero || WeeklyDueTime >= TimeSpan.FromDays(1))
            yield return $"McuHub:Reports:WeeklyDueTime: время суток ({WeeklyDueTime})";
        if (DueTime < TimeSpan.Zero || DueTime >= TimeSpan.FromDays(1))
            yield return $"McuHub:Reports:DueTime: время суток ({DueTime})";
        if (MonthlyDueDay is < 1 or > 28)
            yield return $"McuHub:Reports:MonthlyDueDay: от 1 до 28 ({MonthlyDueDay})";
        if (QuarterlyDueWorkingDay is < 1 or > 20)
            yield return $"McuHub:Reports:QuarterlyDueWorkingDay: от 1 до 20 ({QuarterlyDueWorkingDay})";
        if (AnnualDueWorkingDay is < 1 or > 20)
            yield return $"McuHub:Reports:AnnualDueWorkingDay: от 1 до 20 ({AnnualDueWorkingDay})";
        if (MaxListedMessages is < 1 or > 100_000)
            yield return $"McuHub:Reports:MaxListedMessages: от 1 до 100000 ({MaxListedMessages})";
    }
}

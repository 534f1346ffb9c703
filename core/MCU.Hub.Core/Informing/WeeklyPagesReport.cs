namespace MCU.Hub.Informing;

/// <summary>Publications of each official page per ISO week, and the pages below the weekly norm.</summary>
/// <param name="Norm">The weekly norm in force.</param>
/// <param name="Weeks">The ISO weeks of the period, oldest first.</param>
/// <param name="Pages">Every known page of the municipality, by channel and id, with its count in each week.</param>
public sealed record WeeklyPagesReport(int Norm, IReadOnlyList<IsoWeek> Weeks, IReadOnlyList<PageWeeks> Pages)
{
    /// <summary>Gets the pages whose publications fell below the norm in a week.</summary>
    /// <param name="week">The week.</param>
    /// <returns>The pages.</returns>
    public IReadOnlyList<PageWeeks> BelowNorm(IsoWeek week) => [.. Pages.Where(p => p.Weeks.Any(w => w.Week == week && w.BelowNorm))];
}

/// <summary>An ISO 8601 week (Monday to Sunday) in the municipality's time zone.</summary>
/// <param name="Year">The ISO week-numbering year.</param>
/// <param name="Week">The week number (1…53).</param>
/// <param name="Monday">The week's Monday.</param>
public sealed record IsoWeek(int Year, int Week, DateOnly Monday)
{
    /// <summary>Gets the label, e.g. <c>2026-W48</c>.</summary>
    public string Label => $"{Year:D4}-W{Week:D2}";
}

/// <summary>One page and its publications per week.</summary>
/// <param name="PageId">The page's id in its channel.</param>
/// <param name="Channel">The channel.</param>
/// <param name="Name">The page's name.</param>
/// <param name="Owner">The owner (a recipient code after the connector's owner map), if known.</param>
/// <param name="Verified">Whether the page carries the «Госорганизация» mark.</param>
/// <param name="Weeks">The publications in each week of the report, in its order.</param>
public sealed record PageWeeks(string PageId, string Channel, string Name, string? Owner, bool Verified, IReadOnlyList<WeekCount> Weeks);

/// <summary>A page's publications in one week.</summary>
/// <param name="Week">The week.</param>
/// <param name="Count">The publications.</param>
/// <param name="BelowNorm">Whether the count is below the weekly norm.</param>
public sealed record WeekCount(IsoWeek Week, int Count, bool BelowNorm);

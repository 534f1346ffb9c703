namespace MCU.Hub.Channels;

/// <summary>What an importer read from a file.</summary>
/// <param name="Items">The items of the good rows, in file order.</param>
/// <param name="Errors">One error per bad row, naming row and column.</param>
public sealed record ImportParseResult(IReadOnlyList<InboundItem> Items, IReadOnlyList<ImportRowError> Errors)
{
    /// <summary>Gets records read from the file (poll results ...).</summary>
    public IReadOnlyList<ChannelRecord> Records { get; init; } = [];

    /// <summary>
    /// Gets the file row of each item of <see cref="Items"/> (same order), so that the hub's own refusals of an item
    /// name the row too; empty when the importer does not say.
    /// </summary>
    public IReadOnlyList<int> ItemRows { get; init; } = [];
}

/// <summary>A bad row of an imported file.</summary>
/// <param name="Row">The row number as a person sees it in the file (the header is row 1).</param>
/// <param name="Column">The column header (or letter) of the bad cell, if one cell is to blame.</param>
/// <param name="Message">What is wrong, in Russian.</param>
public sealed record ImportRowError(int Row, string? Column, string Message);

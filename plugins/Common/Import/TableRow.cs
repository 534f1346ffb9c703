namespace MCU.Hub.Plugins.Common.Import;

/// <summary>One row of a sheet or CSV file as read, before headers give its cells a meaning.</summary>
/// <param name="Number">The row number as a person sees it in a spreadsheet program (the first row is 1).</param>
/// <param name="Cells">The cells by 0-based column: strings, numbers (<see cref="double"/>), dates (<see cref="DateTime"/>), booleans or null.</param>
/// <param name="Defect">What the reader found wrong with the row as a whole (a CSV quote never closed), in Russian.</param>
internal readonly record struct TableRow(int Number, object?[] Cells, string? Defect = null)
{
    /// <summary>Gets a value indicating whether every cell is empty or white space.</summary>
    public bool IsEmpty => Cells.All(c => c is null || (c is string s && string.IsNullOrWhiteSpace(s)));
}

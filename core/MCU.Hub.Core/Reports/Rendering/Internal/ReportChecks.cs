namespace MCU.Hub.Reports.Internal;

/// <summary>Argument checks shared by the writers, so that both reject the same malformed reports.</summary>
internal static class ReportChecks
{
    /// <summary>Throws when a section's chart names a column the section does not have.</summary>
    public static void Validate(ReportDocument report)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var section in report.Sections)
        {
            if (section.Chart is not { } chart)
                continue;

            var count = section.Columns.Count;
            if (chart.CategoryColumn < 0 || chart.CategoryColumn >= count)
                throw new ArgumentException($"The chart of section '{section.Name}' takes its categories from column {chart.CategoryColumn}, but the section has {count} columns.", nameof(report));
            if (chart.ValueColumns.Count == 0)
                throw new ArgumentException($"The chart of section '{section.Name}' has no value columns.", nameof(report));
            foreach (var column in chart.ValueColumns)
            {
                if (column < 0 || column >= count)
                    throw new ArgumentException($"The chart of section '{section.Name}' draws column {column}, but the section has {count} columns.", nameof(report));
            }
        }
    }

    /// <summary>The cell of <paramref name="row"/> in <paramref name="column"/>; empty when the row is shorter.</summary>
    public static ReportValue Cell(IReadOnlyList<ReportValue> row, int column) =>
        column < row.Count ? row[column] : ReportValue.Empty;
}

namespace MCU.Hub.Reports;

/// <summary>Adds sections to generated reports (growth alerts, heat maps, a plugin's own tables).</summary>
public interface IReportSectionSource
{
    /// <summary>Gets the sections this source adds to a report.</summary>
    /// <param name="period">The report's period.</param>
    /// <param name="scope">The messages the report covers (one municipality's, or every municipality's of the hub).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The sections, possibly none.</returns>
    Task<IReadOnlyList<ReportSection>> GetSectionsAsync(ReportPeriod period, Kpi.KpiSlice scope, CancellationToken cancellationToken);
}

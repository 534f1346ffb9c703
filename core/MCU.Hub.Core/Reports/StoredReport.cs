namespace MCU.Hub.Reports;

/// <summary>A generated report as the hub keeps it: its parameters, when and why it was made, and its files.</summary>
public sealed class StoredReport
{
    /// <summary>Gets or sets the id (time-ordered).</summary>
    public string Id { get; set; } = "";

    /// <summary>Gets or sets the kind.</summary>
    public ReportKind Kind { get; set; }

    /// <summary>
    /// Gets or sets the ОКТМО code of the municipality the report is about; <see langword="null"/> in reports written
    /// before tenants, which belong to the default municipality.
    /// </summary>
    public string? Tenant { get; set; }

    /// <summary>Gets or sets the period key (<c>2026-W47</c>, <c>2026-11</c>, <c>2026-Q4</c>, <c>2026</c>).</summary>
    public string Period { get; set; } = "";

    /// <summary>Gets or sets the first day of the period, <c>yyyy-MM-dd</c>.</summary>
    public string From { get; set; } = "";

    /// <summary>Gets or sets the last day of the period, <c>yyyy-MM-dd</c>.</summary>
    public string To { get; set; } = "";

    /// <summary>Gets or sets the title.</summary>
    public string Title { get; set; } = "";

    /// <summary>Gets or sets the parameters the report was generated with (counting basis, kinds, slice, …).</summary>
    public Dictionary<string, string> Parameters { get; set; } = [];

    /// <summary>Gets or sets when it was generated.</summary>
    public DateTimeOffset GeneratedAt { get; set; }

    /// <summary>Gets or sets when the report is due.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>Gets or sets what asked for it: <c>schedule</c>, <c>api</c> or <c>cli</c>.</summary>
    public string Trigger { get; set; } = "";

    /// <summary>Gets or sets who asked for it.</summary>
    public string RequestedBy { get; set; } = "";

    /// <summary>Gets or sets the files, one per format.</summary>
    public List<StoredReportFile> Files { get; set; } = [];
}

/// <summary>One file of a generated report.</summary>
public sealed class StoredReportFile
{
    /// <summary>Gets or sets the format: <c>xlsx</c> or <c>html</c>.</summary>
    public string Format { get; set; } = "";

    /// <summary>Gets or sets the MIME type.</summary>
    public string ContentType { get; set; } = "";

    /// <summary>Gets or sets the file name to save it under.</summary>
    public string FileName { get; set; } = "";

    /// <summary>Gets or sets the size in bytes.</summary>
    public long Length { get; set; }

    /// <summary>Gets or sets the SHA-256 of the content, hex.</summary>
    public string Sha256 { get; set; } = "";
}

/// <summary>Where generated reports and their files are kept.</summary>
public interface IReportStore
{
    /// <summary>Stores a report with its files in one transaction.</summary>
    /// <param name="report">The report.</param>
    /// <param name="contents">The content of each file, by format.</param>
    /// <param name="cancellationToken">Cancels before the write starts.</param>
    /// <returns>A task that completes when the report is durable.</returns>
    Task SaveAsync(StoredReport report, IReadOnlyDictionary<string, byte[]> contents, CancellationToken cancellationToken);

    /// <summary>Lists reports, newest first.</summary>
    /// <param name="kind">Only this kind, or <see langword="null"/>.</param>
    /// <param name="period">Only this period key, or <see langword="null"/>.</param>
    /// <param name="maxCount">The most to return.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The reports.</returns>
    Task<IReadOnlyList<StoredReport>> ListAsync(ReportKind? kind, string? period, int maxCount, CancellationToken cancellationToken);

    /// <summary>Gets a report.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The report, or <see langword="null"/>.</returns>
    Task<StoredReport?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Gets the content of one file of a report.</summary>
    /// <param name="id">The report id.</param>
    /// <param name="format">The format.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The content, or <see langword="null"/> when there is no such file.</returns>
    Task<byte[]?> GetContentAsync(string id, string format, CancellationToken cancellationToken);
}

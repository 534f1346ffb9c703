using System.Security.Cryptography;
using MCU.Hub.Events;
using MCU.Hub.Intake;
using MCU.Hub.Kpi;
using MCU.Hub.Ratings;
using MCU.Hub.Reports.Internal;
using MCU.Hub.Storage;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Reports;

/// <summary>Generates the МЦУ's reports as .xlsx and HTML, stores each with its parameters and generation time, and lists them.</summary>
public sealed class ReportService
{
    private readonly ReportComposer _composer;
    private readonly IReportStore _reports;
    private readonly IHubStore _store;
    private readonly HubEventFeed _feed;
    private readonly ReportSchedule _schedule;
    private readonly ReportOptions _options;
    private readonly KpiOptions _kpiOptions;
    private readonly TimeProvider _time;
    private readonly Tenants.TenantDirectory _tenants;

    /// <summary>Creates the service.</summary>
    /// <param name="kpis">The indicators.</param>
    /// <param name="ratings">The recipient rating.</param>
    /// <param name="backlog">The backlog snapshots.</param>
    /// <param name="sources">Further section sources (growth, heat map, plugins).</param>
    /// <param name="reports">The report store.</param>
    /// <param name="store">The hub store, for the «report ready» event.</param>
    /// <param name="feed">The event feed.</param>
    /// <param name="schedule">The due times.</param>
    /// <param name="options">The engine options.</param>
    /// <param name="tenants">The municipalities the hub serves.</param>
    /// <param name="time">The clock.</param>
    public ReportService(
        KpiService kpis,
        RecipientRatingService ratings,
        BacklogService backlog,
        IEnumerable<IReportSectionSource> sources,
        IReportStore reports,
        IHubStore store,
        HubEventFeed feed,
        ReportSchedule schedule,
        IOptions<McuHubOptions> options,
        Tenants.TenantDirectory tenants,
        TimeProvider time)
    {
        _options = options.Value.Reports;
        _kpiOptions = options.Value.Kpi;
        _composer = new ReportComposer(kpis, ratings, backlog, _options, [.. sources]);
        _reports = reports;
        _store = store;
        _feed = feed;
        _schedule = schedule;
        _time = time;
        _tenants = tenants;
    }

    /// <summary>Gets the schedule of due times.</summary>
    public ReportSchedule Schedule => _schedule;

    /// <summary>Builds a report's content without storing it.</summary>
    /// <param name="period">The period.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The report document.</returns>
    public Task<ReportDocument> ComposeAsync(ReportPeriod period, CancellationToken cancellationToken) =>
        _composer.ComposeAsync(period, ScopeOf(null), _time.GetUtcNow(), _schedule.DueAt(period), cancellationToken);

    /// <summary>Generates a report in the chosen formats and stores it.</summary>
    /// <param name="period">The period.</param>
    /// <param name="formats">The formats (<c>xlsx</c>, <c>html</c>); empty for those of the options.</param>
    /// <param name="trigger">What asked for it: <c>schedule</c>, <c>api</c> or <c>cli</c>.</param>
    /// <param name="requestedBy">Who asked for it.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The stored report.</returns>
    /// <exception cref="HubValidationException">A format is unknown.</exception>
    public Task<StoredReport> GenerateAsync(ReportPeriod period, IReadOnlyCollection<string> formats, string trigger, string requestedBy, CancellationToken cancellationToken) =>
        GenerateAsync(null, period, formats, trigger, requestedBy, cancellationToken);

    /// <summary>Generates a municipality's report in the chosen formats and stores it.</summary>
    /// <param name="tenant">The municipality's ОКТМО code; <see langword="null"/> for the default one.</param>
    /// <param name="period">The period.</param>
    /// <param name="formats">The formats (<c>xlsx</c>, <c>html</c>); empty for those of the options.</param>
    /// <param name="trigger">What asked for it: <c>schedule</c>, <c>api</c> or <c>cli</c>.</param>
    /// <param name="requestedBy">Who asked for it.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The stored report.</returns>
    /// <exception cref="HubValidationException">A format is unknown, or the hub does not serve the municipality.</exception>
    public async Task<StoredReport> GenerateAsync(string? tenant, ReportPeriod period, IReadOnlyCollection<string> formats, string trigger, string requestedBy, CancellationToken cancellationToken)
    {
        var code = _tenants.Normalize(tenant);
        if (!_tenants.Contains(code))
            throw new HubValidationException("tenant", $"муниципальное образование с кодом ОКТМО '{code}' не обслуживается этим узлом");
        var chosen = formats.Count > 0 ? formats.Distinct(StringComparer.Ordinal).ToList() : [.. _options.EffectiveFormats()];
        foreach (var format in chosen.Where(f => !ReportOptions.KnownFormats.Contains(f, StringComparer.Ordinal)))
            throw new HubValidationException("format", $"неизвестный формат '{format}' (известны: {string.Join(", ", ReportOptions.KnownFormats)})");

        var now = _time.GetUtcNow();
        var due = _schedule.DueAt(period);
        var document = await _composer.ComposeAsync(period, ScopeOf(code), now, due, cancellationToken).ConfigureAwait(false);
        if (_tenants.All.Count > 1)
        {
            document = new ReportDocument
            {
                Title = $"{document.Title} — {_tenants.NameOf(code)}",
                Subtitle = document.Subtitle,
                GeneratedAt = document.GeneratedAt,
                Parameters = document.Parameters,
                Sections = document.Sections,
            };
        }
        var contents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var report = new StoredReport
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            Tenant = code,
            Kind = period.Kind,
            Period = period.Key,
            From = period.Days.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            To = period.Days.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Title = document.Title,
            Parameters = ReportComposer.Parameters(_kpiOptions),
            GeneratedAt = now,
            DueAt = due,
            Trigger = trigger,
            RequestedBy = requestedBy,
        };
        foreach (var format in chosen)
        {
            var bytes = Render(document, format);
            contents[format] = bytes;
            report.Files.Add(new StoredReportFile
            {
                Format = format,
                ContentType = format == "xlsx" ? XlsxReportWriter.ContentType : HtmlReportWriter.ContentType,
                FileName = $"{period.Kind.ToString().ToLowerInvariant()}-{period.Key}.{format}",
                Length = bytes.LongLength,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            });
        }

        await _reports.SaveAsync(report, contents, cancellationToken).ConfigureAwait(false);
        var sequence = await _store.AppendEventAsync(new HubEvent
        {
            Type = HubEventTypes.ReportReady,
            Tenant = code,
            At = now,
            Summary = $"Сформирован отчёт: {document.Title}, {period.Key}",
        }, cancellationToken).ConfigureAwait(false);
        _feed.Publish(sequence);
        return report;
    }

    /// <summary>Renders a report document.</summary>
    /// <param name="document">The document.</param>
    /// <param name="format">The format: <c>xlsx</c> or <c>html</c>.</param>
    /// <returns>The file's bytes.</returns>
    public static byte[] Render(ReportDocument document, string format) => format switch
    {
        "xlsx" => new XlsxReportWriter().Write(document),
        "html" => System.Text.Encoding.UTF8.GetBytes(new HtmlReportWriter().Render(document)),
        _ => throw new HubValidationException("format", $"неизвестный формат '{format}'"),
    };

    /// <summary>Lists stored reports, newest first.</summary>
    /// <param name="kind">Only this kind, or <see langword="null"/>.</param>
    /// <param name="period">Only this period key, or <see langword="null"/>.</param>
    /// <param name="maxCount">The most to return.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The reports.</returns>
    public Task<IReadOnlyList<StoredReport>> ListAsync(ReportKind? kind, string? period, int maxCount, CancellationToken cancellationToken) =>
        _reports.ListAsync(kind, period, maxCount, cancellationToken);

    /// <summary>Lists the stored reports of some municipalities, newest first.</summary>
    /// <param name="tenants">The municipalities' ОКТМО codes.</param>
    /// <param name="kind">Only this kind, or <see langword="null"/>.</param>
    /// <param name="period">Only this period key, or <see langword="null"/>.</param>
    /// <param name="maxCount">The most to return.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The reports.</returns>
    public async Task<IReadOnlyList<StoredReport>> ListAsync(IReadOnlyCollection<string> tenants, ReportKind? kind, string? period, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        // A few reports a week per municipality: filtering the list in memory costs nothing.
        var all = await _reports.ListAsync(kind, period, int.MaxValue, cancellationToken).ConfigureAwait(false);
        return [.. all.Where(r => tenants.Contains(TenantOf(r))).Take(maxCount)];
    }

    /// <summary>Gets the municipality a stored report belongs to.</summary>
    /// <param name="report">The report.</param>
    /// <returns>Its ОКТМО code (the default municipality's for reports written before tenants).</returns>
    public string TenantOf(StoredReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return _tenants.Normalize(report.Tenant);
    }

    private KpiSlice ScopeOf(string? tenant) => tenant is null || _tenants.All.Count == 1 ? KpiSlice.All : new KpiSlice { Tenants = [tenant] };

    /// <summary>Gets a stored report.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The report, or <see langword="null"/>.</returns>
    public Task<StoredReport?> GetAsync(string id, CancellationToken cancellationToken) => _reports.GetAsync(id, cancellationToken);

    /// <summary>Gets a stored report's file.</summary>
    /// <param name="id">The report id.</param>
    /// <param name="format">The format.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The bytes, or <see langword="null"/>.</returns>
    public Task<byte[]?> GetContentAsync(string id, string format, CancellationToken cancellationToken) => _reports.GetContentAsync(id, format, cancellationToken);
}

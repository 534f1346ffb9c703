using System.ComponentModel.DataAnnotations;
using MCU.Hub.Deadlines;
using MCU.Hub.Directories;
using MCU.Hub.Escalation;
using MCU.Hub.Routing;

namespace MCU.Hub;

/// <summary>Options of the MCU.Hub engine, bound from the <c>McuHub</c> configuration section.</summary>
public sealed class McuHubOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "McuHub";

    /// <summary>Gets or sets the path of the LiteDB file of the embedded store.</summary>
    /// <value>The default is <c>data/mcu-hub.db</c>, relative to the working directory.</value>
    [Required]
    public string DatabasePath { get; set; } = "data/mcu-hub.db";

    /// <summary>Gets or sets the store backend (<c>McuHub:Storage:Provider</c>: <c>litedb</c> or <c>postgresql</c>).</summary>
    [Required]
    public Storage.StorageOptions Storage { get; set; } = new();

    /// <summary>Gets or sets the ОКТМО code of the municipality this hub serves.</summary>
    /// <value>The default is empty (a single-tenant hub).</value>
    public string Oktmo { get; set; } = "";

    /// <summary>Gets or sets the longest text accepted, in characters.</summary>
    /// <value>The default is 20,000.</value>
    [Range(100, 1_000_000)]
    public int MaxTextLength { get; set; } = 20_000;

    /// <summary>
    /// Gets or sets the free space, in megabytes, the store keeps on the disk of its file: below it, writes are refused
    /// (<see cref="Storage.HubStoreUnavailableException"/>, nothing changed) until space is freed. LiteDB closes itself
    /// for good on a write that fails for lack of space; refusing before that lets the hub resume without a restart.
    /// </summary>
    /// <value>The default is 64 MB; 0 turns the check off.</value>
    [Range(0, 1_000_000)]
    public int MinFreeDiskSpaceMb { get; set; } = 64;

    /// <summary>
    /// Gets or sets the memory, in megabytes, the open transactions of the embedded LiteDB store may hold in its page
    /// cache together. LiteDB 5 allows them 800 MB and never gives cache memory back while the file is open, so one large
    /// commit or scan would keep the process that much bigger, the more so the more is stored. Over its share a
    /// transaction writes its changed pages to LiteDB's log and drops the rest, as LiteDB does at its own limit. LiteDB
    /// keeps 13–16 MB of free pages for reuse beyond the pages in use, so the cache stays below this budget plus that:
    /// about 29 MB with the default.
    /// </summary>
    /// <value>
    /// The default is 16 MB: LiteDB grants a transaction 1,000 pages (8 MB) at a time, and a budget of two grants lets
    /// the intake's commit and a long read (the KPI facts' catch-up, a report) run side by side. With 8 MB the second of
    /// them gets a single page and writes or drops its pages after every document (in one benchmark run each, streamed
    /// submits into a store of a million messages: 6,980 msgs/s at 16 MB, 5,327 at 8 MB).
    /// </value>
    [Range(8, 800)]
    public int LiteDbCacheMb { get; set; } = 16;

    /// <summary>Gets or sets the most messages written in one store transaction by the intake (group commit).</summary>
    /// <value>The default is 1,000.</value>
    [Range(1, 100_000)]
    public int MaxCommitBatch { get; set; } = 1_000;

    /// <summary>
    /// Gets or sets channel codes that are accepted through the API besides the loaded channel plugins
    /// (for example <c>api</c> for regional systems, <c>reception</c> for personal reception).
    /// </summary>
    /// <value>The default is <c>api</c>.</value>
    public List<string> ApiChannels { get; set; } = ["api"];

    /// <summary>
    /// Gets or sets the municipalities (tenants) one hub serves besides the default one (<see cref="Oktmo"/>); each
    /// names the channels whose items are its own.
    /// </summary>
    public List<Tenants.TenantDefinition> Tenants { get; set; } = [];

    /// <summary>Gets or sets the responsible recipients.</summary>
    public List<Recipient> Recipients { get; set; } = [];

    /// <summary>Gets or sets the territories.</summary>
    public List<Territory> Territories { get; set; } = [];

    /// <summary>Gets or sets the category tree; empty means <see cref="DefaultDirectory.Categories"/>.</summary>
    public List<Category> Categories { get; set; } = [];

    /// <summary>Gets or sets the routing rules (автоправила), evaluated in <see cref="RoutingRule.Order"/>.</summary>
    public List<RoutingRule> Rules { get; set; } = [];

    /// <summary>Gets or sets the deadline settings.</summary>
    [Required]
    public DeadlineOptions Deadlines { get; set; } = new();

    /// <summary>Gets or sets the escalation settings.</summary>
    [Required]
    public EscalationOptions Escalation { get; set; } = new();

    /// <summary>Gets or sets how indicators, ratings and backlog snapshots are counted.</summary>
    [Required]
    public Kpi.KpiOptions Kpi { get; set; } = new();

    /// <summary>Gets or sets when and how reports are generated.</summary>
    [Required]
    public Reports.ReportOptions Reports { get; set; } = new();
}

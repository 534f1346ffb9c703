namespace MCU.Hub.Kpi;

/// <summary>
/// The open backlog at the end of one day: how many messages were open and how many of them overdue, in total and by
/// channel, block, recipient and territory.
/// </summary>
public sealed class BacklogSnapshot
{
    /// <summary>Gets or sets the day, <c>yyyy-MM-dd</c> (local date of the municipality); the snapshot is of its end, local midnight.</summary>
    public string Id { get; set; } = "";

    /// <summary>Gets or sets when the snapshot was computed.</summary>
    public DateTimeOffset TakenAt { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the snapshot was reconstructed later from the messages' history of
    /// answers and closures, rather than taken when the day ended (a message reopened since is counted as open from its
    /// registration, so a reconstruction can only overstate the backlog).
    /// </summary>
    public bool Reconstructed { get; set; }

    /// <summary>Gets or sets the messages open at the end of the day.</summary>
    public int Open { get; set; }

    /// <summary>Gets or sets the messages open and past their deadline at the end of the day.</summary>
    public int Overdue { get; set; }

    /// <summary>Gets or sets the counts by dimension.</summary>
    public List<BacklogCount> Rows { get; set; } = [];

    /// <summary>
    /// Gets the part of the snapshot that belongs to some municipalities: their totals and their rows by municipality.
    /// The other dimensions are counted over the whole hub, so they are left out.
    /// </summary>
    /// <param name="tenants">The municipalities' ОКТМО codes.</param>
    /// <returns>A new snapshot.</returns>
    public BacklogSnapshot For(IReadOnlyCollection<string> tenants)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        var rows = Rows.Where(r => r.Dimension == KpiDimension.Tenant && tenants.Contains(r.Key)).ToList();
        return new BacklogSnapshot
        {
            Id = Id,
            TakenAt = TakenAt,
            Reconstructed = Reconstructed,
            Open = rows.Sum(r => r.Open),
            Overdue = rows.Sum(r => r.Overdue),
            Rows = rows,
        };
    }

    /// <summary>Gets the day.</summary>
    /// <returns>The local date.</returns>
    public DateOnly Date() => DateOnly.ParseExact(Id, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The backlog of one value of a dimension.</summary>
public sealed class BacklogCount
{
    /// <summary>Gets or sets the dimension.</summary>
    public KpiDimension Dimension { get; set; }

    /// <summary>Gets or sets the code (empty for «не указано»).</summary>
    public string Key { get; set; } = "";

    /// <summary>Gets or sets the open messages.</summary>
    public int Open { get; set; }

    /// <summary>Gets or sets the overdue messages.</summary>
    public int Overdue { get; set; }
}

/// <summary>Where daily backlog snapshots are kept.</summary>
public interface IBacklogSnapshotStore
{
    /// <summary>Gets the snapshot of a day.</summary>
    /// <param name="date">The day.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The snapshot, or <see langword="null"/>.</returns>
    Task<BacklogSnapshot?> GetAsync(DateOnly date, CancellationToken cancellationToken);

    /// <summary>Gets the latest day that has a snapshot.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The day, or <see langword="null"/> when there is none.</returns>
    Task<DateOnly?> GetLatestDateAsync(CancellationToken cancellationToken);

    /// <summary>Stores a snapshot, replacing one of the same day.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="cancellationToken">Cancels before the write starts.</param>
    /// <returns>A task that completes when the snapshot is durable.</returns>
    Task SaveAsync(BacklogSnapshot snapshot, CancellationToken cancellationToken);
}

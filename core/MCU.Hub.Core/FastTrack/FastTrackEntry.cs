using MCU.Hub.Deadlines;
using MCU.Hub.Storage;

namespace MCU.Hub.FastTrack;

/// <summary>
/// An entry of the fast-track catalogue (фаст-трек): a typical problem with a shortened deadline and a pre-agreed
/// executor. A routing rule that names the entry (<see cref="Routing.RoutingRule.FastTrackEntry"/>) sends the message
/// straight to the executor with that deadline, with no manual triage.
/// </summary>
public sealed class FastTrackEntry : IStoredDocument
{
    /// <summary>The prefix of the deadline policy names of entries (<see cref="PolicyName"/>).</summary>
    public const string PolicyPrefix = "fast-track:";

    /// <inheritdoc />
    public static string Collection => "fast_track_entries";

    /// <inheritdoc />
    public string Id { get; set; } = "";

    /// <inheritdoc />
    public string Tenant { get; set; } = "";

    /// <inheritdoc />
    public string? Key => Code;

    /// <inheritdoc />
    public int Version { get; set; }

    /// <summary>Gets or sets the code rules name the entry by, unique in the municipality's catalogue.</summary>
    public string Code { get; set; } = "";

    /// <summary>Gets or sets the name of the typical problem, in Russian («Открытый люк»).</summary>
    public string Title { get; set; } = "";

    /// <summary>Gets or sets what the problem covers and what the executor does, for people.</summary>
    public string? Description { get; set; }

    /// <summary>Gets or sets the code of the pre-agreed executor (a recipient of the directory).</summary>
    public string Executor { get; set; } = "";

    /// <summary>Gets or sets the unit of the shortened deadline: <see cref="DeadlineUnit.WorkingDays"/> or <see cref="DeadlineUnit.WorkingHours"/>.</summary>
    public DeadlineUnit Unit { get; set; } = DeadlineUnit.WorkingDays;

    /// <summary>Gets or sets the length of the shortened deadline, in <see cref="Unit"/>.</summary>
    public double Amount { get; set; }

    /// <summary>Gets or sets how far the deadline may be extended in total, in <see cref="Unit"/>; 0 forbids extension.</summary>
    public double MaxExtension { get; set; }

    /// <summary>Gets or sets when the entry was last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Gets or sets who last changed the entry.</summary>
    public string UpdatedBy { get; set; } = "";

    /// <summary>Gets the name of the deadline policy of this entry, recorded with the messages it sets the deadline of.</summary>
    public string PolicyName => PolicyNameOf(Tenant, Code);

    /// <summary>Gets the document id of an entry: the municipality and the code.</summary>
    /// <param name="tenant">The municipality's ОКТМО code.</param>
    /// <param name="code">The entry's code.</param>
    /// <returns>The id.</returns>
    public static string IdOf(string tenant, string code) => tenant.Length == 0 ? code : $"{tenant}:{code}";

    /// <summary>Gets the deadline policy name of an entry: <c>fast-track:</c> and the document id.</summary>
    /// <param name="tenant">The municipality's ОКТМО code.</param>
    /// <param name="code">The entry's code.</param>
    /// <returns>The policy name.</returns>
    public static string PolicyNameOf(string tenant, string code) => PolicyPrefix + IdOf(tenant, code);

    /// <summary>Gets the deadline policy that computes the entry's shortened deadline on the production calendar.</summary>
    /// <returns>A new definition; the entry's deadline wins over a deadline set by the channel.</returns>
    public DeadlinePolicyDefinition ToPolicy() => new()
    {
        Name = PolicyName,
        Unit = Unit,
        Amount = Amount,
        MaxExtension = MaxExtension,
        PreferChannelDeadline = false,
        Source = $"Каталог фаст-трека: «{Title}»",
    };

    /// <summary>Copies the entry.</summary>
    /// <returns>A copy.</returns>
    public FastTrackEntry Clone() => (FastTrackEntry)MemberwiseClone();
}

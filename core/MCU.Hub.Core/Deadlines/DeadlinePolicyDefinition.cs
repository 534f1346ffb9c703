using System.ComponentModel.DataAnnotations;

namespace MCU.Hub.Deadlines;

/// <summary>A named deadline policy: how long a message may take, in which unit, and how far it may be extended.</summary>
public sealed class DeadlinePolicyDefinition
{
    /// <summary>Gets or sets the unique name, recorded with every message it sets the deadline of.</summary>
    [Required]
    public string Name { get; set; } = "";

    /// <summary>Gets or sets the unit of <see cref="Amount"/>.</summary>
    public DeadlineUnit Unit { get; set; }

    /// <summary>Gets or sets the length of the period.</summary>
    [Range(0, 10_000)]
    public double Amount { get; set; }

    /// <summary>Gets or sets what happens when a calendar-day period ends on a non-working day.</summary>
    /// <value>The default is <see cref="NonWorkingDayEnd.NextWorkingDay"/>.</value>
    public NonWorkingDayEnd OnNonWorkingDay { get; set; } = NonWorkingDayEnd.NextWorkingDay;

    /// <summary>Gets or sets how far the deadline may be extended in total, in <see cref="Unit"/>; 0 forbids extension.</summary>
    [Range(0, 10_000)]
    public double MaxExtension { get; set; }

    /// <summary>Gets or sets a value indicating whether a deadline set by the channel itself wins over this policy.</summary>
    /// <value>The default is <see langword="true"/>: the platform's own deadline (ПОС) is the one the citizen sees.</value>
    public bool PreferChannelDeadline { get; set; } = true;

    /// <summary>Gets or sets where the norm comes from, for people (a law, a regulation, a local act).</summary>
    public string? Source { get; set; }
}

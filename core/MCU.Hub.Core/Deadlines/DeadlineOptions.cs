using MCU.Hub.Deadlines.Calendar;

namespace MCU.Hub.Deadlines;

/// <summary>Deadline settings, bound from <c>McuHub:Deadlines</c>.</summary>
public sealed class DeadlineOptions
{
    /// <summary>Gets or sets the municipality's working schedule and time zone.</summary>
    public WorkSchedule Schedule { get; set; } = new();

    /// <summary>Gets or sets additions to the shipped production calendar (regional holidays, a new year).</summary>
    public CalendarOptions Calendar { get; set; } = new();

    /// <summary>Gets or sets the policies; empty means <see cref="DeadlineDefaults.Policies"/>. Policies named like a default replace it.</summary>
    public List<DeadlinePolicyDefinition> Policies { get; set; } = [];

    /// <summary>Gets or sets the assignments of policies to messages; empty means <see cref="DeadlineDefaults.Assignments"/>.</summary>
    public List<DeadlineAssignment> Assignments { get; set; } = [];

    /// <summary>Gets the policies in force: the defaults, replaced or extended by <see cref="Policies"/>.</summary>
    /// <returns>The policies by name.</returns>
    public Dictionary<string, DeadlinePolicyDefinition> EffectivePolicies()
    {
        var result = DeadlineDefaults.Policies().ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var policy in Policies)
            result[policy.Name] = policy;
        return result;
    }

    /// <summary>Gets the assignments in force.</summary>
    /// <returns>The assignments, in order.</returns>
    public List<DeadlineAssignment> EffectiveAssignments() => Assignments.Count > 0 ? Assignments : DeadlineDefaults.Assignments();
}

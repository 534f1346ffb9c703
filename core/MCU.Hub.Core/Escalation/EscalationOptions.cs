namespace MCU.Hub.Escalation;

/// <summary>Escalation settings, bound from <c>McuHub:Escalation</c>.</summary>
public sealed class EscalationOptions
{
    /// <summary>Gets or sets the levels; empty means <see cref="DefaultLevels"/>.</summary>
    public List<EscalationLevel> Levels { get; set; } = [];

    /// <summary>Gets or sets how often the host looks for messages to escalate.</summary>
    /// <value>The default is 1 minute.</value>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets the levels in force.</summary>
    /// <returns>The levels, ordered by offset.</returns>
    public List<EscalationLevel> EffectiveLevels() => [.. (Levels.Count > 0 ? Levels : DefaultLevels()).OrderBy(l => l.Offset)];

    /// <summary>Gets the default levels: a reminder to the recipient a day before, the block head at the deadline, the МЦУ head a day after.</summary>
    /// <returns>New copies of the default levels.</returns>
    public static List<EscalationLevel> DefaultLevels() =>
    [
        new() { Name = "reminder", Offset = TimeSpan.FromDays(-1), Target = "recipient", Title = "Напоминание: срок ответа истекает через сутки" },
        new() { Name = "deadline", Offset = TimeSpan.Zero, Target = "block-head", Title = "Срок ответа истёк" },
        new() { Name = "overdue", Offset = TimeSpan.FromDays(1), Target = "mcu-head", Title = "Просрочка более суток" },
    ];
}

namespace MCU.Hub.Emulators.IncidentManagement;

/// <summary>The incident statuses of the emulated «Инцидент Менеджмент» contract (the <c>status</c> field).</summary>
public static class IncidentStatuses
{
    /// <summary>«Новый»: found and moderated, not yet taken into work.</summary>
    public const string New = "new";

    /// <summary>«В работе».</summary>
    public const string InProgress = "in_progress";

    /// <summary>«Дан ответ»: a reply was published under the post.</summary>
    public const string Answered = "answered";

    /// <summary>«Закрыт».</summary>
    public const string Closed = "closed";

    /// <summary>«Отклонён»: not a problem of the municipality.</summary>
    public const string Rejected = "rejected";

    /// <summary>Gets every status an incident may have.</summary>
    public static IReadOnlyList<string> All { get; } = [New, InProgress, Answered, Closed, Rejected];

    /// <summary>Gets the statuses a reply may set (every one but <see cref="New"/>).</summary>
    public static IReadOnlyList<string> ReplyStatuses { get; } = [InProgress, Answered, Closed, Rejected];
}

namespace MCU.Hub.Emulators.Pos;

/// <summary>The message statuses of the emulated ПОС contract (the <c>status</c> field).</summary>
public static class PosStatuses
{
    /// <summary>«Зарегистрировано»: received, not yet taken into work.</summary>
    public const string Registered = "registered";

    /// <summary>«В работе».</summary>
    public const string InProgress = "in_progress";

    /// <summary>«Промежуточный ответ»: an interim answer was given, the work goes on.</summary>
    public const string IntermediateAnswer = "intermediate_answer";

    /// <summary>«Дан ответ».</summary>
    public const string Answered = "answered";

    /// <summary>«Закрыто».</summary>
    public const string Closed = "closed";

    /// <summary>«Отклонено»: not within the body's competence or not a problem.</summary>
    public const string Rejected = "rejected";

    /// <summary>Gets every status the emulator accepts.</summary>
    public static IReadOnlyList<string> All { get; } = [Registered, InProgress, IntermediateAnswer, Answered, Closed, Rejected];
}

namespace MCU.Hub.Emulators.PayAttention;

/// <summary>The message statuses of the emulated «Обращаем внимание» contract (the <c>status</c> field).</summary>
public static class PayAttentionStatuses
{
    /// <summary>«На рассмотрении»: passed moderation and waits for the administration.</summary>
    public const string Review = "review";

    /// <summary>«Промежуточный ответ»: an interim answer was given, the work goes on.</summary>
    public const string InterimAnswer = "interim_answer";

    /// <summary>«Получен ответ».</summary>
    public const string Answered = "answered";

    /// <summary>«Завершено».</summary>
    public const string Closed = "closed";

    /// <summary>«Отклонено»: not within the municipality's competence.</summary>
    public const string Rejected = "rejected";

    /// <summary>Gets every status a message may have and an answer may set.</summary>
    public static IReadOnlyList<string> All { get; } = [Review, InterimAnswer, Answered, Closed, Rejected];
}

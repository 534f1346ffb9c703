using MCU.Hub.Classification;
using MCU.Hub.Messages;

namespace MCU.Hub.Routing.Internal;

/// <summary>
/// The state of one message's evaluation: what the rules see (the category may be overridden by an earlier rule, the
/// territory located by coordinates), computed lazily, and the warnings met. Used by one thread.
/// </summary>
internal sealed class Evaluation
{
    private string[]? _words;
    private bool? _workingTime;
    private List<string>? _warnings;

    public Evaluation(HubMessage message, EvaluationContext context, string? territory)
    {
        Message = message;
        Context = context;
        Category = message.Category;
        Block = message.Block;
        Territory = territory;
    }

    public HubMessage Message { get; }

    public EvaluationContext Context { get; }

    public string? Category { get; set; }

    public string? Block { get; set; }

    public string? Territory { get; }

    /// <summary>Gets the text's words, lower-case, «ё» as «е».</summary>
    public string[] Words => _words ??= KeywordClassifier.Words(Message.Text);

    /// <summary>Gets the instant the time condition tests: when the citizen sent the message, else when the hub registered it.</summary>
    public DateTimeOffset At => Message.ReceivedAt != default ? Message.ReceivedAt : Message.RegisteredAt;

    /// <summary>Gets a value indicating whether <see cref="At"/> falls in working time.</summary>
    public bool IsWorkingTime => _workingTime ??= Context.Calendar.WorkingTimeBetween(At, At.AddTicks(1)) > TimeSpan.Zero;

    public IReadOnlyList<string> Warnings => (IReadOnlyList<string>?)_warnings ?? [];

    public void Warn(string warning)
    {
        _warnings ??= [];
        if (!_warnings.Contains(warning))
            _warnings.Add(warning);
    }
}

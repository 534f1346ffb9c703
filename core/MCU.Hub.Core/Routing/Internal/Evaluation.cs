using MCU.Hub.Messages;

namespace MCU.Hub.Routing.Internal;

/// <summary>
/// The state of one message's evaluation: what the rules see (copied from the message when routing starts; the category
/// may be overridden by an earlier rule, the territory located by coordinates), computed lazily, and the warnings met.
/// </summary>
/// <remarks>
/// Each thread reuses one instance (<see cref="Rent"/>, <see cref="Return"/>), so a message no rule matches costs no
/// allocation here; a decision that keeps the state for its explanations takes a <see cref="Detach">copy</see>.
/// </remarks>
internal sealed class Evaluation
{
    [ThreadStatic]
    private static Evaluation? t_shared;

    private TextWords? _words;
    private bool _shared;
    private bool _rented;
    private bool? _workingTime;
    private List<string>? _warnings;

    private Evaluation()
    {
    }

    public EvaluationContext Context { get; private set; } = null!;

    /// <summary>Gets the message routed; only its input fields are read, which routing never changes.</summary>
    public HubMessage Message { get; private set; } = null!;

    public string MessageId => Message.Id;

    public string Text => Message.Text ?? "";

    public string Channel => Message.Channel;

    public MessageKind Kind => Message.Kind;

    public string? SourceCategory => Message.SourceCategory;

    public string? SourceSubcategory => Message.SourceSubcategory;

    public bool AuthorIsOrganisation => Message.AuthorIsOrganisation;

    /// <summary>Gets the instant the time condition tests: when the citizen sent the message, else when the hub registered it.</summary>
    public DateTimeOffset At => Message.ReceivedAt != default ? Message.ReceivedAt : Message.RegisteredAt;

    public string? Category { get; set; }

    public string? Block { get; set; }

    public string? Territory { get; private set; }

    /// <summary>Gets or sets a value indicating whether problems are no longer recorded (while explaining afterwards what was already evaluated).</summary>
    public bool Quiet { get; set; }

    /// <summary>
    /// Gets the text's words: the thread's shared split while a rented evaluation runs, a split of its own otherwise.
    /// </summary>
    public TextWords Words => _words ??= _shared ? TextWords.Shared(Text) : TextWords.Of(Text);

    /// <summary>Gets a value indicating whether <see cref="At"/> falls in working time.</summary>
    public bool IsWorkingTime => _workingTime ??= Context.Calendar.WorkingTimeBetween(At, At.AddTicks(1)) > TimeSpan.Zero;

    /// <summary>Gets a copy of the warnings met so far.</summary>
    public IReadOnlyList<string> Warnings => _warnings is null ? [] : [.. _warnings];

    /// <summary>Starts evaluating <paramref name="message"/> with this thread's instance (or a new one if it is busy).</summary>
    public static Evaluation Rent(HubMessage message, EvaluationContext context, string? territory)
    {
        var e = t_shared;
        if (e is null || e._rented)
        {
            e = new Evaluation();
            t_shared ??= e;
        }

        e._rented = true;
        e._shared = ReferenceEquals(e, t_shared);
        e._words = null;
        e._workingTime = null;
        e._warnings = null;
        e.Quiet = false;
        e.Context = context;
        e.Message = message;
        e.Category = message.Category;
        e.Block = message.Block;
        e.Territory = territory;
        return e;
    }

    /// <summary>Ends the evaluation; the instance goes back to the thread.</summary>
    public void Return()
    {
        _words = null;
        _warnings = null;
        Message = null!;
        _rented = false;
    }

    /// <summary>
    /// What the rules saw, kept by a decision for explanations made later: a copy of the message's input fields, since
    /// the caller may change the message once routed (a value: no allocation).
    /// </summary>
    public Snapshot Detach() => new(Context, Message.Id, Text, Channel, Kind, SourceCategory, SourceSubcategory, AuthorIsOrganisation, At, Territory, _workingTime);

    /// <summary>What the rules saw of a message.</summary>
    internal readonly record struct Snapshot(
        EvaluationContext Context,
        string MessageId,
        string Text,
        string Channel,
        MessageKind Kind,
        string? SourceCategory,
        string? SourceSubcategory,
        bool AuthorIsOrganisation,
        DateTimeOffset At,
        string? Territory,
        bool? WorkingTime)
    {
        /// <summary>An evaluation of its own (it splits the text itself), that records no problems.</summary>
        public Evaluation Restore() => new()
        {
            Context = Context,
            Message = new HubMessage
            {
                Id = MessageId,
                Text = Text,
                Channel = Channel,
                Kind = Kind,
                SourceCategory = SourceCategory,
                SourceSubcategory = SourceSubcategory,
                AuthorIsOrganisation = AuthorIsOrganisation,
                ReceivedAt = At,
            },
            Territory = Territory,
            _workingTime = WorkingTime,
            Quiet = true,
        };
    }

    /// <summary>Records a problem once, unless <see cref="Quiet"/>.</summary>
    /// <returns><see langword="true"/> when it was recorded (so the caller also logs it).</returns>
    public bool Warn(string warning)
    {
        if (Quiet)
            return false;
        _warnings ??= [];
        if (_warnings.Contains(warning))
            return false;
        _warnings.Add(warning);
        return true;
    }
}

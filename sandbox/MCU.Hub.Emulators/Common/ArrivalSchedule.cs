namespace MCU.Hub.Emulators.Common;

/// <summary>
/// When the n-th synthetic item appears: <c>initial</c> items are there at start with a history spaced by
/// <c>historyStep</c> before it; the rest appear at <c>perSecond</c> by the emulator's clock.
/// </summary>
internal sealed class ArrivalSchedule
{
    private readonly int _total;
    private readonly int _availableAtStart;
    private readonly double _perSecond;
    private readonly TimeSpan _historyStep;
    private readonly DateTimeOffset _start;

    public ArrivalSchedule(DateTimeOffset startedAt, int total, int initial, double perSecond, TimeSpan historyStep)
    {
        _total = total;
        _perSecond = perSecond;
        _availableAtStart = perSecond > 0 ? initial : total;
        _historyStep = historyStep;

        // Whole seconds, so the published timestamps look like a real system's.
        _start = startedAt.AddTicks(-(startedAt.Ticks % TimeSpan.TicksPerSecond));
    }

    /// <summary>Gets how many items are due at <paramref name="now"/>.</summary>
    public int DueAt(DateTimeOffset now)
    {
        if (_perSecond <= 0 || now <= _start)
            return _availableAtStart;

        var more = Math.Floor((now - _start).TotalSeconds * _perSecond);
        return (int)Math.Min(_total, _availableAtStart + more);
    }

    /// <summary>Gets when the item with <paramref name="index"/> appeared or appears.</summary>
    public DateTimeOffset TimeOf(int index) =>
        index < _availableAtStart
            ? _start - (_historyStep * (_availableAtStart - index))
            : _start.AddSeconds(Math.Floor((index - _availableAtStart + 1) / _perSecond));

    /// <summary>Checks the options that drive a schedule; messages name them as <paramref name="noun"/> (Messages, Cards ...).</summary>
    public static void Validate(int total, int initial, double perSecond, string noun, string optionsParameter)
    {
        if (total < 0)
            throw new ArgumentException($"Total{noun} must not be negative.", optionsParameter);
        if (initial < 0 || initial > total)
            throw new ArgumentException($"Initial{noun} must be 0…Total{noun}, not {initial}.", optionsParameter);
        if (!double.IsFinite(perSecond) || perSecond < 0)
            throw new ArgumentException($"{noun}PerSecond must be a finite number ≥ 0.", optionsParameter);
    }
}

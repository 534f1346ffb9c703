namespace MCU.Hub.Host.Tests.Quality;

/// <summary>
/// The system clock moved forward by an adjustable offset: timers run in real time (so the host's workers keep
/// working), while "now" can jump past a survey's expiry.
/// </summary>
internal sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
}

namespace MCU.Hub.Plugins.Edds.Tests;

/// <summary>A clock that moves only when told; the emulator reads nothing but <see cref="GetUtcNow"/>.</summary>
/// <remarks>
/// Stands in for FakeTimeProvider: Microsoft.Extensions.TimeProvider.Testing 10.0.0, the centrally pinned version,
/// is not on the package feed.
/// </remarks>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan delta) => Interlocked.Add(ref _utcTicks, delta.Ticks);
}

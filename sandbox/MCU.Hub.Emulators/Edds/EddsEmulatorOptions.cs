namespace MCU.Hub.Emulators.Edds;

/// <summary>How an <see cref="EddsEmulator"/> listens and what it publishes.</summary>
public sealed class EddsEmulatorOptions
{
    /// <summary>Gets or sets the loopback port to listen on.</summary>
    /// <value>The default is 0: a free port is chosen; read it from <see cref="EddsEmulator.BaseAddress"/>.</value>
    public int Port { get; set; }

    /// <summary>Gets or sets the seed of the synthetic data: the same seed gives the same cards.</summary>
    /// <value>The default is 1.</value>
    public int Seed { get; set; } = 1;

    /// <summary>Gets or sets how many synthetic cards the emulator registers in all.</summary>
    /// <value>The default is 100. Cards added with <see cref="EddsEmulator.Add"/> come on top.</value>
    public int TotalCards { get; set; } = 100;

    /// <summary>Gets or sets how many synthetic cards exist at start when <see cref="CardsPerSecond"/> is above 0.</summary>
    /// <value>The default is 0.</value>
    public int InitialCards { get; set; }

    /// <summary>Gets or sets how many further synthetic calls arrive per second, by <see cref="TimeProvider"/>.</summary>
    /// <value>
    /// The default is 0: all <see cref="TotalCards"/> were received before the start, about nine minutes apart. Their
    /// later versions (taken into work, closed) appear when the clock reaches them, whatever the rate.
    /// </value>
    public double CardsPerSecond { get; set; }

    /// <summary>Gets or sets the bearer token the API requires.</summary>
    /// <value>The default is <see langword="null"/>: no authorization is required.</value>
    public string? Token { get; set; }

    /// <summary>Gets or sets the clock that drives the arrival of calls, the closure of cards and the timestamps.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>; tests pass a fake one.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}

namespace MCU.Hub.Emulators.PayAttention;

/// <summary>How a <see cref="PayAttentionEmulator"/> listens and what it publishes.</summary>
public sealed class PayAttentionEmulatorOptions
{
    /// <summary>Gets or sets the loopback port to listen on.</summary>
    /// <value>The default is 0: a free port is chosen; read it from <see cref="PayAttentionEmulator.BaseAddress"/>.</value>
    public int Port { get; set; }

    /// <summary>Gets or sets the seed of the synthetic data: the same seed gives the same messages.</summary>
    /// <value>The default is 1.</value>
    public int Seed { get; set; } = 1;

    /// <summary>Gets or sets how many synthetic messages the emulator publishes in all.</summary>
    /// <value>The default is 100. Messages added with <see cref="PayAttentionEmulator.Add"/> come on top.</value>
    public int TotalMessages { get; set; } = 100;

    /// <summary>Gets or sets how many synthetic messages are available at start when <see cref="MessagesPerSecond"/> is above 0.</summary>
    /// <value>The default is 0.</value>
    public int InitialMessages { get; set; }

    /// <summary>Gets or sets how many further synthetic messages appear per second, by <see cref="TimeProvider"/>.</summary>
    /// <value>The default is 0: all <see cref="TotalMessages"/> are available at start.</value>
    public double MessagesPerSecond { get; set; }

    /// <summary>Gets or sets the bearer token the API requires.</summary>
    /// <value>The default is <see langword="null"/>: no authorization is required.</value>
    public string? Token { get; set; }

    /// <summary>Gets or sets the clock that drives the appearance of messages and the timestamps.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>; tests pass a fake one.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}

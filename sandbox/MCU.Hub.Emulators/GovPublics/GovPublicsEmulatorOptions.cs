namespace MCU.Hub.Emulators.GovPublics;

/// <summary>How a <see cref="GovPublicsEmulator"/> listens and what it publishes.</summary>
public sealed class GovPublicsEmulatorOptions
{
    /// <summary>The largest <see cref="PageCount"/> accepted.</summary>
    public const int MaxPageCount = 500;

    /// <summary>The largest <see cref="HistoryWeeks"/> accepted.</summary>
    public const int MaxHistoryWeeks = 104;

    /// <summary>Gets or sets the loopback port to listen on.</summary>
    /// <value>The default is 0: a free port is chosen; read it from <see cref="GovPublicsEmulator.BaseAddress"/>.</value>
    public int Port { get; set; }

    /// <summary>Gets or sets the seed of the synthetic data: the same seed and start time give the same pages and publications.</summary>
    /// <value>The default is 1.</value>
    public int Seed { get; set; } = 1;

    /// <summary>Gets or sets how many synthetic official pages there are.</summary>
    /// <value>
    /// The default is 12: the administration in VK, OK and Telegram, its departments, culture and sport institutions.
    /// Further pages are schools and kindergartens, which publish less. 0…<see cref="MaxPageCount"/>.
    /// </value>
    public int PageCount { get; set; } = 12;

    /// <summary>Gets or sets how many whole weeks of publications exist before the start, besides the current week.</summary>
    /// <value>The default is 4; 0…<see cref="MaxHistoryWeeks"/>.</value>
    public int HistoryWeeks { get; set; } = 4;

    /// <summary>Gets or sets the bearer token the API requires.</summary>
    /// <value>The default is <see langword="null"/>: no authorization is required.</value>
    public string? Token { get; set; }

    /// <summary>
    /// Gets or sets the clock: publications scheduled after the start appear as it reaches their time, and so do the
    /// later versions of pages that get verified.
    /// </summary>
    /// <value>The default is <see cref="TimeProvider.System"/>; tests pass a fake one.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}

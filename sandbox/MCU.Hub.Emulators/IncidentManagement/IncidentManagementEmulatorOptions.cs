namespace MCU.Hub.Emulators.IncidentManagement;

/// <summary>How an <see cref="IncidentManagementEmulator"/> listens and what it publishes.</summary>
public sealed class IncidentManagementEmulatorOptions
{
    /// <summary>Gets or sets the loopback port to listen on.</summary>
    /// <value>The default is 0: a free port is chosen; read it from <see cref="IncidentManagementEmulator.BaseAddress"/>.</value>
    public int Port { get; set; }

    /// <summary>Gets or sets the seed of the synthetic data: the same seed gives the same incidents.</summary>
    /// <value>The default is 1.</value>
    public int Seed { get; set; } = 1;

    /// <summary>Gets or sets how many synthetic incidents the emulator publishes in all.</summary>
    /// <value>The default is 100. Incidents added with <see cref="IncidentManagementEmulator.Add"/> come on top.</value>
    public int TotalIncidents { get; set; } = 100;

    /// <summary>Gets or sets how many synthetic incidents are available at start when <see cref="IncidentsPerSecond"/> is above 0.</summary>
    /// <value>The default is 0.</value>
    public int InitialIncidents { get; set; }

    /// <summary>Gets or sets how many further synthetic incidents appear per second, by <see cref="TimeProvider"/>.</summary>
    /// <value>The default is 0: all <see cref="TotalIncidents"/> are available at start.</value>
    public double IncidentsPerSecond { get; set; }

    /// <summary>Gets or sets the bearer token the API requires.</summary>
    /// <value>The default is <see langword="null"/>: no authorization is required.</value>
    public string? Token { get; set; }

    /// <summary>Gets or sets the clock that drives the appearance of incidents and the timestamps.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>; tests pass a fake one.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}

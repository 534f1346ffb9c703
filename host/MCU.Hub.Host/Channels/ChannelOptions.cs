using System.ComponentModel.DataAnnotations;

namespace MCU.Hub.Host.Channels;

/// <summary>How the host runs one channel's connector, bound from <c>McuHub:Channels:{code}</c>.</summary>
public sealed class ChannelOptions
{
    /// <summary>The configuration section that holds one sub-section per channel code.</summary>
    public const string SectionName = "McuHub:Channels";

    /// <summary>Gets or sets a value indicating whether the connector runs.</summary>
    /// <value>The default is <see langword="false"/>: a channel runs only once it is configured.</value>
    public bool Enabled { get; set; }

    /// <summary>Gets or sets a value indicating whether the host polls the channel; without polling, imports and replies still work.</summary>
    /// <value>The default is <see langword="true"/>; <see langword="false"/> suits a municipality that only has the export files.</value>
    public bool Poll { get; set; } = true;

    /// <summary>Gets or sets the pause between polls when the channel has nothing new.</summary>
    /// <value>The default is 10 seconds.</value>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the most items asked for in one pull.</summary>
    /// <value>The default is 200.</value>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>Gets or sets the time one HTTP attempt may take.</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how many times a failed HTTP call is retried (transient errors only, with jittered backoff).</summary>
    /// <value>The default is 3.</value>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>Gets or sets the first retry delay; later ones grow exponentially.</summary>
    /// <value>The default is 1 second.</value>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the most HTTP requests per second to the external system (attempts and retries alike); 0 for no limit.</summary>
    /// <value>The default is 10: external platforms throttle integrators, and the hub's traffic is small.</value>
    [Range(0, 10_000)]
    public int MaxRequestsPerSecond { get; set; } = 10;

    /// <summary>Gets or sets how long the circuit stays open (no calls at all) once half the calls of a window failed.</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long the worker waits at most after repeated failures before it tries again.</summary>
    /// <value>The default is 5 minutes.</value>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);
}

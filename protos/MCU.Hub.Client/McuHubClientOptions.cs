namespace MCU.Hub.Client;

/// <summary>Where the hub is and how to call it; bound from configuration (<see cref="SectionName"/>) or set in code.</summary>
/// <remarks>
/// Set at most one credential: <see cref="ApiKey"/> (sent as <c>x-api-key</c>) or a bearer token
/// (<see cref="BearerToken"/> or <see cref="BearerTokenProvider"/>, sent as <c>authorization: Bearer …</c>).
/// The options are validated when the first client is created; an error names the option.
/// </remarks>
public sealed class McuHubClientOptions
{
    /// <summary>The configuration section the options bind from by default.</summary>
    public const string SectionName = "McuHubClient";

    /// <summary>Gets or sets the hub's gRPC address (the HTTP/2 endpoint), for example <c>https://hub.example.ru:5180</c>.</summary>
    /// <value>Required: an absolute <c>http</c> or <c>https</c> address.</value>
    public Uri? Address { get; set; }

    /// <summary>Gets or sets the API key, sent as the <c>x-api-key</c> header of every call.</summary>
    /// <value>The default is <see langword="null"/>: no key is sent.</value>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets a fixed bearer token (JWT), sent as <c>authorization: Bearer …</c> with every call.</summary>
    /// <value>The default is <see langword="null"/>: no token is sent.</value>
    public string? BearerToken { get; set; }

    /// <summary>
    /// Gets or sets a function that returns the bearer token (JWT) for each call, for tokens that expire and are
    /// renewed; it runs before every call, so it should cache the token it returns.
    /// </summary>
    /// <value>The default is <see langword="null"/>: <see cref="BearerToken"/> applies.</value>
    public Func<CancellationToken, ValueTask<string?>>? BearerTokenProvider { get; set; }

    /// <summary>Gets or sets how long a call may take when the caller sets no deadline of its own.</summary>
    /// <value>The default is 30 seconds; <see cref="Timeout.InfiniteTimeSpan"/> sets none (for event subscriptions).</value>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(30);
}

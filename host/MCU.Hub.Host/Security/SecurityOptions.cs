using System.ComponentModel.DataAnnotations;

namespace MCU.Hub.Host.Security;

/// <summary>Who may call the API and how much (<c>McuHub:Security</c>).</summary>
public sealed class SecurityOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "McuHub:Security";

    /// <summary>Gets or sets the API keys; each is stored only as its SHA-256 hash.</summary>
    public List<ApiKeyCredential> ApiKeys { get; set; } = [];

    /// <summary>Gets or sets the JWT bearer settings; tokens are accepted only when a signing key is set.</summary>
    public JwtCredentialOptions Jwt { get; set; } = new();

    /// <summary>Gets or sets the requests per second allowed to a credential that sets none (0: no limit).</summary>
    /// <value>The default is 100.</value>
    [Range(0, 1_000_000)]
    public int DefaultRequestsPerSecond { get; set; } = 100;

    /// <summary>Gets or sets the requests per second allowed from one address before it is authenticated.</summary>
    /// <value>The default is 20: enough for any client, too few to guess keys.</value>
    [Range(1, 1_000_000)]
    public int AnonymousRequestsPerSecond { get; set; } = 20;

    /// <summary>Gets or sets the longest a unary call may run; a client's shorter deadline wins.</summary>
    /// <value>The default is 60 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MaxCallDuration { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>An API key: its hash, the municipality it belongs to and what it may do.</summary>
public sealed class ApiKeyCredential
{
    /// <summary>Gets or sets the credential's name, shown in the audit log and the history (for example <c>cur-region</c>).</summary>
    public string Name { get; set; } = "";

    /// <summary>Gets or sets the hash of the key: <c>sha256:</c> and the lowercase hex SHA-256 of its UTF-8 bytes (the <c>apikey</c> command prints it).</summary>
    public string KeyHash { get; set; } = "";

    /// <summary>Gets or sets the ОКТМО code of the municipality; empty for the hub's default one.</summary>
    public string Tenant { get; set; } = "";

    /// <summary>
    /// Gets or sets, for a <c>region</c> credential, the municipalities it sees; empty for every municipality of the hub.
    /// </summary>
    public List<string> Tenants { get; set; } = [];

    /// <summary>Gets or sets the scopes: <c>read</c>, <c>write</c>, <c>admin</c>, <c>region</c>; may be empty when <see cref="Roles"/> are set.</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>
    /// Gets or sets the roles of the regulations (<see cref="People.Roles"/>) the key acts in, for machine and test
    /// set-ups: when set, the key holds <see cref="People.Roles.PermissionsOf"/> of them instead of what its scopes imply.
    /// </summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>Gets or sets the recipients (directory codes) a key with the executor's role works for.</summary>
    public List<string> Recipients { get; set; } = [];

    /// <summary>Gets or sets the thematic blocks a key with a block role works for.</summary>
    public List<string> Blocks { get; set; } = [];

    /// <summary>Gets or sets the requests per second allowed (0: no limit); unset for <see cref="SecurityOptions.DefaultRequestsPerSecond"/>.</summary>
    public int? RequestsPerSecond { get; set; }
}

/// <summary>JWT bearer tokens issued by the region's identity provider (HS256 with a shared key).</summary>
/// <remarks>
/// A token carries the municipality in the <c>tenant</c> claim (ОКТМО), the scopes in <c>scope</c> (space-separated,
/// as OAuth 2.0 has it), and for a region token the municipalities it sees in <c>tenants</c> (space-separated).
/// </remarks>
public sealed class JwtCredentialOptions
{
    /// <summary>Gets or sets the expected issuer (<c>iss</c>).</summary>
    public string Issuer { get; set; } = "";

    /// <summary>Gets or sets the expected audience (<c>aud</c>).</summary>
    public string Audience { get; set; } = "mcu-hub";

    /// <summary>Gets or sets the HMAC-SHA256 signing key, base64 (at least 32 bytes); empty turns JWT off.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>Gets or sets the requests per second allowed to one token subject (0: no limit); unset for the default.</summary>
    public int? RequestsPerSecond { get; set; }
}

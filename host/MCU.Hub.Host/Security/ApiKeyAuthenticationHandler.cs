using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using MCU.Hub.Tenants;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Host.Security;

/// <summary>Authenticates a call by its <c>x-api-key</c> header against the configured key hashes.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<SecurityOptions> security,
    TenantDirectory tenants) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The header that carries the key.</summary>
    public const string HeaderName = "x-api-key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || values.Count == 0 || string.IsNullOrEmpty(values[0]))
            return Task.FromResult(AuthenticateResult.NoResult());

        var hash = ApiKeyHash.Of(values[0]!);
        var credential = security.CurrentValue.ApiKeys.FirstOrDefault(k => FixedTimeEquals(k.KeyHash, hash));
        if (credential is null)
            return Task.FromResult(AuthenticateResult.Fail("ключ API не найден"));

        var principal = Caller.Principal(credential.Name, credential.Tenant, credential.Scopes, credential.Tenants, tenants, SchemeName,
            credential.Roles.Count > 0 ? MCU.Hub.People.Roles.PermissionsOf(credential.Roles) : null);
        var identity = (System.Security.Claims.ClaimsIdentity)principal.Identity!;
        identity.AddClaims(credential.Recipients.Distinct(StringComparer.Ordinal).Select(r => new System.Security.Claims.Claim(Caller.RecipientClaim, r)));
        identity.AddClaims(credential.Blocks.Distinct(StringComparer.Ordinal).Select(b => new System.Security.Claims.Claim(Caller.BlockClaim, b)));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    private static bool FixedTimeEquals(string stored, string hash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored.Trim().ToLowerInvariant()), Encoding.ASCII.GetBytes(hash));
}

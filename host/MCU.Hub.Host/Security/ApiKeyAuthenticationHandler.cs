using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using MCU.Hub.People;
using MCU.Hub.Tenants;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Host.Security;

/// <summary>
/// Authenticates a call by its <c>x-api-key</c> header: against the configured key hashes first, then against the keys
/// issued to people's accounts (<see cref="AccountService.IssueKeyAsync"/>), whose holder gets the account's
/// permissions at this instant, the absent colleagues' included.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<SecurityOptions> security,
    TenantDirectory tenants,
    AccountService accounts) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The header that carries the key.</summary>
    public const string HeaderName = "x-api-key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || values.Count == 0 || string.IsNullOrEmpty(values[0]))
            return AuthenticateResult.NoResult();

        var hash = ApiKeyHash.Of(values[0]!);
        var credential = security.CurrentValue.ApiKeys.FirstOrDefault(k => FixedTimeEquals(k.KeyHash, hash));
        if (credential is not null)
        {
            var configured = Caller.Principal(credential.Name, credential.Tenant, credential.Scopes, credential.Roles, credential.Recipients, credential.Blocks, credential.Tenants, tenants, SchemeName);
            return AuthenticateResult.Success(new AuthenticationTicket(configured, SchemeName));
        }

        // The store is looked up by the hash, the key's own id: nothing to compare in constant time.
        var authority = await accounts.AuthenticateKeyAsync(hash, Context.RequestAborted);
        return authority is null
            ? AuthenticateResult.Fail("ключ API не найден, отозван, или учётная запись отключена")
            : AuthenticateResult.Success(new AuthenticationTicket(Caller.Principal(authority, tenants, SchemeName), SchemeName));
    }

    private static bool FixedTimeEquals(string stored, string hash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored.Trim().ToLowerInvariant()), Encoding.ASCII.GetBytes(hash));
}

using System.Security.Claims;
using System.Threading.RateLimiting;
using MCU.Hub.Tenants;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace MCU.Hub.Host.Security;

/// <summary>
/// Registers the API's authentication (API keys — configured and issued to accounts —, JWT), its scope policies, one
/// policy per permission, and the per-credential rate limit.
/// </summary>
public static class SecurityServiceCollectionExtensions
{
    /// <summary>The policy scheme that picks API key or bearer token by the headers present.</summary>
    public const string Scheme = "McuHub";

    /// <summary>Adds authentication, authorization and rate limiting bound to <c>McuHub:Security</c>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The host's configuration.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddMcuHubSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>();
        var jwt = configuration.GetSection(SecurityOptions.SectionName).Get<SecurityOptions>()?.Jwt ?? new();

        var authentication = services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "MCU.Hub", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        authentication.AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = jwt.Issuer.Length > 0,
                ValidIssuer = jwt.Issuer,
                ValidateAudience = true,
                ValidAudience = jwt.Audience,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                ClockSkew = TimeSpan.FromMinutes(1),
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                // With no key configured no signature verifies, so every token is refused.
                IssuerSigningKey = new SymmetricSecurityKey(jwt.SigningKey.Length > 0 ? Convert.FromBase64String(jwt.SigningKey) : new byte[32]),
                RequireSignedTokens = true,
            };
            if (jwt.SigningKey.Length == 0)
                o.TokenValidationParameters.SignatureValidator = (_, _) => throw new SecurityTokenSignatureKeyNotFoundException("JWT не настроен (McuHub:Security:Jwt:SigningKey)");
            o.Events = new JwtBearerEvents
            {
                OnTokenValidated = async context =>
                {
                    var tenants = context.HttpContext.RequestServices.GetRequiredService<TenantDirectory>();
                    var token = context.Principal!;
                    var tenant = token.FindFirst("tenant")?.Value ?? "";
                    if (tenant.Length > 0 && !tenants.Contains(tenant))
                    {
                        context.Fail("муниципальное образование токена не обслуживается этим узлом");
                        return;
                    }

                    var name = token.FindFirst("sub")?.Value ?? "jwt";
                    // A subject that is a person's account of the token's municipality acts with the account's roles now.
                    var accounts = context.HttpContext.RequestServices.GetRequiredService<People.AccountService>();
                    var account = await accounts.GetAsync(tenant, name, context.HttpContext.RequestAborted);
                    if (account is not null)
                    {
                        var authority = await accounts.AuthorityAsync(tenant, name, context.HttpContext.RequestAborted);
                        if (authority is null)
                            context.Fail("учётная запись отключена");
                        else
                            context.Principal = Caller.Principal(authority, tenants, JwtBearerDefaults.AuthenticationScheme);
                        return;
                    }

                    var scopes = Words(token, "scope");
                    var visible = Words(token, "tenants");
                    var roles = Words(token, "roles");
                    context.Principal = Caller.Principal(name, tenant, scopes, roles, Words(token, "recipients"), Words(token, "blocks"), visible, tenants, JwtBearerDefaults.AuthenticationScheme);
                },
            };
        });

        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Scopes.Read, p => p.RequireClaim(Caller.ScopeClaim, Scopes.Satisfying(Scopes.Read)))
            .AddPolicy(Scopes.Write, p => p.RequireClaim(Caller.ScopeClaim, Scopes.Satisfying(Scopes.Write)))
            .AddPolicy(Scopes.Admin, p => p.RequireClaim(Caller.ScopeClaim, Scopes.Satisfying(Scopes.Admin)));

        // One policy per permission, named as the permission: [Authorize(Policy = Permissions.ApproveAnswers)].
        foreach (var permission in People.Permissions.All)
            authorization.AddPolicy(permission, p => p.RequireClaim(Caller.PermissionClaim, permission));

        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var security = context.RequestServices.GetRequiredService<IOptionsMonitor<SecurityOptions>>().CurrentValue;
                if (Caller.Of(context.User) is not { } caller)
                {
                    var address = context.Connection.RemoteIpAddress?.ToString() ?? "";
                    return TokenBucket("anonymous:" + address, security.AnonymousRequestsPerSecond);
                }

                var limit = security.ApiKeys.FirstOrDefault(k => k.Name == caller.Name)?.RequestsPerSecond
                    ?? (context.User.Identity?.AuthenticationType == JwtBearerDefaults.AuthenticationScheme ? security.Jwt.RequestsPerSecond : null)
                    ?? security.DefaultRequestsPerSecond;
                return limit == 0
                    ? RateLimitPartition.GetNoLimiter("unlimited:" + caller.Name)
                    : TokenBucket(caller.Name + ":" + limit, limit);
            });
            o.OnRejected = (context, _) => RateLimitRejection.WriteAsync(context.HttpContext);
        });
        return services;
    }

    private static List<string> Words(ClaimsPrincipal token, string claim) =>
        [.. token.FindAll(claim).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))];

    private static RateLimitPartition<string> TokenBucket(string key, int perSecond) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perSecond,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
}

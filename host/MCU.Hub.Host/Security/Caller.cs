using System.Security.Claims;
using Grpc.Core;
using MCU.Hub.People;
using MCU.Hub.Tenants;

namespace MCU.Hub.Host.Security;

/// <summary>The authenticated caller of an API call: its credential, municipality, scopes and what it may see.</summary>
/// <param name="Name">The credential's name (an API key's name, or a token's subject).</param>
/// <param name="Tenant">The ОКТМО code of the caller's own municipality.</param>
/// <param name="Scopes">The scopes held.</param>
/// <param name="Visible">The municipalities whose records the caller sees.</param>
/// <param name="Permissions">What the caller may do (<see cref="People.Permissions"/>): from its account's roles, or implied by its scopes.</param>
public sealed record Caller(string Name, string Tenant, IReadOnlySet<string> Scopes, IReadOnlyList<string> Visible, IReadOnlySet<string> Permissions)
{
    /// <summary>The claims, one per permission.</summary>
    public const string PermissionClaim = "mcu:perm";

    /// <summary>The claim with the caller's municipality.</summary>
    public const string TenantClaim = "mcu:tenant";

    /// <summary>The claims, one per municipality, a region caller sees.</summary>
    public const string VisibleClaim = "mcu:visible";

    /// <summary>The claims, one per scope.</summary>
    public const string ScopeClaim = "mcu:scope";

    /// <summary>The claim with the credential's name.</summary>
    public const string NameClaim = "mcu:name";

    /// <summary>Gets a value indicating whether the caller is a regional center, which never sees citizens' personal data.</summary>
    public bool IsRegion => Scopes.Contains(Security.Scopes.Region) && !Scopes.Contains(Security.Scopes.Write) && !Scopes.Contains(Security.Scopes.Admin);

    /// <summary>Gets the actor written into messages' history and the audit log.</summary>
    public string Actor => "api:" + Name;

    /// <summary>Tells whether the caller sees a municipality's records.</summary>
    /// <param name="tenant">The record's municipality.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool Sees(string tenant) => Visible.Contains(tenant, StringComparer.Ordinal);

    /// <summary>Tells whether the caller holds a permission.</summary>
    /// <param name="permission">One of <see cref="People.Permissions"/>.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool Can(string permission) => Permissions.Contains(permission);

    /// <summary>Builds the principal of a credential.</summary>
    /// <param name="name">The credential's name.</param>
    /// <param name="tenant">Its municipality.</param>
    /// <param name="scopes">Its scopes.</param>
    /// <param name="regionTenants">For a region credential, the municipalities it sees; empty for all.</param>
    /// <param name="tenants">The hub's municipalities.</param>
    /// <param name="scheme">The authentication scheme.</param>
    /// <param name="permissions">The permissions held; <see langword="null"/> for those the scopes imply.</param>
    /// <returns>The principal.</returns>
    public static ClaimsPrincipal Principal(string name, string tenant, IEnumerable<string> scopes, IReadOnlyCollection<string> regionTenants, TenantDirectory tenants, string scheme, IEnumerable<string>? permissions = null)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        var held = scopes.Where(s => Security.Scopes.All.Contains(s)).Distinct(StringComparer.Ordinal).ToList();
        var own = tenants.Normalize(tenant);
        var claims = new List<Claim> { new(NameClaim, name), new(ClaimTypes.Name, name), new(TenantClaim, own) };
        claims.AddRange(held.Select(s => new Claim(ScopeClaim, s)));
        claims.AddRange((permissions ?? People.Permissions.FromScopes(held)).Distinct(StringComparer.Ordinal).Select(p => new Claim(PermissionClaim, p)));
        IEnumerable<string> visible = held.Contains(Security.Scopes.Region)
            ? regionTenants.Count > 0 ? regionTenants.Where(tenants.Contains) : tenants.Codes
            : [own];
        claims.AddRange(visible.Distinct(StringComparer.Ordinal).Select(t => new Claim(VisibleClaim, t)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, NameClaim, null));
    }

    /// <summary>Reads the caller of a gRPC call.</summary>
    /// <param name="context">The call.</param>
    /// <returns>The caller.</returns>
    /// <exception cref="RpcException">UNAUTHENTICATED when the call carries no credential.</exception>
    public static Caller Of(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Of(context.GetHttpContext().User) ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "нужен ключ API (заголовок x-api-key) или токен (authorization: Bearer)"));
    }

    /// <summary>Reads the caller from a principal.</summary>
    /// <param name="user">The principal.</param>
    /// <returns>The caller, or <see langword="null"/> when it is not authenticated.</returns>
    public static Caller? Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true || user.FindFirst(TenantClaim) is not { } tenant)
            return null;
        return new Caller(
            user.FindFirst(NameClaim)?.Value ?? "",
            tenant.Value,
            user.FindAll(ScopeClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
            [.. user.FindAll(VisibleClaim).Select(c => c.Value)],
            user.FindAll(PermissionClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
    }
}

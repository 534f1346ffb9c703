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

    /// <summary>The claim with the login of the person's account, when the credential belongs to one.</summary>
    public const string AccountClaim = "mcu:account";

    /// <summary>The claims, one per recipient (directory code) whose messages an executor works on.</summary>
    public const string RecipientClaim = "mcu:recipient";

    /// <summary>The claims, one per thematic block a block head or specialist is responsible for.</summary>
    public const string BlockClaim = "mcu:block";

    /// <summary>Gets the login of the person's account, or <see langword="null"/> for a machine credential.</summary>
    public string? Account { get; init; }

    /// <summary>
    /// Gets the recipients whose messages the caller may answer; empty when not limited by recipient (an МЦУ
    /// specialist, a machine credential). Together with <see cref="Blocks"/>: a person limited by either sees the union.
    /// </summary>
    public IReadOnlyList<string> Recipients { get; init; } = [];

    /// <summary>Gets the thematic blocks whose messages the caller may answer; empty when not limited by block.</summary>
    public IReadOnlyList<string> Blocks { get; init; } = [];

    /// <summary>Gets a value indicating whether the caller works only on some recipients' or blocks' messages.</summary>
    public bool IsLimitedToAssigned => Recipients.Count > 0 || Blocks.Count > 0;

    /// <summary>Tells whether a message is one the caller works on: any when not limited, else its recipients or block.</summary>
    /// <param name="recipients">The message's recipients.</param>
    /// <param name="block">The message's block.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    public bool WorksOn(IEnumerable<string> recipients, string? block) =>
        !IsLimitedToAssigned
        || recipients.Any(r => Recipients.Contains(r, StringComparer.Ordinal))
        || (block is not null && Blocks.Contains(block, StringComparer.Ordinal));

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
            user.FindAll(PermissionClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal))
        {
            Account = user.FindFirst(AccountClaim)?.Value,
            Recipients = [.. user.FindAll(RecipientClaim).Select(c => c.Value)],
            Blocks = [.. user.FindAll(BlockClaim).Select(c => c.Value)],
        };
    }
}

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

    /// <summary>The claims, one per login of an absent person the caller acts for now («и. о.»).</summary>
    public const string ActingForClaim = "mcu:acting-for";

    /// <summary>The claims, one per role held (own and acted for).</summary>
    public const string RoleClaim = "mcu:role";

    /// <summary>The claim with the person's full name.</summary>
    public const string FullNameClaim = "mcu:full-name";

    /// <summary>Gets the login of the person's account, or <see langword="null"/> for a machine credential.</summary>
    public string? Account { get; init; }

    /// <summary>Gets the person's full name, or <see langword="null"/> for a machine credential.</summary>
    public string? FullName { get; init; }

    /// <summary>Gets the roles held, own and acted for (<see cref="People.Roles"/>); empty for a credential with scopes only.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Gets the logins of the absent people the caller acts for now; empty when none.</summary>
    public IReadOnlyList<string> ActingFor { get; init; } = [];

    /// <summary>Gets a value indicating whether the caller sees citizens' personal data masked: it lacks <see cref="People.Permissions.ReadPersonalData"/>.</summary>
    public bool MasksPersonalData => !Can(People.Permissions.ReadPersonalData);

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

    /// <summary>
    /// Gets the actor written into messages' history and the audit log: <c>api:</c> and the credential's name, or for
    /// a person the login and, while acting for someone, theirs: «petrova (и. о. ivanov)».
    /// </summary>
    public string Actor => Account is { } login ? AccountAuthority.ActorOf(login, ActingFor) : "api:" + Name;

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

    /// <summary>The scopes that a set of permissions implies, so scope-based checks keep working for people.</summary>
    /// <param name="permissions">The permissions.</param>
    /// <returns>
    /// <c>read</c> with <see cref="People.Permissions.ReadMessages"/>, <c>write</c> with
    /// <see cref="People.Permissions.WriteMessages"/>, <c>admin</c> only with <see cref="People.Permissions.Administer"/>,
    /// and <c>region</c> never (a person belongs to one municipality).
    /// </returns>
    public static IReadOnlyList<string> ScopesOf(IReadOnlySet<string> permissions)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        var scopes = new List<string>();
        if (permissions.Contains(People.Permissions.ReadMessages))
            scopes.Add(Security.Scopes.Read);
        if (permissions.Contains(People.Permissions.WriteMessages))
            scopes.Add(Security.Scopes.Write);
        if (permissions.Contains(People.Permissions.Administer))
            scopes.Add(Security.Scopes.Admin);
        return scopes;
    }

    /// <summary>Builds the principal of a person: their effective permissions now, roles, recipients, blocks and whom they act for.</summary>
    /// <param name="authority">What the person may do now.</param>
    /// <param name="tenants">The hub's municipalities.</param>
    /// <param name="scheme">The authentication scheme.</param>
    /// <returns>The principal.</returns>
    public static ClaimsPrincipal Principal(AccountAuthority authority, TenantDirectory tenants, string scheme)
    {
        ArgumentNullException.ThrowIfNull(authority);
        var principal = Principal(authority.Login, authority.Account.Tenant, ScopesOf(authority.Permissions), [], tenants, scheme, authority.Permissions);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(AccountClaim, authority.Login));
        identity.AddClaim(new Claim(FullNameClaim, authority.Account.FullName));
        identity.AddClaims(authority.Roles.Order(StringComparer.Ordinal).Select(r => new Claim(RoleClaim, r)));
        identity.AddClaims(authority.Recipients.Select(r => new Claim(RecipientClaim, r)));
        identity.AddClaims(authority.Blocks.Select(b => new Claim(BlockClaim, b)));
        identity.AddClaims(authority.ActingFor.Select(a => new Claim(ActingForClaim, a.Id)));
        return principal;
    }

    /// <summary>Builds the principal of a credential that names roles (a configured key, a token's <c>roles</c> claim).</summary>
    /// <param name="name">The credential's name.</param>
    /// <param name="tenant">Its municipality.</param>
    /// <param name="scopes">Its scopes; empty for those its roles imply (<see cref="ScopesOf"/>).</param>
    /// <param name="roles">Its roles; their permissions replace those of the scopes.</param>
    /// <param name="recipients">The recipients it works for.</param>
    /// <param name="blocks">The blocks it works for.</param>
    /// <param name="regionTenants">For a region credential, the municipalities it sees.</param>
    /// <param name="tenants">The hub's municipalities.</param>
    /// <param name="scheme">The authentication scheme.</param>
    /// <returns>The principal.</returns>
    public static ClaimsPrincipal Principal(string name, string tenant, IReadOnlyCollection<string> scopes, IReadOnlyCollection<string> roles, IEnumerable<string> recipients, IEnumerable<string> blocks, IReadOnlyCollection<string> regionTenants, TenantDirectory tenants, string scheme)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (roles.Count == 0)
            return Principal(name, tenant, scopes, regionTenants, tenants, scheme);
        var permissions = People.Roles.PermissionsOf(roles);
        var principal = Principal(name, tenant, scopes.Count > 0 ? scopes : ScopesOf(permissions), regionTenants, tenants, scheme, permissions);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaims(roles.Where(People.Roles.Grants.ContainsKey).Distinct(StringComparer.Ordinal).Select(r => new Claim(RoleClaim, r)));
        identity.AddClaims(recipients.Distinct(StringComparer.Ordinal).Select(r => new Claim(RecipientClaim, r)));
        identity.AddClaims(blocks.Distinct(StringComparer.Ordinal).Select(b => new Claim(BlockClaim, b)));
        return principal;
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
            FullName = user.FindFirst(FullNameClaim)?.Value,
            Roles = [.. user.FindAll(RoleClaim).Select(c => c.Value)],
            ActingFor = [.. user.FindAll(ActingForClaim).Select(c => c.Value)],
            Recipients = [.. user.FindAll(RecipientClaim).Select(c => c.Value)],
            Blocks = [.. user.FindAll(BlockClaim).Select(c => c.Value)],
        };
    }
}

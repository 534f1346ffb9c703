using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MCU.Hub.Grpc.V1;
using MCU.Hub.Host.Security;
using MCU.Hub.People;
using Microsoft.AspNetCore.Authorization;
using CoreAccount = MCU.Hub.People.Account;
using ProtoAccount = MCU.Hub.Grpc.V1.Account;

namespace MCU.Hub.Host.Grpc;

/// <summary>
/// The <c>mcu.hub.v1.PeopleService</c>: the accounts of the caller's municipality, their roles, absences with deputies
/// and keys. Changes need <see cref="Permissions.ManageAccounts"/>; reading one's own account needs only a credential.
/// </summary>
internal sealed class PeopleGrpcService(AccountService accounts, TimeProvider time) : PeopleService.PeopleServiceBase
{
    public override Task<ListRolesResponse> ListRoles(ListRolesRequest request, ServerCallContext context)
    {
        var response = new ListRolesResponse();
        response.Roles.AddRange(Roles.All.Select(r =>
        {
            var role = new RoleInfo { Code = r, Name = Roles.Names[r], NeedsRecipients = Roles.NeedsRecipients(r), NeedsBlocks = Roles.NeedsBlocks(r) };
            role.Permissions.AddRange(Permissions.All.Where(Roles.Grants[r].Contains));
            return role;
        }));
        return Task.FromResult(response);
    }

    [Authorize(Policy = Permissions.ReadMessages)]
    public override async Task<ListAccountsResponse> ListAccounts(ListAccountsRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        NotRegion(caller);
        var response = new ListAccountsResponse();
        var now = time.GetUtcNow();
        var authorities = await accounts.AuthoritiesAtAsync(caller.Tenant, now, context.CancellationToken);
        foreach (var account in await accounts.ListAsync(caller.Tenant, context.CancellationToken))
            response.Accounts.Add(await ToProtoAsync(account, caller, authorities.GetValueOrDefault(account.Id), now, context.CancellationToken));
        return response;
    }

    public override async Task<ProtoAccount> GetAccount(GetAccountRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var own = string.Equals(request.Login.Trim(), caller.Account, StringComparison.OrdinalIgnoreCase);
        if (!own && !caller.Can(Permissions.ReadMessages))
            throw new RpcException(new Status(StatusCode.PermissionDenied, "чужие учётные записи видны только с правом messages.read"));
        if (!own)
            NotRegion(caller);
        var account = await accounts.GetAsync(caller.Tenant, request.Login, context.CancellationToken) ?? throw new AccountNotFoundException(request.Login);
        var now = time.GetUtcNow();
        return await ToProtoAsync(account, caller, await accounts.AuthorityAtAsync(account.Tenant, account.Id, now, context.CancellationToken), now, context.CancellationToken);
    }

    [Authorize(Policy = Permissions.ManageAccounts)]
    public override async Task<ProtoAccount> CreateAccount(CreateAccountRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var draft = Draft(request.Login, request.FullName, request.Position, request.Roles, request.Recipients, request.Blocks, request.Channels);
        return await ToProtoAsync(await accounts.CreateAsync(caller.Tenant, draft, context.CancellationToken), caller, context.CancellationToken);
    }

    [Authorize(Policy = Permissions.ManageAccounts)]
    public override async Task<ProtoAccount> UpdateAccount(UpdateAccountRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var draft = Draft(request.Login, request.FullName, request.Position, request.Roles, request.Recipients, request.Blocks, request.Channels);
        return await ToProtoAsync(await accounts.UpdateAsync(caller.Tenant, draft, request.Version, context.CancellationToken), caller, context.CancellationToken);
    }

    [Authorize(Policy = Permissions.ManageAccounts)]
    public override async Task<ProtoAccount> DeactivateAccount(DeactivateAccountRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        return await ToProtoAsync(await accounts.DeactivateAsync(caller.Tenant, request.Login, context.CancellationToken), caller, context.CancellationToken);
    }

    [Authorize(Policy = Permissions.ManageAccounts)]
    public override async Task<ProtoAccount> SetAbsence(SetAbsenceRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        if (request.From is null)
            throw new Intake.HubValidationException("from", "не указано начало отсутствия");
        if (request.To is null)
            throw new Intake.HubValidationException("to", "не указан конец отсутствия");
        var account = await accounts.SetAbsenceAsync(caller.Tenant, request.Login, ProtoMapper.ToDateTimeOffset(request.From, "from"), ProtoMapper.ToDateTimeOffset(request.To, "to"), request.Deputy, request.Reason, context.CancellationToken);
        return await ToProtoAsync(account, caller, context.CancellationToken);
    }

    [Authorize(Policy = Permissions.ManageAccounts)]
    public override async Task<ProtoAccount> RemoveAbsence(RemoveAbsenceRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        return await ToProtoAsync(await accounts.RemoveAbsenceAsync(caller.Tenant, request.Login, request.AbsenceId, context.CancellationToken), caller, context.CancellationToken);
    }

    [Authorize(Policy = Permissions.ManageAccounts)]
    public override async Task<IssueAccountKeyResponse> IssueAccountKey(IssueAccountKeyRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var issued = await accounts.IssueKeyAsync(caller.Tenant, request.Login, caller.Actor, context.CancellationToken);
        return new IssueAccountKeyResponse { Key = issued.Key, Info = ToProto(issued.Stored) };
    }

    [Authorize(Policy = Permissions.ManageAccounts)]
    public override async Task<RevokeAccountKeyResponse> RevokeAccountKey(RevokeAccountKeyRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        return new RevokeAccountKeyResponse { Revoked = await accounts.RevokeKeyAsync(caller.Tenant, request.Login, request.KeyId, context.CancellationToken) };
    }

    // The staff of an МЦУ are its own business: a regional center's credential reads aggregates, not the people.
    private static void NotRegion(Caller caller)
    {
        if (caller.IsRegion)
            throw new RpcException(new Status(StatusCode.PermissionDenied, "региональному центру учётные записи сотрудников МЦУ не показываются"));
    }

    private static AccountDraft Draft(string login, string fullName, string position, IEnumerable<string> roles, IEnumerable<string> recipients, IEnumerable<string> blocks, IEnumerable<string> channels) => new()
    {
        Login = login,
        FullName = fullName,
        Position = position,
        Roles = [.. roles],
        Recipients = [.. recipients],
        Blocks = [.. blocks],
        Channels = [.. channels],
    };

    private async Task<ProtoAccount> ToProtoAsync(CoreAccount account, Caller caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await ToProtoAsync(account, caller, await accounts.AuthorityAtAsync(account.Tenant, account.Id, now, cancellationToken), now, cancellationToken);
    }

    private async Task<ProtoAccount> ToProtoAsync(CoreAccount account, Caller caller, AccountAuthority? authority, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var proto = new ProtoAccount
        {
            Login = account.Id,
            Tenant = account.Tenant,
            FullName = account.FullName,
            Position = account.Position ?? "",
            Active = account.Active,
            CreatedAt = Timestamp.FromDateTimeOffset(account.CreatedAt),
            Version = account.Version,
        };
        proto.Roles.AddRange(account.Roles);
        proto.RoleNames.AddRange(account.Roles.Select(r => Roles.Names.GetValueOrDefault(r, r)));
        proto.Recipients.AddRange(account.Recipients);
        proto.Blocks.AddRange(account.Blocks);
        proto.Channels.AddRange(account.Channels);
        proto.Absences.AddRange(account.Absences.Select(a => new MCU.Hub.Grpc.V1.Absence
        {
            Id = a.Id,
            From = Timestamp.FromDateTimeOffset(a.From),
            To = Timestamp.FromDateTimeOffset(a.To),
            Deputy = a.Deputy,
            Reason = a.Reason ?? "",
            Current = a.Covers(now),
        }));
        if (authority is not null)
            proto.ActingFor.AddRange(authority.ActingFor.Select(a => a.Id));
        if (caller.Can(Permissions.ManageAccounts))
            proto.Keys.AddRange((await accounts.ListKeysAsync(account.Tenant, account.Id, cancellationToken)).Select(ToProto));
        return proto;
    }

    private static AccountKeyInfo ToProto(AccountKey key) =>
        new() { Id = key.Id, Prefix = key.Prefix, IssuedAt = Timestamp.FromDateTimeOffset(key.IssuedAt), IssuedBy = key.IssuedBy };
}

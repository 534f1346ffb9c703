using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MCU.Hub.Deadlines.Calendar;
using MCU.Hub.Grpc.V1;
using MCU.Hub.Host.Security;
using MCU.Hub.People;
using Microsoft.AspNetCore.Authorization;

namespace MCU.Hub.Host.Grpc;

/// <summary>The <c>mcu.hub.v1.SessionService</c>: who the caller is — credential or person, roles, permissions, whom they act for — for the dashboard's sign-in and any client.</summary>
[Authorize(Policy = Permissions.ReadMessages)]
internal sealed class SessionGrpcService(TenantAccess access, WorkingCalendar calendar, TimeProvider time, AccountService accounts) : SessionService.SessionServiceBase
{
    public override async Task<Session> GetSession(GetSessionRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var tenants = access.Tenants;
        var now = time.GetUtcNow();
        var session = new Session
        {
            Name = caller.Name,
            Tenant = new SessionTenant { Oktmo = caller.Tenant, Name = tenants.NameOf(caller.Tenant) },
            PersonalDataMasked = caller.MasksPersonalData,
            Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, calendar.TimeZone).DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            TimeZone = calendar.TimeZone.Id,
            Now = Timestamp.FromDateTimeOffset(now),
        };
        session.Scopes.AddRange(Scopes.All.Where(caller.Scopes.Contains));
        session.VisibleTenants.AddRange(caller.Visible.Select(t => new SessionTenant { Oktmo = t, Name = tenants.NameOf(t) }));
        session.Account = caller.Account ?? "";
        session.FullName = caller.FullName ?? "";
        session.Roles.AddRange(caller.Roles.Select(r => new SessionRole { Code = r, Name = Roles.Names.GetValueOrDefault(r, r) }));
        session.Permissions.AddRange(Permissions.All.Where(caller.Can));
        foreach (var login in caller.ActingFor)
        {
            var absent = await accounts.GetAsync(caller.Tenant, login, context.CancellationToken);
            session.ActingFor.Add(new SessionPerson { Login = login, FullName = absent?.FullName ?? "" });
        }

        return session;
    }
}

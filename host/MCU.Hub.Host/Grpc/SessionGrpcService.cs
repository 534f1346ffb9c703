using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MCU.Hub.Deadlines.Calendar;
using MCU.Hub.Grpc.V1;
using MCU.Hub.Host.Security;
using Microsoft.AspNetCore.Authorization;

namespace MCU.Hub.Host.Grpc;

/// <summary>The <c>mcu.hub.v1.SessionService</c>: who the caller is, for the dashboard's sign-in and any client.</summary>
[Authorize(Policy = Scopes.Read)]
internal sealed class SessionGrpcService(TenantAccess access, WorkingCalendar calendar, TimeProvider time) : SessionService.SessionServiceBase
{
    public override Task<Session> GetSession(GetSessionRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var tenants = access.Tenants;
        var now = time.GetUtcNow();
        var session = new Session
        {
            Name = caller.Name,
            Tenant = new SessionTenant { Oktmo = caller.Tenant, Name = tenants.NameOf(caller.Tenant) },
            PersonalDataMasked = caller.IsRegion,
            Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, calendar.TimeZone).DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            TimeZone = calendar.TimeZone.Id,
            Now = Timestamp.FromDateTimeOffset(now),
        };
        session.Scopes.AddRange(Scopes.All.Where(caller.Scopes.Contains));
        session.VisibleTenants.AddRange(caller.Visible.Select(t => new SessionTenant { Oktmo = t, Name = tenants.NameOf(t) }));
        return Task.FromResult(session);
    }
}

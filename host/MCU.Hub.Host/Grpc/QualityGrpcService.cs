using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MCU.Hub.Deadlines.Calendar;
using MCU.Hub.Grpc.V1;
using MCU.Hub.Host.Security;
using MCU.Hub.Intake;
using MCU.Hub.Kpi;
using Microsoft.AspNetCore.Authorization;
using CoreQuality = MCU.Hub.Quality;

namespace MCU.Hub.Host.Grpc;

/// <summary>The <c>mcu.hub.v1.QualityService</c>: quality and conflict flags of the caller's municipalities, for the head of the МЦУ.</summary>
[Authorize(Policy = People.Permissions.ReviewQuality)]
internal sealed class QualityGrpcService(CoreQuality.QualityService quality, TenantAccess access, WorkingCalendar calendar) : Hub.Grpc.V1.QualityService.QualityServiceBase
{
    public override async Task<ListQualityFlagsResponse> ListQualityFlags(ListQualityFlagsRequest request, ServerCallContext context)
    {
        var period = AnalyticsGrpcService.ToPeriod(request.Period);
        var kinds = new List<CoreQuality.QualityFlagKind>();
        for (var i = 0; i < request.Kinds.Count; i++)
        {
            var kind = request.Kinds[i];
            if (kind == Hub.Grpc.V1.QualityFlagKind.Unspecified || !System.Enum.IsDefined(kind))
                throw new HubValidationException($"kinds[{i}]", $"неизвестный вид отметки {(int)kind}");
            kinds.Add((CoreQuality.QualityFlagKind)(int)kind);
        }

        var visible = access.Scope(Caller.Of(context), KpiSlice.All).Tenants;
        var flags = await quality.ListFlagsAsync(new CoreQuality.QualityQuery
        {
            From = LocalMidnight(period.From),
            To = LocalMidnight(period.To.AddDays(1)),
            Tenants = visible,
            Kinds = kinds,
        }, context.CancellationToken);

        var response = new ListQualityFlagsResponse();
        response.Flags.AddRange(flags.Select(f =>
        {
            var proto = new Hub.Grpc.V1.QualityFlag
            {
                Kind = (Hub.Grpc.V1.QualityFlagKind)(int)f.Kind, MessageId = f.MessageId, Tenant = f.Tenant, Channel = f.Channel,
                At = Timestamp.FromDateTimeOffset(f.At), Reason = f.Reason,
            };
            proto.Recipients.AddRange(f.Recipients);
            proto.RelatedMessageIds.AddRange(f.Related);
            return proto;
        }));
        return response;
    }

    private DateTimeOffset LocalMidnight(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, calendar.TimeZone.GetUtcOffset(local));
    }
}

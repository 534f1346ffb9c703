using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MCU.Hub.Grpc.V1;
using MCU.Hub.Host.Security;
using MCU.Hub.Intake;
using MCU.Hub.Kpi;
using Microsoft.AspNetCore.Authorization;
using CoreInforming = MCU.Hub.Informing;

namespace MCU.Hub.Host.Grpc;

/// <summary>
/// The <c>mcu.hub.v1.InformingService</c>: links of publications to the decisions they report, and the weekly view of
/// official pages, in the caller's municipalities.
/// </summary>
[Authorize(Policy = People.Permissions.ReadMessages)]
internal sealed class InformingGrpcService(CoreInforming.InformingService informing, TenantAccess access) : Hub.Grpc.V1.InformingService.InformingServiceBase
{
    [Authorize(Policy = People.Permissions.EditInforming)]
    public override async Task<Hub.Grpc.V1.PublicationLink> LinkPublication(LinkPublicationRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var link = await informing.LinkAsync(request.PublicationId, ToCore(request.Target), request.TargetId, caller.Actor, Visible(caller), context.CancellationToken);
        return ToProto(link);
    }

    [Authorize(Policy = People.Permissions.EditInforming)]
    public override async Task<UnlinkPublicationResponse> UnlinkPublication(UnlinkPublicationRequest request, ServerCallContext context)
    {
        var removed = await informing.UnlinkAsync(request.PublicationId, ToCore(request.Target), request.TargetId, Visible(Caller.Of(context)), context.CancellationToken);
        return new UnlinkPublicationResponse { Removed = removed };
    }

    public override async Task<ListPublicationLinksResponse> ListPublicationLinks(ListPublicationLinksRequest request, ServerCallContext context)
    {
        if (request.PageSize is < 0 or > 1000)
            throw new HubValidationException("page_size", "размер страницы должен быть от 1 до 1000");
        if (request.PageToken.Length > 400)
            throw new HubValidationException("page_token", "недопустимый маркер страницы");
        var size = request.PageSize == 0 ? 100 : request.PageSize;
        var links = await informing.ListAsync(Visible(Caller.Of(context)), request.PublicationId, request.PageToken.Length == 0 ? null : request.PageToken, size + 1, context.CancellationToken);
        var response = new ListPublicationLinksResponse();
        response.Links.AddRange(links.Take(size).Select(ToProto));
        response.NextPageToken = links.Count > size ? links[size - 1].Id : "";
        return response;
    }

    public override async Task<GetWeeklyPagesResponse> GetWeeklyPages(GetWeeklyPagesRequest request, ServerCallContext context)
    {
        var period = AnalyticsGrpcService.ToPeriod(request.Period);
        var report = await informing.WeeklyPagesAsync(period.From, period.To, Visible(Caller.Of(context)), context.CancellationToken);
        var response = new GetWeeklyPagesResponse { Norm = report.Norm };
        response.Weeks.AddRange(report.Weeks.Select(w => new Hub.Grpc.V1.IsoWeek { Label = w.Label, Monday = w.Monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }));
        foreach (var page in report.Pages)
        {
            var row = new Hub.Grpc.V1.PageWeeks { PageId = page.PageId, Channel = page.Channel, Name = page.Name, Owner = page.Owner ?? "", Verified = page.Verified };
            row.Counts.AddRange(page.Weeks.Select(w => w.Count));
            response.Pages.Add(row);
        }

        foreach (var week in report.Weeks)
        {
            var below = new WeekBelowNorm { Week = week.Label };
            below.PageIds.AddRange(report.BelowNorm(week).Select(p => p.PageId));
            response.BelowNorm.Add(below);
        }

        return response;
    }

    private IReadOnlyCollection<string>? Visible(Caller caller) => access.Scope(caller, KpiSlice.All).Tenants;

    private static CoreInforming.PublicationLinkTarget ToCore(Hub.Grpc.V1.PublicationLinkTarget target) =>
        target is Hub.Grpc.V1.PublicationLinkTarget.Unspecified || !System.Enum.IsDefined(target)
            ? throw new HubValidationException("target", "не указано, о чём публикация: POS_DECISION, ROADMAP или MESSAGE")
            : (CoreInforming.PublicationLinkTarget)(int)target;

    private static Hub.Grpc.V1.PublicationLink ToProto(CoreInforming.PublicationLink link) => new()
    {
        Id = link.Id, PublicationId = link.PublicationId, Channel = link.Channel, PageId = link.PageId ?? "",
        Target = (Hub.Grpc.V1.PublicationLinkTarget)(int)link.Target, TargetId = link.TargetId, LinkedBy = link.LinkedBy,
        LinkedAt = Timestamp.FromDateTimeOffset(link.LinkedAt), Tenant = link.Tenant,
    };
}

using MCU.Hub.Host.Security;
using MCU.Hub.People;
using Microsoft.AspNetCore.Authorization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MCU.Hub.Channels;
using MCU.Hub.Grpc.V1;
using MCU.Hub.Intake;
using MCU.Hub.Storage;
using CoreQuarantine = MCU.Hub.Quarantine;

namespace MCU.Hub.Host.Grpc;

/// <summary>The <c>mcu.hub.v1.QuarantineService</c>: the items of the channels of the caller's municipality.</summary>
[Authorize(Policy = Permissions.Administer)]
internal sealed class QuarantineGrpcService(IHubStore store, CoreQuarantine.QuarantineOperations operations, IServiceProvider services, TenantAccess access) : QuarantineService.QuarantineServiceBase
{
    public override async Task<ListQuarantineResponse> ListQuarantine(ListQuarantineRequest request, ServerCallContext context)
    {
        if (request.PageSize is < 0 or > 1000)
            throw new HubValidationException("page_size", "размер страницы должен быть от 1 до 1000");
        if (!System.Enum.IsDefined(request.State))
            throw new HubValidationException("state", $"недопустимое состояние {(int)request.State}");
        CoreQuarantine.QuarantineState? state = request.State == QuarantineState.Unspecified ? null : (CoreQuarantine.QuarantineState)((int)request.State - 1);
        var caller = Caller.Of(context);
        var pageSize = request.PageSize == 0 ? 100 : request.PageSize;
        var items = await store.ListQuarantineAsync(state, request.Channel.Length == 0 ? null : request.Channel, 10 * pageSize, context.CancellationToken);
        var response = new ListQuarantineResponse();
        response.Items.AddRange(items.Where(i => access.SeesChannel(caller, i.Channel)).Take(pageSize).Select(ToProto));
        return response;
    }

    public override async Task<QuarantinedItem> ReplayQuarantined(QuarantineItemRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var held = await Find(caller, request.Id, context.CancellationToken);
        var parser = services.GetKeyedService<IChannelConnector>(held.Channel) as IRawItemParser;
        return ToProto(await operations.ReplayAsync(request.Id, parser, caller.Actor, context.CancellationToken));
    }

    public override async Task<QuarantinedItem> DiscardQuarantined(QuarantineItemRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        await Find(caller, request.Id, context.CancellationToken);
        return ToProto(await operations.DiscardAsync(request.Id, caller.Actor, context.CancellationToken));
    }

    private async Task<CoreQuarantine.QuarantinedItem> Find(Caller caller, string id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(id))
            throw new HubValidationException("id", "идентификатор записи карантина не указан");
        var held = await store.GetQuarantinedAsync(id, cancellationToken);
        return held is not null && access.SeesChannel(caller, held.Channel)
            ? held
            : throw new RpcException(new Status(StatusCode.NotFound, $"записи карантина '{id}' нет"));
    }

    private static QuarantinedItem ToProto(CoreQuarantine.QuarantinedItem q) => new()
    {
        Id = q.Id,
        Channel = q.Channel,
        ExternalId = q.ExternalId ?? "",
        PayloadKind = q.PayloadKind,
        Payload = q.Payload,
        Reason = q.Reason,
        QuarantinedAt = Timestamp.FromDateTimeOffset(q.QuarantinedAt),
        State = (QuarantineState)((int)q.State + 1),
        MessageId = q.MessageId ?? "",
        LastReplayError = q.LastReplayError ?? "",
    };
}

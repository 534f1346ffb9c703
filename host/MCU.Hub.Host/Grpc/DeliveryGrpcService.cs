using MCU.Hub.Host.Security;
using MCU.Hub.People;
using Microsoft.AspNetCore.Authorization;
using Grpc.Core;
using MCU.Hub.Grpc.V1;
using MCU.Hub.Intake;
using MCU.Hub.Storage;
using CoreOutbox = MCU.Hub.Outbox;

namespace MCU.Hub.Host.Grpc;

/// <summary>The <c>mcu.hub.v1.DeliveryService</c>: the outbox and its stuck deliveries, within the caller's municipality.</summary>
[Authorize(Policy = Permissions.ReadMessages)]
internal sealed class DeliveryGrpcService(IHubStore store, TenantAccess access, TimeProvider time) : DeliveryService.DeliveryServiceBase
{
    public override async Task<ListDeliveriesResponse> ListDeliveries(ListDeliveriesRequest request, ServerCallContext context)
    {
        if (request.PageSize is < 0 or > 1000)
            throw new HubValidationException("page_size", "размер страницы должен быть от 1 до 1000");
        var states = request.States.Select(s => s is DeliveryState.Unspecified || !Enum.IsDefined(s)
            ? throw new HubValidationException("states", $"недопустимое состояние доставки {(int)s}")
            : (CoreOutbox.DeliveryState)((int)s - 1)).ToList();
        var caller = Caller.Of(context);
        if (request.MessageId.Length > 0)
            await access.MessageAsync(caller, request.MessageId, context.CancellationToken);
        var pageSize = request.PageSize == 0 ? 100 : request.PageSize;
        var deliveries = await store.ListDeliveriesAsync(states, request.MessageId.Length == 0 ? null : request.MessageId, request.MessageId.Length == 0 ? 10 * pageSize : pageSize, context.CancellationToken);
        var response = new ListDeliveriesResponse();
        var tenants = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var delivery in deliveries)
        {
            if (response.Deliveries.Count == pageSize)
                break;
            if (!tenants.TryGetValue(delivery.MessageId, out var seen))
                tenants[delivery.MessageId] = seen = await store.GetMessageAsync(delivery.MessageId, context.CancellationToken) is { } m && access.Sees(caller, m.Tenant);
            if (seen)
                response.Deliveries.Add(ProtoMapper.ToProto(delivery));
        }

        return response;
    }

    [Authorize(Policy = Permissions.Administer)]
    public override async Task<Delivery> RetryDelivery(RetryDeliveryRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.Id))
            throw new HubValidationException("id", "идентификатор доставки не указан");
        var caller = Caller.Of(context);
        var delivery = await store.GetDeliveryAsync(request.Id, context.CancellationToken);
        if (delivery is null || await store.GetMessageAsync(delivery.MessageId, context.CancellationToken) is not { } message || !access.Sees(caller, message.Tenant))
            throw new RpcException(new Status(StatusCode.NotFound, $"доставка '{request.Id}' не найдена"));
        if (delivery.State != CoreOutbox.DeliveryState.Failed)
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"state: повторить можно только неудавшуюся доставку (сейчас {delivery.State})"));

        delivery.State = CoreOutbox.DeliveryState.Pending;
        delivery.Attempts = 0;
        delivery.NextAttemptAt = time.GetUtcNow();
        await store.SaveDeliveryAsync(delivery, CancellationToken.None);
        return ProtoMapper.ToProto(delivery);
    }
}

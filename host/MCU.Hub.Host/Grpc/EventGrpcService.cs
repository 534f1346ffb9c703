using MCU.Hub.Host.Security;
using MCU.Hub.People;
using Microsoft.AspNetCore.Authorization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MCU.Hub.Events;
using MCU.Hub.Grpc.V1;
using MCU.Hub.Intake;
using MCU.Hub.Storage;

namespace MCU.Hub.Host.Grpc;

/// <summary>
/// The <c>mcu.hub.v1.EventService</c>: reads events from the store after the client's sequence number, then waits
/// for the in-process feed to say more were stored. Reading from the store (not from memory) is what makes a resumed
/// stream complete.
/// </summary>
[Authorize(Policy = Permissions.ReadMessages)]
internal sealed class EventGrpcService(IHubStore store, HubEventFeed feed, TenantAccess access) : EventService.EventServiceBase
{
    private const int Page = 500;

    public override async Task SubscribeEvents(SubscribeEventsRequest request, IServerStreamWriter<MCU.Hub.Grpc.V1.HubEvent> responseStream, ServerCallContext context)
    {
        if (request.AfterSequence < 0)
            throw new HubValidationException("after_sequence", "номер события не может быть отрицательным");
        var caller = Caller.Of(context);
        var types = request.EventTypes.ToHashSet(StringComparer.Ordinal);
        var after = request.AfterSequence;
        var ct = context.CancellationToken;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                // Take the signal before reading, so an event stored during the read wakes the next wait.
                var signal = feed.WaitAsync(after, ct);
                var events = await store.ReadEventsAsync(after, Page, ct);
                foreach (var e in events)
                {
                    if ((types.Count == 0 || types.Contains(e.Type)) && access.Sees(caller, e.Tenant))
                        await responseStream.WriteAsync(ToProto(e, access.Tenants.Normalize(e.Tenant), caller.MasksPersonalData), ct);
                    after = e.Sequence;
                }

                if (events.Count < Page)
                    await (events.Count == 0 ? signal : feed.WaitAsync(after, ct));
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private static MCU.Hub.Grpc.V1.HubEvent ToProto(Events.HubEvent e, string tenant, bool masked) => new()
    {
        Tenant = tenant,
        Sequence = e.Sequence,
        Type = e.Type,
        MessageId = e.MessageId ?? "",
        Channel = e.Channel ?? "",
        At = Timestamp.FromDateTimeOffset(e.At),
        // A summary may quote a reason or comment someone typed; a region reads it without phones and e-mails.
        Summary = masked ? PersonalDataMask.Text(e.Summary ?? "") : e.Summary ?? "",
    };
}

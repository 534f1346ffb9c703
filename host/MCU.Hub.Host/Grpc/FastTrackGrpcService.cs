using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MCU.Hub.Grpc.V1;
using MCU.Hub.Host.Security;
using MCU.Hub.People;
using Microsoft.AspNetCore.Authorization;
using CoreFastTrack = MCU.Hub.FastTrack;

namespace MCU.Hub.Host.Grpc;

/// <summary>The <c>mcu.hub.v1.FastTrackService</c>: the caller's municipality's fast-track catalogue.</summary>
[Authorize(Policy = Permissions.ReadMessages)]
internal sealed class FastTrackGrpcService(CoreFastTrack.FastTrackService catalogue) : FastTrackService.FastTrackServiceBase
{
    public override async Task<ListFastTrackEntriesResponse> ListFastTrackEntries(ListFastTrackEntriesRequest request, ServerCallContext context)
    {
        var response = new ListFastTrackEntriesResponse();
        response.Entries.AddRange((await catalogue.ListAsync(Caller.Of(context).Tenant, context.CancellationToken)).Select(ToProto));
        return response;
    }

    public override async Task<FastTrackEntry> GetFastTrackEntry(GetFastTrackEntryRequest request, ServerCallContext context) =>
        ToProto(await Found(() => catalogue.GetAsync(Caller.Of(context).Tenant, request.Code, context.CancellationToken)));

    [Authorize(Policy = Permissions.EditRules)]
    public override async Task<FastTrackEntry> CreateFastTrackEntry(CreateFastTrackEntryRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        return ToProto(await catalogue.CreateAsync(caller.Tenant, FromProto(request.Entry), caller.Actor, context.CancellationToken));
    }

    [Authorize(Policy = Permissions.EditRules)]
    public override async Task<FastTrackEntry> UpdateFastTrackEntry(UpdateFastTrackEntryRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        if (request.ExpectedVersion < 0)
            throw new Intake.HubValidationException("expected_version", "версия не может быть отрицательной");
        return ToProto(await Found(() => catalogue.UpdateAsync(caller.Tenant, FromProto(request.Entry), request.ExpectedVersion, caller.Actor, context.CancellationToken)));
    }

    [Authorize(Policy = Permissions.EditRules)]
    public override async Task<DeleteFastTrackEntryResponse> DeleteFastTrackEntry(DeleteFastTrackEntryRequest request, ServerCallContext context)
    {
        await Found(async () =>
        {
            await catalogue.DeleteAsync(Caller.Of(context).Tenant, request.Code, context.CancellationToken);
            return true;
        });
        return new DeleteFastTrackEntryResponse();
    }

    private static async Task<T> Found<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (CoreFastTrack.FastTrackEntryNotFoundException e)
        {
            throw new RpcException(new Status(StatusCode.NotFound, e.Message));
        }
    }

    private static CoreFastTrack.FastTrackEntry FromProto(FastTrackEntry? entry)
    {
        if (entry is null)
            throw new Intake.HubValidationException("entry", "позиция каталога не передана");
        return new CoreFastTrack.FastTrackEntry
        {
            Code = entry.Code,
            Title = entry.Title,
            Description = entry.Description,
            Executor = entry.Executor,
            Unit = entry.Unit switch
            {
                FastTrackUnit.WorkingDays => Deadlines.DeadlineUnit.WorkingDays,
                FastTrackUnit.WorkingHours => Deadlines.DeadlineUnit.WorkingHours,
                _ => throw new Intake.HubValidationException("entry.unit", "единица срока не указана: FAST_TRACK_UNIT_WORKING_DAYS или FAST_TRACK_UNIT_WORKING_HOURS"),
            },
            Amount = entry.Amount,
            MaxExtension = entry.MaxExtension,
        };
    }

    private static FastTrackEntry ToProto(CoreFastTrack.FastTrackEntry e) => new()
    {
        Code = e.Code,
        Title = e.Title,
        Description = e.Description ?? "",
        Executor = e.Executor,
        Unit = e.Unit == Deadlines.DeadlineUnit.WorkingHours ? FastTrackUnit.WorkingHours : FastTrackUnit.WorkingDays,
        Amount = e.Amount,
        MaxExtension = e.MaxExtension,
        Version = e.Version,
        UpdatedAt = Timestamp.FromDateTimeOffset(e.UpdatedAt),
        UpdatedBy = e.UpdatedBy,
        DeadlinePolicy = e.PolicyName,
    };
}

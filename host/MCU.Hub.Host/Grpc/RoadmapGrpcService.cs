using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MCU.Hub.Analytics;
using MCU.Hub.Grpc.V1;
using MCU.Hub.Host.Security;
using MCU.Hub.Intake;
using MCU.Hub.Kpi;
using MCU.Hub.People;
using Microsoft.AspNetCore.Authorization;
using CoreRoadmaps = MCU.Hub.Roadmaps;

namespace MCU.Hub.Host.Grpc;

/// <summary>The <c>mcu.hub.v1.RoadmapService</c>: the caller's municipality's roadmaps.</summary>
[Authorize(Policy = Permissions.ReadMessages)]
internal sealed class RoadmapGrpcService(CoreRoadmaps.RoadmapService roadmaps) : RoadmapService.RoadmapServiceBase
{
    [Authorize(Policy = Permissions.EditRoadmaps)]
    public override async Task<Roadmap> CreateRoadmap(CreateRoadmapRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        return ToProto(await roadmaps.CreateFromMessagesAsync(caller.Tenant, request.Title, request.RootCause, request.MessageIds, caller.Actor, context.CancellationToken));
    }

    [Authorize(Policy = Permissions.EditRoadmaps)]
    public override async Task<Roadmap> CreateRoadmapFromGrowthAlert(CreateRoadmapFromGrowthAlertRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var dimension = request.Dimension switch
        {
            "category" => GrowthDimension.Category,
            "block" => GrowthDimension.Block,
            "territory" => GrowthDimension.Territory,
            _ => throw new HubValidationException("dimension", $"разрез «{request.Dimension}» неизвестен: category, block или territory"),
        };
        var slice = request.Slice is not { } s ? KpiSlice.All : new KpiSlice
        {
            Channel = Empty(s.Channel), Block = Empty(s.Block), Category = Empty(s.Category), Recipient = Empty(s.Recipient), Territory = Empty(s.Territory),
        };
        return ToProto(await roadmaps.CreateFromGrowthAlertAsync(
            caller.Tenant, AnalyticsGrpcService.ToPeriod(request.Period), slice, dimension, request.Key, request.Title, request.RootCause, caller.Actor, context.CancellationToken));
    }

    public override async Task<Roadmap> GetRoadmap(GetRoadmapRequest request, ServerCallContext context) =>
        ToProto(await Found(() => roadmaps.GetAsync(Caller.Of(context).Tenant, request.Id, context.CancellationToken)));

    public override async Task<ListRoadmapsResponse> ListRoadmaps(ListRoadmapsRequest request, ServerCallContext context)
    {
        CoreRoadmaps.RoadmapState? state = request.State switch
        {
            RoadmapState.Unspecified => null,
            RoadmapState.Open => CoreRoadmaps.RoadmapState.Open,
            RoadmapState.Implemented => CoreRoadmaps.RoadmapState.Implemented,
            _ => throw new HubValidationException("state", $"неизвестное состояние дорожной карты {(int)request.State}"),
        };
        var response = new ListRoadmapsResponse();
        response.Roadmaps.AddRange((await roadmaps.ListAsync(Caller.Of(context).Tenant, state, context.CancellationToken)).Select(ToProto));
        return response;
    }

    [Authorize(Policy = Permissions.EditRoadmaps)]
    public override async Task<Roadmap> AddMeasure(AddMeasureRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var due = ParseDate(request.DueDate, "due_date") ?? throw new HubValidationException("due_date", "срок мероприятия не указан");
        return ToProto(await Found(() => roadmaps.AddMeasureAsync(caller.Tenant, request.RoadmapId, request.Title, request.Owner, due, caller.Actor, context.CancellationToken)));
    }

    [Authorize(Policy = Permissions.EditRoadmaps)]
    public override async Task<Roadmap> UpdateMeasure(UpdateMeasureRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var change = new CoreRoadmaps.MeasureChange
        {
            Title = Empty(request.Title),
            Owner = Empty(request.Owner),
            DueDate = ParseDate(request.DueDate, "due_date"),
            State = request.State switch
            {
                MeasureState.Unspecified => null,
                MeasureState.Planned => CoreRoadmaps.MeasureState.Planned,
                MeasureState.InProgress => CoreRoadmaps.MeasureState.InProgress,
                MeasureState.Done => CoreRoadmaps.MeasureState.Done,
                MeasureState.Cancelled => CoreRoadmaps.MeasureState.Cancelled,
                _ => throw new HubValidationException("state", $"неизвестное состояние мероприятия {(int)request.State}"),
            },
            Comment = Empty(request.Comment),
        };
        return ToProto(await Found(() => roadmaps.UpdateMeasureAsync(caller.Tenant, request.RoadmapId, request.MeasureId, change, caller.Actor, context.CancellationToken)));
    }

    [Authorize(Policy = Permissions.EditRoadmaps)]
    public override async Task<Roadmap> LinkMessages(LinkMessagesRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        return ToProto(await Found(() => roadmaps.LinkMessagesAsync(caller.Tenant, request.RoadmapId, request.MessageIds, caller.Actor, context.CancellationToken)));
    }

    [Authorize(Policy = Permissions.EditRoadmaps)]
    public override async Task<Roadmap> UnlinkMessages(UnlinkMessagesRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        return ToProto(await Found(() => roadmaps.UnlinkMessagesAsync(caller.Tenant, request.RoadmapId, request.MessageIds, caller.Actor, context.CancellationToken)));
    }

    private static async Task<T> Found<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (CoreRoadmaps.RoadmapNotFoundException e)
        {
            throw new RpcException(new Status(StatusCode.NotFound, e.Message));
        }
    }

    private static string? Empty(string value) => value.Length == 0 ? null : value;

    private static DateOnly? ParseDate(string value, string field) =>
        value.Length == 0 ? null
        : DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new HubValidationException(field, $"дата «{value}» не в формате yyyy-MM-dd");

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Roadmap ToProto(CoreRoadmaps.Roadmap r)
    {
        var proto = new Roadmap
        {
            Id = r.Id,
            Title = r.Title,
            RootCause = r.RootCause,
            Block = r.Block ?? "",
            State = r.State == CoreRoadmaps.RoadmapState.Implemented ? RoadmapState.Implemented : RoadmapState.Open,
            ImplementedAt = r.ImplementedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
            CreatedAt = Timestamp.FromDateTimeOffset(r.CreatedAt),
            CreatedBy = r.CreatedBy,
            UpdatedAt = Timestamp.FromDateTimeOffset(r.UpdatedAt),
            Version = r.Version,
        };
        if (r.Growth is { } g)
        {
            proto.Growth = new RoadmapGrowthSource
            {
                Dimension = g.Dimension, Key = g.Key, Period = new Period { From = Format(g.From), To = Format(g.To) }, Observed = g.Observed, Expected = g.Expected,
            };
        }

        proto.MessageIds.AddRange(r.MessageIds);
        proto.Measures.AddRange(r.Measures.Select(m => new Measure
        {
            Id = m.Id,
            Title = m.Title,
            Owner = m.Owner,
            DueDate = Format(m.DueDate),
            State = m.State switch
            {
                CoreRoadmaps.MeasureState.InProgress => MeasureState.InProgress,
                CoreRoadmaps.MeasureState.Done => MeasureState.Done,
                CoreRoadmaps.MeasureState.Cancelled => MeasureState.Cancelled,
                _ => MeasureState.Planned,
            },
            DoneAt = m.DoneAt is { } done ? Timestamp.FromDateTimeOffset(done) : null,
            Escalation = m.Escalation is { } e
                ? new MeasureEscalation { Level = e.Level, Target = e.Target, Block = e.Block ?? "", At = Timestamp.FromDateTimeOffset(e.At) }
                : null,
        }));
        proto.History.AddRange(r.History.Select(h => new RoadmapHistoryEntry { At = Timestamp.FromDateTimeOffset(h.At), Actor = h.Actor, Action = h.Action, Comment = h.Comment }));
        return proto;
    }
}

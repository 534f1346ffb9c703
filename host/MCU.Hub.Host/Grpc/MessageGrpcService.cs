using Grpc.Core;
using MCU.Hub.Grpc.V1;
using MCU.Hub.Host.Security;
using MCU.Hub.People;
using MCU.Hub.Intake;
using Microsoft.AspNetCore.Authorization;
using MCU.Hub.Storage;
using CoreMessages = MCU.Hub.Messages;

namespace MCU.Hub.Host.Grpc;

/// <summary>
/// The <c>mcu.hub.v1.MessageService</c>: a thin adapter over the engine. Every call works inside the caller's
/// municipality; a region caller reads its municipalities' messages with the personal data masked.
/// </summary>
[Authorize(Policy = Permissions.ReadMessages)]
internal sealed class MessageGrpcService(
    IMessageIntake intake,
    CoreMessages.MessageOperations operations,
    IHubStore store,
    TenantAccess access,
    TimeProvider time) : MessageService.MessageServiceBase
{
    private const int MaxPageSize = 1000;
    private const int MaxBatchItems = 1000;

    [Authorize(Policy = Permissions.WriteMessages)]
    public override async Task<SubmitMessageResponse> SubmitMessage(SubmitMessageRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var item = ProtoMapper.ToInbound(request, time.GetUtcNow());
        var result = await intake.SubmitAsync(caller.Tenant, request.Channel, item, caller.Actor, context.CancellationToken);
        return new SubmitMessageResponse { Id = result.MessageId, Duplicate = result.Duplicate };
    }

    [Authorize(Policy = Permissions.WriteMessages)]
    public override async Task<SubmitMessagesResponse> SubmitMessages(IAsyncStreamReader<SubmitMessageRequest> requestStream, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var response = new SubmitMessagesResponse();
        var pending = new List<(int Index, SubmitMessageRequest Request)>();
        var index = 0;
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            pending.Add((index++, request));
            if (pending.Count >= 500)
                await FlushAsync(caller, pending, response, context.CancellationToken);
        }

        await FlushAsync(caller, pending, response, context.CancellationToken);
        return Complete(response);
    }

    [Authorize(Policy = Permissions.WriteMessages)]
    public override async Task<SubmitMessagesResponse> SubmitMessageBatch(SubmitMessageBatchRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        if (request.Items.Count == 0)
            throw new HubValidationException("items", "пакет пуст");
        if (request.Items.Count > MaxBatchItems)
            throw new HubValidationException("items", $"в пакете не более {MaxBatchItems} элементов ({request.Items.Count})");
        var response = new SubmitMessagesResponse();
        var pending = request.Items.Select((item, i) => (i, item)).ToList();
        await FlushAsync(caller, pending, response, context.CancellationToken);
        return Complete(response);
    }

    public override async Task<GetMessageHistoryResponse> GetMessageHistory(GetMessageHistoryRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var message = await access.MessageAsync(caller, request.Id, context.CancellationToken);
        var response = new GetMessageHistoryResponse();
        var history = await store.GetHistoryAsync(message.Id, context.CancellationToken);
        response.Entries.AddRange(history.Select(h => caller.MasksPersonalData ? PersonalDataMask.Apply(ProtoMapper.ToProto(h)) : ProtoMapper.ToProto(h)));
        return response;
    }

    [Authorize(Policy = Permissions.WriteMessages)]
    public override async Task<Message> ReassignMessage(ReassignMessageRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        await access.MessageAsync(caller, request.Id, context.CancellationToken);
        var message = await operations.ReassignAsync(request.Id, [.. request.Recipients], request.Reason, caller.Actor, context.CancellationToken);
        return ProtoMapper.ToProto(message);
    }

    public override async Task<GetMessageResponse> GetMessage(GetMessageRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var message = await access.MessageAsync(caller, request.Id, context.CancellationToken);
        var response = new GetMessageResponse { Message = ToProto(caller, message) };
        var history = await store.GetHistoryAsync(message.Id, context.CancellationToken);
        response.History.AddRange(history.Select(h => caller.MasksPersonalData ? PersonalDataMask.Apply(ProtoMapper.ToProto(h)) : ProtoMapper.ToProto(h)));
        var deliveries = await store.ListDeliveriesAsync([], message.Id, 1000, context.CancellationToken);
        response.Deliveries.AddRange(deliveries.Select(ProtoMapper.ToProto));
        return response;
    }

    public override async Task<ListMessagesResponse> ListMessages(ListMessagesRequest request, ServerCallContext context)
    {
        if (request.PageSize is < 0 or > MaxPageSize)
            throw new HubValidationException("page_size", $"размер страницы должен быть от 1 до {MaxPageSize}");
        var query = new MessageQuery
        {
            Statuses = [.. request.Statuses.Select(s => ProtoMapper.ToCore(s, "statuses"))],
            Channel = Empty(request.Channel),
            Category = Empty(request.Category),
            Recipient = Empty(request.Recipient),
            RegisteredFrom = request.RegisteredFrom is null ? null : ProtoMapper.ToDateTimeOffset(request.RegisteredFrom, "registered_from"),
            RegisteredTo = request.RegisteredTo is null ? null : ProtoMapper.ToDateTimeOffset(request.RegisteredTo, "registered_to"),
            PageSize = request.PageSize == 0 ? 50 : request.PageSize,
            Cursor = Empty(request.PageToken),
            DueBefore = request.DueBefore is null ? null : ProtoMapper.ToDateTimeOffset(request.DueBefore, "due_before"),
        };
        if (query.Cursor is { } cursor && (cursor.Length != 32 || !cursor.All(char.IsAsciiHexDigitLower)))
            throw new HubValidationException("page_token", "недопустимый маркер страницы");
        if (query.RegisteredFrom is { } from && query.RegisteredTo is { } to && from >= to)
            throw new HubValidationException("registered_to", "конец периода должен быть позже начала");

        var caller = Caller.Of(context);
        var page = await store.ListMessagesAsync(TenantAccess.Scope(caller, query), context.CancellationToken);
        var response = new ListMessagesResponse { NextPageToken = page.NextCursor ?? "" };
        response.Messages.AddRange(page.Items.Select(m => ToProto(caller, m)));
        return response;
    }

    [Authorize(Policy = Permissions.ApproveAnswers)]
    public override async Task<Message> AnswerMessage(AnswerMessageRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        await access.MessageAsync(caller, request.Id, context.CancellationToken);
        var message = await operations.AnswerAsync(request.Id, request.Text, Empty(request.AnsweredBy), [.. request.Attachments], caller.Actor, context.CancellationToken);
        return ProtoMapper.ToProto(message);
    }

    [Authorize(Policy = Permissions.WriteMessages)]
    public override async Task<Message> UpdateStatus(UpdateStatusRequest request, ServerCallContext context)
    {
        var status = ProtoMapper.ToCore(request.Status, "status");
        var caller = Caller.Of(context);
        await access.MessageAsync(caller, request.Id, context.CancellationToken);
        var message = await operations.ChangeStatusAsync(request.Id, status, Empty(request.Comment), caller.Actor, context.CancellationToken);
        return ProtoMapper.ToProto(message);
    }

    [Authorize(Policy = Permissions.WriteMessages)]
    public override async Task<Message> ChangeCategory(ChangeCategoryRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        await access.MessageAsync(caller, request.Id, context.CancellationToken);
        var message = await operations.ChangeCategoryAsync(request.Id, request.Category, Empty(request.Reason), caller.Actor, context.CancellationToken);
        return ProtoMapper.ToProto(message);
    }

    [Authorize(Policy = Permissions.WriteMessages)]
    public override async Task<Message> ExtendDeadline(ExtendDeadlineRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        await access.MessageAsync(caller, request.Id, context.CancellationToken);
        var message = await operations.ExtendDeadlineAsync(request.Id, request.Amount, request.Reason, caller.Actor, context.CancellationToken);
        return ProtoMapper.ToProto(message);
    }

    private static Message ToProto(Caller caller, CoreMessages.HubMessage message) =>
        caller.MasksPersonalData ? PersonalDataMask.Apply(ProtoMapper.ToProto(message)) : ProtoMapper.ToProto(message);

    private async Task FlushAsync(Caller caller, List<(int Index, SubmitMessageRequest Request)> pending, SubmitMessagesResponse response, CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
            return;

        // The stream may mix channels; each channel's items go to the intake together.
        var now = time.GetUtcNow();
        foreach (var group in pending.GroupBy(p => p.Request.Channel))
        {
            var items = new List<MCU.Hub.Channels.InboundItem>();
            var positions = new List<int>();
            foreach (var (i, request) in group)
            {
                try
                {
                    items.Add(ProtoMapper.ToInbound(request, now));
                    positions.Add(i);
                }
                catch (HubValidationException error)
                {
                    response.Results.Add(new Hub.Grpc.V1.SubmitResult { Index = i, ErrorField = error.Field, Error = error.Message });
                }
            }

            var outcomes = await intake.SubmitBatchAsync(caller.Tenant, group.Key, items, checkpoint: null, caller.Actor, cancellationToken);
            for (var j = 0; j < outcomes.Count; j++)
            {
                var o = outcomes[j];
                response.Results.Add(o.Error is { } error
                    ? new Hub.Grpc.V1.SubmitResult { Index = positions[j], ErrorField = error.Field, Error = error.Message }
                    : new Hub.Grpc.V1.SubmitResult { Index = positions[j], Id = o.MessageId, Duplicate = o.Duplicate });
            }
        }

        pending.Clear();
    }

    private static SubmitMessagesResponse Complete(SubmitMessagesResponse response)
    {
        var sorted = response.Results.OrderBy(r => r.Index).ToList();
        response.Results.Clear();
        response.Results.AddRange(sorted);
        response.Accepted = sorted.Count(r => r.Error.Length == 0 && !r.Duplicate);
        response.Duplicates = sorted.Count(r => r.Duplicate);
        response.Rejected = sorted.Count(r => r.Error.Length > 0);
        return response;
    }

    private static string? Empty(string value) => string.IsNullOrEmpty(value) ? null : value;
}

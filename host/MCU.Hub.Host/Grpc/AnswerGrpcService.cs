using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MCU.Hub.Grpc.V1;
using MCU.Hub.Host.Security;
using MCU.Hub.Intake;
using MCU.Hub.People;
using Microsoft.AspNetCore.Authorization;
using CoreAnswers = MCU.Hub.Answers;
using CoreMessages = MCU.Hub.Messages;

namespace MCU.Hub.Host.Grpc;

/// <summary>
/// The <c>mcu.hub.v1.AnswerService</c>: drafts, approval, interim answers and answer templates, a thin adapter over
/// <see cref="CoreAnswers.AnswerWorkflow"/> and <see cref="CoreAnswers.AnswerTemplates"/>. Every call works inside the caller's municipality; a
/// person limited to some recipients or blocks drafts only for their messages.
/// </summary>
[Authorize(Policy = Permissions.ReadMessages)]
internal sealed class AnswerGrpcService(CoreAnswers.AnswerWorkflow workflow, CoreAnswers.AnswerTemplates templates, TenantAccess access, Storage.IHubStore store) : AnswerService.AnswerServiceBase
{
    private const int MaxPageSize = 1000;

    [Authorize(Policy = Permissions.DraftAnswers)]
    public override async Task<DraftResponse> SubmitDraft(SubmitDraftRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var message = await WorkedOnAsync(caller, request.Id, context.CancellationToken);
        var answeredBy = Empty(request.AnsweredBy);
        if (answeredBy is null && caller.Recipients.Count > 0)
        {
            var own = message.Recipients.Where(r => caller.Recipients.Contains(r, StringComparer.Ordinal)).ToList();
            if (own.Count == 1)
                answeredBy = own[0];
        }

        if (Empty(request.TemplateId) is { } templateId && await templates.GetAsync(caller.Tenant, templateId, context.CancellationToken) is null)
            throw new HubValidationException("template_id", $"шаблон ответа '{templateId}' не найден");

        var changed = await workflow.SubmitDraftAsync(request.Id, new CoreAnswers.DraftSubmission
        {
            Text = request.Text,
            Attachments = [.. request.Attachments],
            Evidence = [.. request.Evidence.Select((e, i) => ToCore(e, i))],
            AnsweredBy = answeredBy,
            TemplateId = Empty(request.TemplateId),
            SaveOnly = request.SaveOnly,
        }, caller.Actor, context.CancellationToken);
        return ToProto(changed);
    }

    [Authorize(Policy = Permissions.ApproveAnswers)]
    public override async Task<DraftResponse> ReturnDraft(ReturnDraftRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        await WorkedOnAsync(caller, request.Id, context.CancellationToken);
        return ToProto(await workflow.ReturnDraftAsync(request.Id, request.Revision, request.Comment, caller.Actor, context.CancellationToken));
    }

    [Authorize(Policy = Permissions.ApproveAnswers)]
    public override async Task<DraftResponse> ApproveDraft(ApproveDraftRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        await WorkedOnAsync(caller, request.Id, context.CancellationToken);
        return ToProto(await workflow.ApproveDraftAsync(request.Id, request.Revision, Empty(request.Comment), caller.Actor, context.CancellationToken));
    }

    public override async Task<DraftResponse> GetDraft(GetDraftRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var message = await access.MessageAsync(caller, request.Id, context.CancellationToken);
        if (message.Draft is null)
            throw new RpcException(new Status(StatusCode.NotFound, $"у сообщения '{request.Id}' нет проекта ответа"));
        var response = ToProto(message);
        var deliveries = await store.ListDeliveriesAsync([], message.Id, 1000, context.CancellationToken);
        response.Deliveries.AddRange(deliveries.Where(d => d.Kind is "answer" or "interim").Select(ProtoMapper.ToProto));
        return response;
    }

    public override async Task<ListDraftsResponse> ListDrafts(ListDraftsRequest request, ServerCallContext context)
    {
        if (request.PageSize is < 0 or > MaxPageSize)
            throw new HubValidationException("page_size", $"размер страницы должен быть от 1 до {MaxPageSize}");
        var cursor = Empty(request.PageToken);
        if (cursor is not null && (cursor.Length != 32 || !cursor.All(char.IsAsciiHexDigitLower)))
            throw new HubValidationException("page_token", "недопустимый маркер страницы");

        var caller = Caller.Of(context);
        var page = await workflow.ListSubmittedAsync([.. caller.Visible], Empty(request.Recipient), cursor, request.PageSize == 0 ? 50 : request.PageSize, context.CancellationToken);
        var response = new ListDraftsResponse { NextPageToken = page.NextCursor ?? "" };
        response.Drafts.AddRange(page.Items.Where(m => caller.WorksOn(m.Recipients, m.Block)).Select(ToProto));
        return response;
    }

    [Authorize(Policy = Permissions.DraftAnswers)]
    public override async Task<SendInterimAnswerResponse> SendInterimAnswer(SendInterimAnswerRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        await WorkedOnAsync(caller, request.Id, context.CancellationToken);
        if (request.ExpectedBy is null)
            throw new HubValidationException("expected_by", "не указан срок окончательного ответа");
        var expectedBy = ProtoMapper.ToDateTimeOffset(request.ExpectedBy, "expected_by");
        var outcome = await workflow.SendInterimAnswerAsync(request.Id, request.Text, expectedBy, caller.Actor, context.CancellationToken);
        return new SendInterimAnswerResponse { Message = ToProto(outcome.Message), SentToChannel = outcome.SentToChannel, Note = outcome.Note };
    }

    public override async Task<ListAnswerTemplatesResponse> ListAnswerTemplates(ListAnswerTemplatesRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var response = new ListAnswerTemplatesResponse();
        response.Templates.AddRange((await templates.ListAsync(caller.Tenant, Empty(request.Category), context.CancellationToken)).Select(ToProto));
        return response;
    }

    public override async Task<Hub.Grpc.V1.AnswerTemplate> GetAnswerTemplate(GetAnswerTemplateRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        return ToProto(await TemplateAsync(caller, request.Id, "id", context.CancellationToken));
    }

    [Authorize(Policy = Permissions.EditRules)]
    public override async Task<Hub.Grpc.V1.AnswerTemplate> CreateAnswerTemplate(CreateAnswerTemplateRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        if (request.Template is null)
            throw new HubValidationException("template", "шаблон не указан");
        return ToProto(await templates.CreateAsync(caller.Tenant, ToCore(request.Template), caller.Actor, context.CancellationToken));
    }

    [Authorize(Policy = Permissions.EditRules)]
    public override async Task<Hub.Grpc.V1.AnswerTemplate> UpdateAnswerTemplate(UpdateAnswerTemplateRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        if (request.Template is null)
            throw new HubValidationException("template", "шаблон не указан");
        if (string.IsNullOrWhiteSpace(request.Id))
            throw new HubValidationException("id", "идентификатор шаблона не указан");
        var updated = await templates.UpdateAsync(caller.Tenant, request.Id, request.Template.Version, ToCore(request.Template), caller.Actor, context.CancellationToken);
        return ToProto(updated ?? throw NoTemplate(request.Id));
    }

    [Authorize(Policy = Permissions.EditRules)]
    public override async Task<DeleteAnswerTemplateResponse> DeleteAnswerTemplate(DeleteAnswerTemplateRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        if (request.Version < 0)
            throw new HubValidationException("version", "версия — неотрицательное число (0 — любая)");
        return await templates.DeleteAsync(caller.Tenant, request.Id, request.Version, context.CancellationToken)
            ? new DeleteAnswerTemplateResponse()
            : throw NoTemplate(request.Id);
    }

    public override async Task<RenderAnswerTemplateResponse> RenderAnswerTemplate(RenderAnswerTemplateRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var template = await TemplateAsync(caller, request.TemplateId, "template_id", context.CancellationToken);
        if (string.IsNullOrWhiteSpace(request.MessageId))
            throw new HubValidationException("message_id", "идентификатор сообщения не указан");
        var message = await access.MessageAsync(caller, request.MessageId, context.CancellationToken);
        var rendered = templates.Render(template, message, request.Values);
        var response = new RenderAnswerTemplateResponse { Text = rendered.Text };
        response.Missing.AddRange(rendered.Missing);
        return response;
    }

    /// <summary>Loads a message the caller sees and works on: another municipality's is NOT_FOUND, another recipient's PERMISSION_DENIED.</summary>
    private async Task<CoreMessages.HubMessage> WorkedOnAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        var message = await access.MessageAsync(caller, id, cancellationToken);
        if (!caller.WorksOn(message.Recipients, message.Block))
        {
            var assigned = message.Recipients.Count > 0 ? string.Join(", ", message.Recipients) : "не назначены";
            var own = string.Join(", ", caller.Recipients.Concat(caller.Blocks));
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"сообщение '{id}' не относится к вашим получателям и блокам ({own}); назначенные получатели: {assigned}. Ответ готовит исполнитель назначенного получателя"));
        }

        return message;
    }

    private async Task<CoreAnswers.AnswerTemplate> TemplateAsync(Caller caller, string id, string field, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(id))
            throw new HubValidationException(field, "идентификатор шаблона не указан");
        return await templates.GetAsync(caller.Tenant, id, cancellationToken) ?? throw NoTemplate(id);
    }

    private static RpcException NoTemplate(string id) => new(new Status(StatusCode.NotFound, $"шаблон ответа '{id}' не найден"));

    private static CoreAnswers.AnswerEvidence ToCore(Hub.Grpc.V1.AnswerEvidence e, int index) => new()
    {
        Kind = e.Kind is Hub.Grpc.V1.EvidenceKind.Unspecified || !System.Enum.IsDefined(e.Kind)
            ? throw new HubValidationException($"evidence[{index}].kind", "укажите вид подтверждения: фото, видео или трек ГЛОНАСС")
            : (CoreAnswers.EvidenceKind)((int)e.Kind - 1),
        Url = e.Url,
        CapturedAt = e.CapturedAt is null ? null : ProtoMapper.ToDateTimeOffset(e.CapturedAt, $"evidence[{index}].captured_at"),
        Description = Empty(e.Description),
    };

    private static CoreAnswers.AnswerTemplate ToCore(Hub.Grpc.V1.AnswerTemplate t) => new()
    {
        Name = t.Name,
        Block = Empty(t.Block),
        Category = Empty(t.Category),
        Text = t.Text,
        Interim = t.Interim,
    };

    private static Hub.Grpc.V1.AnswerTemplate ToProto(CoreAnswers.AnswerTemplate t)
    {
        var proto = new Hub.Grpc.V1.AnswerTemplate
        {
            Id = t.Id,
            Version = t.Version,
            Name = t.Name,
            Block = t.Block ?? "",
            Category = t.Category ?? "",
            Text = t.Text,
            Interim = t.Interim,
            UpdatedBy = t.UpdatedBy,
            UpdatedAt = Timestamp.FromDateTimeOffset(t.UpdatedAt),
        };
        proto.Placeholders.AddRange(CoreAnswers.AnswerTemplates.Placeholders(t.Text));
        return proto;
    }

    private static DraftResponse ToProto(CoreMessages.HubMessage m)
    {
        var response = new DraftResponse { MessageId = m.Id, Status = ProtoMapper.ToProto(m.Status), AutomatedControl = m.AutomatedControl, Version = m.Version };
        if (m.Draft is { } d)
        {
            response.Draft = new Hub.Grpc.V1.AnswerDraft
            {
                Revision = d.Revision,
                State = (Hub.Grpc.V1.DraftState)((int)d.State + 1),
                Text = d.Text,
                AnsweredBy = d.AnsweredBy ?? "",
                TemplateId = d.TemplateId ?? "",
                Author = d.Author,
                CreatedAt = Timestamp.FromDateTimeOffset(d.CreatedAt),
                UpdatedAt = Timestamp.FromDateTimeOffset(d.UpdatedAt),
                ReviewedBy = d.ReviewedBy ?? "",
                ReviewedAt = d.ReviewedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
                ReviewComment = d.ReviewComment ?? "",
                ReworkCount = d.ReworkCount,
            };
            response.Draft.Attachments.AddRange(d.Attachments);
            response.Draft.Evidence.AddRange(d.Evidence.Select(ToProto));
        }

        if (m.Answer is { } a)
        {
            response.Answer = new Answer { Text = a.Text, AnsweredBy = a.AnsweredBy ?? "", AnsweredAt = Timestamp.FromDateTimeOffset(a.AnsweredAt) };
            response.Answer.Attachments.AddRange(a.Attachments);
        }

        response.InterimAnswers.AddRange(m.InterimAnswers.Select(i => new Hub.Grpc.V1.InterimAnswer
        {
            Text = i.Text,
            ExpectedBy = Timestamp.FromDateTimeOffset(i.ExpectedBy),
            Author = i.Author,
            At = Timestamp.FromDateTimeOffset(i.At),
            SentToChannel = i.SentToChannel,
        }));
        return response;
    }

    private static Hub.Grpc.V1.AnswerEvidence ToProto(CoreAnswers.AnswerEvidence e) => new()
    {
        Kind = (Hub.Grpc.V1.EvidenceKind)((int)e.Kind + 1),
        Url = e.Url,
        CapturedAt = e.CapturedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
        Description = e.Description ?? "",
    };

    private static string? Empty(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

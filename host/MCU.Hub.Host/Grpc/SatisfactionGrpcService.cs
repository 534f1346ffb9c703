using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MCU.Hub.Grpc.V1;
using MCU.Hub.Host.Security;
using MCU.Hub.Intake;
using MCU.Hub.Kpi;
using MCU.Hub.Satisfaction;
using Microsoft.AspNetCore.Authorization;
using CoreSatisfaction = MCU.Hub.Satisfaction;

namespace MCU.Hub.Host.Grpc;

/// <summary>The <c>mcu.hub.v1.SatisfactionService</c>: the satisfaction surveys of the caller's municipalities.</summary>
[Authorize(Policy = People.Permissions.ReviewQuality)]
internal sealed class SatisfactionGrpcService(CoreSatisfaction.SatisfactionService surveys, TenantAccess access) : Hub.Grpc.V1.SatisfactionService.SatisfactionServiceBase
{
    public override async Task<Survey> GetSurvey(GetSurveyRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.MessageId))
            throw new HubValidationException("message_id", "идентификатор сообщения не указан");
        var survey = await surveys.GetForMessageAsync(request.MessageId, context.CancellationToken);
        if (survey is null || !access.Sees(Caller.Of(context), survey.Tenant))
            throw new RpcException(new Status(StatusCode.NotFound, $"опрос по сообщению '{request.MessageId}' не найден"));
        return ToProto(survey);
    }

    public override async Task<ListSurveysResponse> ListSurveys(ListSurveysRequest request, ServerCallContext context)
    {
        if (request.PageSize is < 0 or > 1000)
            throw new HubValidationException("page_size", "размер страницы должен быть от 1 до 1000");
        if (request.PageToken.Length > 200)
            throw new HubValidationException("page_token", "недопустимый маркер страницы");
        var size = request.PageSize == 0 ? 100 : request.PageSize;
        var visible = access.Scope(Caller.Of(context), KpiSlice.All).Tenants ?? [];
        var list = await surveys.ListAsync(visible, request.PageToken.Length == 0 ? null : request.PageToken, size + 1, context.CancellationToken);
        var response = new ListSurveysResponse();
        response.Surveys.AddRange(list.Take(size).Select(ToProto));
        response.NextPageToken = list.Count > size ? list[size - 1].Id : "";
        return response;
    }

    private static Survey ToProto(SatisfactionSurvey s) => new()
    {
        MessageId = s.Id, Channel = s.Channel, SentAt = Timestamp.FromDateTimeOffset(s.SentAt), ExpiresAt = Timestamp.FromDateTimeOffset(s.ExpiresAt),
        Delivery = s.Delivery, Answer = SurveyAnswers.ToWire(s.Answer), Comment = s.Comment ?? "",
        AnsweredAt = s.AnsweredAt is { } at ? Timestamp.FromDateTimeOffset(at) : null, Reopened = s.Reopened, Tenant = s.Tenant,
    };
}

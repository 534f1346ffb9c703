using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MCU.Hub.Audit;
using MCU.Hub.Grpc.V1;
using MCU.Hub.Host.Security;
using MCU.Hub.People;
using MCU.Hub.Intake;
using Microsoft.AspNetCore.Authorization;

namespace MCU.Hub.Host.Grpc;

/// <summary>The <c>mcu.hub.v1.AuditService</c>: who changed what, for the administrators of a municipality.</summary>
[Authorize(Policy = Permissions.Administer)]
internal sealed class AuditGrpcService(IAuditLog audit) : AuditService.AuditServiceBase
{
    public override async Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context)
    {
        if (request.PageSize is < 0 or > 1000)
            throw new HubValidationException("page_size", "размер страницы должен быть от 1 до 1000");
        if (request.PageToken.Length > 0 && (request.PageToken.Length != 32 || !request.PageToken.All(char.IsAsciiHexDigitLower)))
            throw new HubValidationException("page_token", "недопустимый маркер страницы");
        var caller = Caller.Of(context);
        var size = request.PageSize == 0 ? 100 : request.PageSize;
        var entries = await audit.ListAsync(caller.Visible, request.PageToken.Length == 0 ? null : request.PageToken, size + 1, context.CancellationToken);
        var response = new ListAuditEntriesResponse();
        response.Entries.AddRange(entries.Take(size).Select(e => new Hub.Grpc.V1.AuditEntry
        {
            // LiteDB reads an empty string back as null (an empty request, the tenant of a one-tenant hub); found by the fuzzer.
            Id = e.Id, At = Timestamp.FromDateTimeOffset(e.At), Credential = e.Credential ?? "", Tenant = e.Tenant ?? "", Operation = e.Operation ?? "",
            Target = e.Target ?? "", Request = e.Request ?? "", Outcome = e.Outcome ?? "", Error = e.Error ?? "",
        }));
        response.NextPageToken = entries.Count > size ? entries[size - 1].Id : "";
        return response;
    }
}

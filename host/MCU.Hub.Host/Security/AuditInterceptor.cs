using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using MCU.Hub.Audit;
using Microsoft.AspNetCore.Authorization;

namespace MCU.Hub.Host.Security;

/// <summary>Writes an audit entry for every call that changes something (a write or admin scope, a permission beyond reading): credential, time, request, outcome.</summary>
internal sealed partial class AuditInterceptor(IAuditLog audit, TimeProvider time, ILogger<AuditInterceptor> logger) : Interceptor
{
    private const int MaxRequestLength = 4096;

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (!IsChange(context))
            return await continuation(request, context);
        // A submit's entry rides in the intake's own transaction (one durable commit per call, not two); a store that
        // does not write it, or a call that fails, leaves it to this interceptor.
        using var scope = RidesWithChange(context.Method) ? AuditScope.Begin(EntryOf(context, request, null, "OK", null)) : null;
        try
        {
            var response = await continuation(request, context);
            if (scope is null)
                await WriteAsync(context, request, response, "OK", null);
            else if (!scope.Written)
                await AppendAsync(context, Ended(scope.Entry, response));
            return response;
        }
        catch (Exception error)
        {
            await WriteAsync(context, request, null, OutcomeOf(error), error.Message);
            throw;
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (!IsChange(context))
            return await continuation(requestStream, context);
        try
        {
            var response = await continuation(requestStream, context);
            await WriteAsync(context, response, null, "OK", null);
            return response;
        }
        catch (Exception error)
        {
            await WriteAsync(context, null, null, OutcomeOf(error), error.Message);
            throw;
        }
    }

    private static string OutcomeOf(Exception error) => (Grpc.ErrorInterceptor.CodeOf(error) ?? StatusCode.Internal).ToString();

    // Every policy but reading is a change: the write and admin scopes and every permission beyond reading.
    private static bool IsChange(ServerCallContext context) =>
        context.GetHttpContext().GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Any(a => a.Policy is { } policy && policy is not (Scopes.Read or Scopes.Region or MCU.Hub.People.Permissions.ReadMessages or MCU.Hub.People.Permissions.ReadPersonalData)) == true;

    // The calls whose one change, when they succeed, is an intake write that can carry their entry (see AuditScope).
    private static bool RidesWithChange(string method) => method == "/mcu.hub.v1.MessageService/SubmitMessage";

    private Task WriteAsync(ServerCallContext context, object? payload, object? response, string outcome, string? error) =>
        AppendAsync(context, EntryOf(context, payload, response, outcome, error));

    // The pending entry of a scope no store wrote: it ends now, and its id is the log's to assign.
    private AuditEntry Ended(AuditEntry entry, object? response)
    {
        entry.Id = "";
        entry.At = time.GetUtcNow();
        entry.Target ??= response is IMessage r ? TargetOf(r) : null;
        return entry;
    }

    private async Task AppendAsync(ServerCallContext context, AuditEntry entry)
    {
        try
        {
            // Not the call's token: a change that was made is recorded even when the client has gone.
            await audit.AppendAsync(entry, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or LiteDB.LiteException)
        {
            LogAuditFailed(logger, context.Method, e);
        }
    }

    private AuditEntry EntryOf(ServerCallContext context, object? payload, object? response, string outcome, string? error)
    {
        var caller = Caller.Of(context.GetHttpContext().User);
        // The diagnostic form: a request the engine refuses (a non-normalized timestamp ...) must still be recorded, not fail here.
        var json = payload is IMessage message ? JsonFormatter.ToDiagnosticString(message) : "";
        return new AuditEntry
        {
            At = time.GetUtcNow(),
            // A person's entry names whom they act for: «petrova (и. о. ivanov)».
            Credential = caller is null ? "" : caller.Account is null ? caller.Name : caller.Actor,
            Tenant = caller?.Tenant ?? "",
            Operation = context.Method,
            // A request that names no record (a submit, a create) changed the one its response names.
            Target = (payload is IMessage m ? TargetOf(m) : null) ?? (response is IMessage r ? TargetOf(r) : null),
            Request = json.Length > MaxRequestLength ? json[..MaxRequestLength] : json,
            Outcome = outcome,
            Error = error,
        };
    }

    private static string? TargetOf(IMessage message) =>
        message.Descriptor.FindFieldByName("id") is { FieldType: Google.Protobuf.Reflection.FieldType.String } field
            ? field.Accessor.GetValue(message) as string is { Length: > 0 } id ? id : null
            : null;

    [LoggerMessage(EventId = 310, Level = LogLevel.Error, Message = "Audit entry for {Method} not written")]
    private static partial void LogAuditFailed(ILogger logger, string method, Exception error);
}

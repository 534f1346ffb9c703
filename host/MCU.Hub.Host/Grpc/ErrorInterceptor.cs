using Grpc.Core;
using Grpc.Core.Interceptors;
using MCU.Hub.Intake;
using MCU.Hub.Storage;

namespace MCU.Hub.Host.Grpc;

/// <summary>Turns the engine's exceptions into gRPC statuses: bad input names its field, nothing leaks internals.</summary>
internal sealed partial class ErrorInterceptor(ILogger<ErrorInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (Translate(ex, context) is { } rpc)
        {
            throw rpc;
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception ex) when (Translate(ex, context) is { } rpc)
        {
            throw rpc;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (Translate(ex, context) is { } rpc)
        {
            throw rpc;
        }
    }

    /// <summary>
    /// The longest status detail sent. Details quote the client's input, and the detail travels percent-encoded in an
    /// HTTP/2 trailer: a 25,000-character Cyrillic id made a trailer over the client's 64 KB header limit, and the
    /// client saw a broken connection instead of NOT_FOUND (found by the fuzzer).
    /// </summary>
    internal const int MaxDetailLength = 1_000;

    /// <summary>
    /// The status an engine exception answers with; <see langword="null"/> for one that is not the caller's doing (an
    /// internal error). The audit log records the same outcome the caller gets.
    /// </summary>
    /// <param name="ex">The exception.</param>
    /// <returns>The status code.</returns>
    internal static StatusCode? CodeOf(Exception ex) => ex switch
    {
        RpcException rpc => rpc.StatusCode,
        HubValidationException => StatusCode.InvalidArgument,
        MessageNotFoundException or MCU.Hub.People.AccountNotFoundException
            or MCU.Hub.Roadmaps.RoadmapNotFoundException or MCU.Hub.FastTrack.FastTrackEntryNotFoundException => StatusCode.NotFound,

        // Lost every retry to concurrent changes: nothing written, a later retry succeeds.
        MCU.Hub.Messages.ConcurrentChangeException => StatusCode.Aborted,

        // A step on an older revision is retried after a fresh read; a step the draft's state refuses is not.
        Answers.AnswerConflictException conflict => conflict.Stale ? StatusCode.Aborted : StatusCode.FailedPrecondition,

        // The cause is outside the request (disk full, file held): nothing was written, and a retry later succeeds.
        HubStoreUnavailableException store => store.DiskFull ? StatusCode.ResourceExhausted : StatusCode.Unavailable,
        OperationCanceledException => StatusCode.Cancelled,
        _ => null,
    };

    private RpcException? Translate(Exception ex, ServerCallContext context)
    {
        switch (ex)
        {
            case RpcException rpc:
                return rpc.Status.Detail.Length > MaxDetailLength ? Bounded(rpc.StatusCode, rpc.Status.Detail) : null;
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return new RpcException(new Status(StatusCode.Cancelled, "вызов отменён"));
            case HubStoreUnavailableException store:
                LogStoreUnavailable(logger, context.Method, store.Message);
                return Bounded(CodeOf(store)!.Value, store.Message);
            case not OperationCanceledException when CodeOf(ex) is { } code:
                return Bounded(code, ex.Message);
            default:
                LogUnhandled(logger, context.Method, ex);
                return new RpcException(new Status(StatusCode.Internal, "внутренняя ошибка хаба; подробности в журнале сервера"));
        }
    }

    private static RpcException Bounded(StatusCode code, string detail) =>
        new(new Status(code, detail.Length <= MaxDetailLength ? detail : string.Concat(detail.AsSpan(0, MaxDetailLength - 1), "…")));

    [LoggerMessage(EventId = 301, Level = LogLevel.Error, Message = "{Method}: the store is unavailable: {Reason}")]
    private static partial void LogStoreUnavailable(ILogger logger, string method, string reason);

    [LoggerMessage(EventId = 300, Level = LogLevel.Error, Message = "Unhandled error in {Method}")]
    private static partial void LogUnhandled(ILogger logger, string method, Exception exception);
}

using Grpc.Core;
using Grpc.Core.Interceptors;

namespace MCU.Hub.Client.Internal;

/// <summary>Adds the credential header and the default deadline to every call of a hub client.</summary>
/// <remarks>
/// Headers rather than <see cref="CallCredentials"/>: gRPC sends call credentials only over TLS, and a hub inside a
/// municipal network is often reached over plain HTTP/2 behind a TLS-terminating proxy.
/// </remarks>
internal sealed class McuHubCallInterceptor(McuHubClientOptions options, TimeProvider time) : Interceptor
{
    public const string ApiKeyHeader = "x-api-key";
    public const string AuthorizationHeader = "authorization";

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        if (options.BearerTokenProvider is null)
            return continuation(request, Prepare(context, null));

        // The token is fetched before the call starts; the call object stands for the call that follows.
        var started = StartAsync(request, context, continuation);
        return new AsyncUnaryCall<TResponse>(
            ResponseAsync(started),
            HeadersAsync(started),
            () => started.IsCompletedSuccessfully ? started.Result.GetStatus() : new Status(StatusCode.Unknown, "вызов ещё не начат"),
            () => started.IsCompletedSuccessfully ? started.Result.GetTrailers() : [],
            () => started.ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default));
    }

    private async Task<AsyncUnaryCall<TResponse>> StartAsync<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
        where TRequest : class
        where TResponse : class =>
        continuation(request, await PrepareAsync(context).ConfigureAwait(false));

    private static async Task<TResponse> ResponseAsync<TResponse>(Task<AsyncUnaryCall<TResponse>> started) =>
        await (await started.ConfigureAwait(false)).ResponseAsync.ConfigureAwait(false);

    private static async Task<Metadata> HeadersAsync<TResponse>(Task<AsyncUnaryCall<TResponse>> started) =>
        await (await started.ConfigureAwait(false)).ResponseHeadersAsync.ConfigureAwait(false);

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, Prepare(context, Token(context)));

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context, AsyncClientStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(Prepare(context, Token(context)));

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context, AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(Prepare(context, Token(context)));

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, BlockingUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, Prepare(context, Token(context)));

    private async Task<ClientInterceptorContext<TRequest, TResponse>> PrepareAsync<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class
        where TResponse : class =>
        Prepare(context, await options.BearerTokenProvider!(context.Options.CancellationToken).ConfigureAwait(false));

    // Streaming and blocking calls return their call object at once, so a provided token is fetched synchronously there.
    private string? Token<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class
        where TResponse : class =>
        options.BearerTokenProvider is { } provider ? provider(context.Options.CancellationToken).AsTask().GetAwaiter().GetResult() : null;

    private ClientInterceptorContext<TRequest, TResponse> Prepare<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context, string? providedToken)
        where TRequest : class
        where TResponse : class
    {
        var callOptions = context.Options;
        var headers = callOptions.Headers ?? [];
        if (options.ApiKey is { } key && headers.Get(ApiKeyHeader) is null)
            headers.Add(ApiKeyHeader, key);
        if ((providedToken ?? options.BearerToken) is { Length: > 0 } token && headers.Get(AuthorizationHeader) is null)
            headers.Add(AuthorizationHeader, "Bearer " + token);
        callOptions = callOptions.WithHeaders(headers);
        if (callOptions.Deadline is null && options.Deadline != Timeout.InfiniteTimeSpan)
            callOptions = callOptions.WithDeadline(time.GetUtcNow().UtcDateTime.Add(options.Deadline));
        return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, callOptions);
    }
}

namespace MCU.Hub.Host.Security;

/// <summary>Answers a call over its credential's rate: RESOURCE_EXHAUSTED for gRPC, 429 for JSON.</summary>
internal static class RateLimitRejection
{
    private const string Message = "превышена частота запросов для этого ключа; повторите позже";

    public static ValueTask WriteAsync(HttpContext context)
    {
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true)
        {
            // A trailers-only gRPC response: the status travels in the headers of an HTTP 200.
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = ((int)global::Grpc.Core.StatusCode.ResourceExhausted).ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers["grpc-message"] = Uri.EscapeDataString(Message);
            return ValueTask.CompletedTask;
        }

        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = "1";
        return new ValueTask(context.Response.WriteAsJsonAsync(new { code = 8, message = Message }));
    }
}

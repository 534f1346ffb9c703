using System.Globalization;
using Grpc.AspNetCore.Server;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Host.Security;

/// <summary>
/// Gives every unary gRPC call a deadline no later than <see cref="SecurityOptions.MaxCallDuration"/>: a client that sets
/// none, or a longer one, gets the host's; the gRPC server then ends the call with DEADLINE_EXCEEDED. Streams (the event
/// subscription, downloads, imports) run as long as they need.
/// </summary>
internal sealed class CallDeadlineMiddleware(RequestDelegate next, IOptionsMonitor<SecurityOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var method = context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>();
        if (method?.Method.Type == global::Grpc.Core.MethodType.Unary)
        {
            var max = options.CurrentValue.MaxCallDuration;
            var asked = Parse(context.Request.Headers["grpc-timeout"].ToString());
            if (asked is null || asked > max)
                context.Request.Headers["grpc-timeout"] = ((long)max.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "m";
        }

        return next(context);
    }

    /// <summary>Reads a <c>grpc-timeout</c> header: digits and a unit (H, M, S, m, u, n).</summary>
    private static TimeSpan? Parse(string value)
    {
        if (value.Length < 2 || !long.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            return null;
        return value[^1] switch
        {
            'H' => TimeSpan.FromHours(amount),
            'M' => TimeSpan.FromMinutes(amount),
            'S' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMilliseconds(amount),
            'u' => TimeSpan.FromMicroseconds(amount),
            'n' => TimeSpan.FromTicks(amount / 100),
            _ => null,
        };
    }
}

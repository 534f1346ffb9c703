using System.Security.Cryptography;
using System.Text;
using Grpc.Net.Client;

namespace MCU.Hub.Bench.All;

/// <summary>
/// The only place the benchmarks create gRPC channels: every call carries the bench API key, and the host is configured
/// to accept it (<see cref="HostSettings"/>).
/// </summary>
internal static class BenchGrpc
{
    /// <summary>The API key every benchmark call sends in <see cref="HeaderName"/>.</summary>
    public const string ApiKey = "mcu-hub-bench-key-71879000";

    /// <summary>The header that carries the API key.</summary>
    public const string HeaderName = "x-api-key";

    /// <summary>The OKTMO of the benchmark's tenant.</summary>
    public const string Oktmo = "71879000";

    /// <summary>The settings that make the host know the bench tenant and accept <see cref="ApiKey"/> with every scope.</summary>
    public static IReadOnlyDictionary<string, string?> HostSettings { get; } = new Dictionary<string, string?>
    {
        ["McuHub:Tenants:0:Oktmo"] = Oktmo,
        ["McuHub:Security:ApiKeys:0:Name"] = "bench",
        ["McuHub:Security:ApiKeys:0:KeyHash"] = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey))),
        ["McuHub:Security:ApiKeys:0:Tenant"] = Oktmo,
        ["McuHub:Security:ApiKeys:0:Scopes:0"] = "admin",
        ["McuHub:Security:ApiKeys:0:RequestsPerSecond"] = "0",
    };

    /// <summary>Creates a channel to <paramref name="address"/> (h2c) whose every request carries the API key.</summary>
    /// <param name="address">The server address.</param>
    /// <returns>The channel; dispose it.</returns>
    public static GrpcChannel CreateChannel(Uri address) => GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        HttpHandler = new ApiKeyHandler(new SocketsHttpHandler { EnableMultipleHttp2Connections = true }),
        MaxReceiveMessageSize = 16 * 1024 * 1024,
    });

    private sealed class ApiKeyHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.TryAddWithoutValidation(HeaderName, ApiKey);
            return base.SendAsync(request, cancellationToken);
        }
    }
}

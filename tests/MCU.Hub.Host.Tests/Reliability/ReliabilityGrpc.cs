using System.Security.Cryptography;
using System.Text;
using Grpc.Net.Client;

namespace MCU.Hub.Host.Tests.Reliability;

/// <summary>
/// The only place the reliability tests create gRPC channels: every call carries an API key the host is configured to
/// accept (<see cref="HostArgs"/>), for when the host requires one.
/// </summary>
internal static class ReliabilityGrpc
{
    public const string ApiKey = "mcu-hub-reliability-key";

    public const string Oktmo = "71879000";

    /// <summary>The host's tenant and the API key with every scope and no rate limit, as configuration pairs.</summary>
    public static IReadOnlyDictionary<string, string?> HostSettings { get; } = new Dictionary<string, string?>
    {
        ["McuHub:Tenants:0:Oktmo"] = Oktmo,
        ["McuHub:Security:ApiKeys:0:Name"] = "reliability",
        ["McuHub:Security:ApiKeys:0:KeyHash"] = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey))),
        ["McuHub:Security:ApiKeys:0:Tenant"] = Oktmo,
        ["McuHub:Security:ApiKeys:0:Scopes:0"] = "admin",
        ["McuHub:Security:ApiKeys:0:RequestsPerSecond"] = "0",
    };

    /// <summary>The same settings as command-line arguments of the host process.</summary>
    public static IEnumerable<string> HostArgs => HostSettings.Select(p => $"--{p.Key}={p.Value}");

    /// <summary>Creates a channel whose every request carries the API key in <c>x-api-key</c>.</summary>
    public static GrpcChannel CreateChannel(Uri address) => GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        HttpHandler = new ApiKeyHandler(new SocketsHttpHandler()),
    });

    private sealed class ApiKeyHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.TryAddWithoutValidation("x-api-key", ApiKey);
            return base.SendAsync(request, cancellationToken);
        }
    }
}

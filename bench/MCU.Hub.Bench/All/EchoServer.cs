using System.Net;
using Grpc.Core;
using MCU.Hub.Grpc.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MCU.Hub.Bench.All;

/// <summary>
/// The transport's own limit: <c>MessageService</c> with the same messages on the same server stack (Kestrel h2c,
/// grpc-dotnet), answering at once without the engine.
/// </summary>
internal sealed class EchoServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EchoServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<EchoServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = 4 * 1024 * 1024);
        var app = builder.Build();
        app.MapGrpcService<EchoMessageService>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EchoServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class EchoMessageService : MessageService.MessageServiceBase
    {
        public override Task<SubmitMessageResponse> SubmitMessage(SubmitMessageRequest request, ServerCallContext context) =>
            Task.FromResult(new SubmitMessageResponse { Id = request.ExternalId });

        public override async Task<SubmitMessagesResponse> SubmitMessages(IAsyncStreamReader<SubmitMessageRequest> requestStream, ServerCallContext context)
        {
            var response = new SubmitMessagesResponse();
            await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
                response.Results.Add(new SubmitResult { Id = request.ExternalId });
            return response;
        }
    }
}

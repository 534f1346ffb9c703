using Grpc.Core;
using MCU.Hub.Grpc.V1;

namespace MCU.Hub.Host.Tests.Reliability;

/// <summary>Regressions of what the gRPC fuzzer found (<see cref="GrpcFuzzTests"/>).</summary>
public sealed class FuzzFindingsTests
{
    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(b => b, b => b);

    [Fact]
    public async Task SubmitMessage_BytesThatAreNotProtobuf_InvalidArgumentNotUnknown()
    {
        await using var host = await TestHost.StartAsync(TestHost.NewDatabasePath(), new Dictionary<string, string?>(ReliabilityGrpc.HostSettings));
        using var channel = ReliabilityGrpc.CreateChannel(host.Address);
        var method = new Method<byte[], byte[]>(MethodType.Unary, "mcu.hub.v1.MessageService", "SubmitMessage", Raw, Raw);

        // Field 1 (channel) announced as 0x7F bytes long, with two bytes following.
        var error = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(method, null, default, [0x0A, 0x7F, 0x41, 0x42]).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("запрос: ", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMessage_IdOf25000CyrillicLetters_NotFoundWithABoundedDetail()
    {
        await using var host = await TestHost.StartAsync(TestHost.NewDatabasePath(), new Dictionary<string, string?>(ReliabilityGrpc.HostSettings));
        using var channel = ReliabilityGrpc.CreateChannel(host.Address);
        var client = new MessageService.MessageServiceClient(channel);

        // The detail quoted the whole id: its trailer passed the client's 64 KB header limit and the call broke.
        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetMessageAsync(new GetMessageRequest { Id = new string('я', 25_000) }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.True(error.Status.Detail.Length <= 1_000, $"detail of {error.Status.Detail.Length} characters");
    }

    [Fact]
    public async Task SubmitAndAnswer_EmptyAttachmentLink_RefusedSoThatListingStillWorks()
    {
        await using var host = await TestHost.StartAsync(TestHost.NewDatabasePath(), new Dictionary<string, string?>(ReliabilityGrpc.HostSettings));
        using var channel = ReliabilityGrpc.CreateChannel(host.Address);
        var client = new MessageService.MessageServiceClient(channel);

        // LiteDB keeps "" as null, and a null in a repeated string field failed every later read of the message (INTERNAL).
        var submit = await Assert.ThrowsAsync<RpcException>(() => client.SubmitMessageAsync(new SubmitMessageRequest
        {
            Channel = "api", ExternalId = "empty-attachment", Text = "Яма на дороге", Attachments = { "https://example.invalid/1.jpg", "" },
        }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, submit.StatusCode);
        Assert.StartsWith("attachments[1]", submit.Status.Detail, StringComparison.Ordinal);

        var id = (await client.SubmitMessageAsync(new SubmitMessageRequest { Channel = "api", ExternalId = "ok", Text = "Яма на дороге" })).Id;
        var answer = await Assert.ThrowsAsync<RpcException>(() => client.AnswerMessageAsync(new AnswerMessageRequest { Id = id, Text = "Отремонтировано", Attachments = { "" } }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, answer.StatusCode);
        Assert.StartsWith("attachments[0]", answer.Status.Detail, StringComparison.Ordinal);

        var listed = await client.ListMessagesAsync(new ListMessagesRequest { PageSize = 10 });
        Assert.Single(listed.Messages);
        Assert.NotEqual(MessageStatus.Answered, listed.Messages[0].Status);
    }

    [Fact]
    public async Task ListAuditEntries_AfterACallWithAnEmptyRequest_Lists()
    {
        await using var host = await TestHost.StartAsync(TestHost.NewDatabasePath(), new Dictionary<string, string?>(ReliabilityGrpc.HostSettings));
        using var channel = ReliabilityGrpc.CreateChannel(host.Address);
        var method = new Method<byte[], byte[]>(MethodType.Unary, "mcu.hub.v1.AuditService", "ListAuditEntries", Raw, Raw);

        // The empty request is audited as ""; LiteDB gave it back as null, and every listing failed with INTERNAL.
        await channel.CreateCallInvoker().AsyncUnaryCall(method, null, default, []).ResponseAsync;
        var listed = await channel.CreateCallInvoker().AsyncUnaryCall(method, null, default, []).ResponseAsync;

        Assert.NotNull(listed);
    }
}

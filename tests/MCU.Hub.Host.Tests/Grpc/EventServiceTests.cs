using Grpc.Core;
using MCU.Hub.Grpc.V1;

namespace MCU.Hub.Host.Tests.Grpc;

public sealed class EventServiceTests
{
    [Fact]
    public async Task SubscribeEvents_ResumedAfterADisconnect_DeliversEveryEventExactlyOnce()
    {
        await using var host = await TestHost.StartAsync(TestHost.NewDatabasePath());
        var messages = new MessageService.MessageServiceClient(host.Channel);
        var events = new EventService.EventServiceClient(host.Channel);
        async Task SubmitAsync(int from, int count)
        {
            for (var i = from; i < from + count; i++)
                await messages.SubmitMessageAsync(new SubmitMessageRequest { Channel = "api", ExternalId = "ev-" + i, Text = $"Яма на дороге №{i}" });
        }

        await SubmitAsync(0, 5);
        var received = new List<MCU.Hub.Grpc.V1.HubEvent>();

        // First connection: read four events, then drop the connection.
        using (var cts = new CancellationTokenSource())
        using (var call = events.SubscribeEvents(new SubscribeEventsRequest(), cancellationToken: cts.Token))
        {
            while (received.Count < 4 && await call.ResponseStream.MoveNext(CancellationToken.None))
                received.Add(call.ResponseStream.Current);
            await cts.CancelAsync();
        }

        // Events keep happening while the client is away.
        await SubmitAsync(5, 5);

        // Second connection resumes after the last sequence it processed and also sees events stored while it streams.
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        using (var call = events.SubscribeEvents(new SubscribeEventsRequest { AfterSequence = received[^1].Sequence }, cancellationToken: cts.Token))
        {
            var live = Task.Run(async () =>
            {
                await Task.Delay(300);
                await SubmitAsync(10, 3);
            });
            try
            {
                // Each routed road message gives two events (received, routed): 13 messages → 26 events.
                while (received.Count < 26 && await call.ResponseStream.MoveNext(cts.Token))
                    received.Add(call.ResponseStream.Current);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled)
            {
            }

            await live;
        }

        Assert.Equal(26, received.Count);
        Assert.Equal(Enumerable.Range(1, 26).Select(i => (long)i), received.Select(e => e.Sequence));
        Assert.Equal(13, received.Count(e => e.Type == "message.received"));
    }

    [Fact]
    public async Task SubscribeEvents_FilteredByType_SendsOnlyThoseTypes()
    {
        await using var host = await TestHost.StartAsync(TestHost.NewDatabasePath());
        var messages = new MessageService.MessageServiceClient(host.Channel);
        var id = (await messages.SubmitMessageAsync(new SubmitMessageRequest { Channel = "api", ExternalId = "f-1", Text = "Яма на дороге" })).Id;
        await messages.AnswerMessageAsync(new AnswerMessageRequest { Id = id, Text = "Заделана" });

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var call = new EventService.EventServiceClient(host.Channel).SubscribeEvents(new SubscribeEventsRequest { EventTypes = { "message.answered" } }, cancellationToken: cts.Token);
        Assert.True(await call.ResponseStream.MoveNext(cts.Token));
        Assert.Equal("message.answered", call.ResponseStream.Current.Type);
        Assert.Equal(id, call.ResponseStream.Current.MessageId);
    }
}

using MCU.Hub.Emulators.Pos;
using MCU.Hub.Grpc.V1;

namespace MCU.Hub.Host.Tests.Channels;

/// <summary>Answers travel back to ПОС through the outbox exactly once.</summary>
public sealed class OutboxTests
{
    private static Dictionary<string, string?> Settings(PosEmulator emulator) => new()
    {
        ["McuHub:Host:PluginsPath"] = "plugins",
        ["McuHub:Host:Outbox:PollInterval"] = "00:00:00.100",
        ["McuHub:Host:Outbox:RetryDelay"] = "00:00:00.100",
        ["McuHub:Host:Outbox:MaxAttempts"] = "3",
        ["McuHub:Channels:pos:Enabled"] = "true",
        // One pull takes every message; a long pause after it keeps polls from taking the failures meant for answers.
        ["McuHub:Channels:pos:PollInterval"] = "00:10:00",
        ["McuHub:Channels:pos:MaxRetries"] = "0",
        ["McuHub:Channels:pos:Settings:BaseAddress"] = emulator.BaseAddress.AbsoluteUri,
    };

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = Environment.TickCount64 + 30_000;
        var value = await read();
        while (!done(value) && Environment.TickCount64 < deadline)
        {
            await Task.Delay(100);
            value = await read();
        }

        return value;
    }

    [Fact]
    public async Task Answer_WithTransientFailures_ReachesTheChannelExactlyOnce()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 5, Seed = 5 });
        await using var host = await TestHost.StartAsync(TestHost.NewDatabasePath(), Settings(emulator));
        await host.WaitForMessagesAsync(5, TimeSpan.FromSeconds(30));
        var target = emulator.Messages[2];
        var id = (await host.Store.FindBySourceAsync("pos", target.Id, CancellationToken.None))!.Id;
        var messages = new MessageService.MessageServiceClient(host.Channel);

        emulator.FailNext(2, 500);
        await messages.AnswerMessageAsync(new AnswerMessageRequest { Id = id, Text = "Яма заделана 20.11.2026, фото приложено.", Attachments = { "https://example.invalid/done.jpg" } });

        var got = await EventuallyAsync(
            () => messages.GetMessageAsync(new GetMessageRequest { Id = id }).ResponseAsync,
            r => r.Deliveries.Count == 1 && r.Deliveries[0].State == DeliveryState.Acknowledged);
        var delivery = Assert.Single(got.Deliveries);
        Assert.Equal(DeliveryState.Acknowledged, delivery.State);
        Assert.Equal(3, delivery.Attempts);
        await Task.Delay(500);
        var answer = Assert.Single(emulator.Answers);
        Assert.Equal(target.Id, answer.MessageId);
        Assert.Equal("Яма заделана 20.11.2026, фото приложено.", answer.Text);
        Assert.Equal("answered", answer.Status);
        Assert.Equal(delivery.Id, answer.IdempotencyKey);
        Assert.Equal(answer.AnswerId, delivery.ExternalReplyId);
    }

    [Fact]
    public async Task Answer_ChannelDownTooLong_IsListedAsStuckAndCanBeRetried()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 3, Seed = 6 });
        await using var host = await TestHost.StartAsync(TestHost.NewDatabasePath(), Settings(emulator));
        await host.WaitForMessagesAsync(3, TimeSpan.FromSeconds(30));
        var id = (await host.Store.FindBySourceAsync("pos", emulator.Messages[0].Id, CancellationToken.None))!.Id;
        var messages = new MessageService.MessageServiceClient(host.Channel);
        var deliveries = new DeliveryService.DeliveryServiceClient(host.Channel);

        emulator.FailNext(1000, 503);
        await messages.AnswerMessageAsync(new AnswerMessageRequest { Id = id, Text = "Работы запланированы на декабрь." });
        var stuck = await EventuallyAsync(
            () => deliveries.ListDeliveriesAsync(new ListDeliveriesRequest { States = { DeliveryState.Failed } }).ResponseAsync,
            r => r.Deliveries.Count == 1);
        var failed = Assert.Single(stuck.Deliveries);
        Assert.Equal(3, failed.Attempts);
        Assert.Contains("503", failed.LastError, StringComparison.Ordinal);
        Assert.Empty(emulator.Answers);

        emulator.FailNext(0, 503);
        await deliveries.RetryDeliveryAsync(new RetryDeliveryRequest { Id = failed.Id });
        var done = await EventuallyAsync(
            () => deliveries.ListDeliveriesAsync(new ListDeliveriesRequest { MessageId = id }).ResponseAsync,
            r => r.Deliveries.All(d => d.State == DeliveryState.Acknowledged));
        Assert.Equal(DeliveryState.Acknowledged, Assert.Single(done.Deliveries).State);
        Assert.Single(emulator.Answers);
    }
}

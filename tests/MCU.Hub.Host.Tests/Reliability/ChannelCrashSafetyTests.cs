using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using MCU.Hub.Emulators.Pos;
using MCU.Hub.Grpc.V1;
using Xunit.Abstractions;

namespace MCU.Hub.Host.Tests.Reliability;

/// <summary>
/// The host as a separate process pulls from the ПОС emulator and delivers answers back to it, and is killed with
/// SIGKILL at random moments again and again: in the end every message is stored once and every answer delivered once.
/// </summary>
/// <remarks>
/// <c>MCU_HUB_CRASH_KILLS</c> sets the number of kills (default 20) and <c>MCU_HUB_CRASH_SEED</c> the seed of the kill
/// moments (default: from the clock; the seed is written to the test output so that a failure can be replayed).
/// </remarks>
public sealed class ChannelCrashSafetyTests(ITestOutputHelper output)
{
    private const string Token = "crash-token";

    private static string[] HostArgs(PosEmulator emulator) =>
    [
        "--McuHub:Host:PluginsPath=plugins",
        "--McuHub:Channels:pos:Enabled=true",
        "--McuHub:Channels:pos:PollInterval=00:00:00.100",
        "--McuHub:Channels:pos:BatchSize=50",
        "--McuHub:Channels:pos:RetryDelay=00:00:00.050",
        "--McuHub:Channels:pos:BreakDuration=00:00:00.500",
        "--McuHub:Channels:pos:MaxBackoff=00:00:01",
        "--McuHub:Channels:pos:MaxRequestsPerSecond=0",
        $"--McuHub:Channels:pos:Settings:BaseAddress={emulator.BaseAddress.AbsoluteUri}",
        $"--McuHub:Channels:pos:Settings:Token={Token}",
        "--McuHub:Channels:pos:Settings:PageSize=50",
        "--McuHub:Host:Outbox:PollInterval=00:00:00.100",
        "--McuHub:Host:Outbox:RetryDelay=00:00:00.100",
        "--McuHub:Host:Outbox:MaxRetryDelay=00:00:00.500",
        "--McuHub:Host:Outbox:MaxAttempts=1000",
    ];

    /// <summary>One message in three is answered (by its external id, so the choice survives restarts).</summary>
    private static bool ToAnswer(string externalId) => long.Parse(externalId, CultureInfo.InvariantCulture) % 3 == 0;

    [Fact]
    public async Task PosChannel_HostKilledAtRandomMoments_EveryMessageStoredOnceAndEveryAnswerDeliveredOnce()
    {
        var kills = int.TryParse(Environment.GetEnvironmentVariable("MCU_HUB_CRASH_KILLS"), CultureInfo.InvariantCulture, out var k) ? k : 20;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("MCU_HUB_CRASH_SEED"), CultureInfo.InvariantCulture, out var s) ? s : Environment.TickCount;
        output.WriteLine($"kills {kills}, seed {seed} (MCU_HUB_CRASH_SEED={seed} replays the kill moments)");
        var random = new Random(seed);
        var watch = Stopwatch.StartNew();

        var folder = Path.Combine(Path.GetTempPath(), "mcu-hub-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, "hub.db");
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions
        {
            TotalMessages = 3_000, InitialMessages = 600, MessagesPerSecond = 80, Seed = 42, Token = Token,
        });
        var args = HostArgs(emulator);
        var answered = new ConcurrentDictionary<string, string>();
        var answerCalls = 0;

        for (var round = 0; round < kills; round++)
        {
            await using var host = await HostProcess.StartAsync(database, args);
            var client = new MessageService.MessageServiceClient(host.Channel);
            using var stop = new CancellationTokenSource();
            var answerer = Task.Run(() => AnswerAsync(client, answered, () => Interlocked.Increment(ref answerCalls), stop.Token));
            await Task.Delay(random.Next(150, 1500));
            host.Kill();
            await stop.CancelAsync();
            await answerer;
        }

        var killedAt = watch.Elapsed;
        await using (var host = await HostProcess.StartAsync(database, args))
        {
            var client = new MessageService.MessageServiceClient(host.Channel);
            var expected = emulator.Messages.Count;
            var deadline = Environment.TickCount64 + 90_000;
            List<Message> stored;
            while (true)
            {
                // The emulator publishes all 3,000 within ~30 s of its start; after that, the hub catches up.
                try
                {
                    stored = await ListAllAsync(client);
                    if ((stored.Count == 3_000 || Environment.TickCount64 > deadline) && await AllAnsweredAsync(client, stored, answered))
                        break;
                }
                catch (RpcException)
                {
                    // The host's last words, if it went away: the failure alone does not say why.
                    output.WriteLine($"host exited: {host.HasExited}; its last output:{Environment.NewLine}{string.Join(Environment.NewLine, host.Output.TakeLast(60))}");
                    throw;
                }

                Assert.True(Environment.TickCount64 < deadline + 30_000, $"stored {stored.Count} of {expected}, answered {answered.Count}");
                await Task.Delay(500);
            }

            // Every message of the channel once, under its own id.
            var published = emulator.Messages.Select(m => m.Id).ToHashSet();
            Assert.Equal(3_000, published.Count);
            Assert.Equal(published.Count, stored.Count);
            Assert.Equal(published, stored.Select(m => m.ExternalId).ToHashSet());

            // Every answer the hub holds is delivered, acknowledged, and recorded by the channel exactly once.
            var answeredInHub = stored.Where(m => m.Status == MessageStatus.Answered).ToList();
            Assert.Equal(answered.Keys.Order(), answeredInHub.Select(m => m.Id).Order());
            var received = await EventuallyAsync(() => emulator.Answers, a => a.Count >= answeredInHub.Count);
            Assert.Equal(answeredInHub.Count, received.Count);
            Assert.Equal(answeredInHub.Select(m => m.ExternalId).Order(), received.Select(a => a.MessageId).Order());
            foreach (var message in answeredInHub)
            {
                var got = await EventuallyAsync(
                    () => client.GetMessageAsync(new GetMessageRequest { Id = message.Id }).ResponseAsync.GetAwaiter().GetResult(),
                    r => r.Deliveries.Count == 1 && r.Deliveries[0].State == DeliveryState.Acknowledged);
                var delivery = Assert.Single(got.Deliveries);
                Assert.Equal(DeliveryState.Acknowledged, delivery.State);
                Assert.Equal(delivery.Id, received.Single(a => a.MessageId == message.ExternalId).IdempotencyKey);
            }

            output.WriteLine($"{kills} kills in {killedAt.TotalSeconds:N0} s, {watch.Elapsed.TotalSeconds:N0} s in all; {stored.Count} messages stored once, "
                + $"{answeredInHub.Count} answers delivered once ({answerCalls} AnswerMessage calls, {emulator.RequestCount} requests to the emulator)");
        }

        System.IO.Directory.Delete(folder, recursive: true);
    }

    /// <summary>Answers the chosen messages; an answer whose call failed is known from the hub's status on the next pass.</summary>
    private static async Task AnswerAsync(MessageService.MessageServiceClient client, ConcurrentDictionary<string, string> answered, Action counted, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var page = await client.ListMessagesAsync(new ListMessagesRequest { Channel = "pos", PageSize = 300 }, cancellationToken: stop);
                foreach (var m in page.Messages.Where(m => m.Status == MessageStatus.Answered))
                    answered[m.Id] = m.ExternalId;
                var todo = page.Messages.Where(m => m.Status != MessageStatus.Answered && ToAnswer(m.ExternalId) && !answered.ContainsKey(m.Id));
                await Parallel.ForEachAsync(todo, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = stop }, async (m, ct) =>
                {
                    counted();
                    await client.AnswerMessageAsync(new AnswerMessageRequest { Id = m.Id, Text = $"Ответ на обращение {m.ExternalId}: работы выполнены." }, cancellationToken: ct);
                    answered[m.Id] = m.ExternalId;
                });

                await Task.Delay(50, stop);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.InvalidArgument)
            {
                // Answered by a call whose reply was lost in a kill: the next pass sees the status.
                await Task.Delay(50, CancellationToken.None);
            }
            catch (RpcException)
            {
                return;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Answers what is still to answer; true when nothing was left.</summary>
    private static async Task<bool> AllAnsweredAsync(MessageService.MessageServiceClient client, List<Message> stored, ConcurrentDictionary<string, string> answered)
    {
        foreach (var m in stored.Where(m => m.Status == MessageStatus.Answered))
            answered[m.Id] = m.ExternalId;
        var todo = stored.Where(m => m.Status != MessageStatus.Answered && ToAnswer(m.ExternalId)).ToList();
        var left = todo.Count;
        await Parallel.ForEachAsync(todo, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (m, ct) =>
        {
            await client.AnswerMessageAsync(new AnswerMessageRequest { Id = m.Id, Text = $"Ответ на обращение {m.ExternalId}: работы выполнены." }, cancellationToken: ct);
            answered[m.Id] = m.ExternalId;
        });

        return left == 0;
    }

    private static async Task<List<Message>> ListAllAsync(MessageService.MessageServiceClient client)
    {
        var all = new List<Message>();
        var token = "";
        do
        {
            var page = await client.ListMessagesAsync(new ListMessagesRequest { Channel = "pos", PageSize = 1000, PageToken = token });
            all.AddRange(page.Messages);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return all;
    }

    private static async Task<T> EventuallyAsync<T>(Func<T> read, Func<T, bool> done)
    {
        var deadline = Environment.TickCount64 + 30_000;
        var value = read();
        while (!done(value) && Environment.TickCount64 < deadline)
        {
            await Task.Delay(100);
            value = read();
        }

        return value;
    }
}

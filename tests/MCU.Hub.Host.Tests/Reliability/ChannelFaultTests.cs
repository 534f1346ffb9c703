using System.Diagnostics;
using MCU.Hub.Emulators.Pos;
using MCU.Hub.Grpc.V1;
using MCU.Hub.Host.Channels;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MCU.Hub.Host.Tests.Reliability;

/// <summary>
/// The external system slow, then failing, then flapping while messages keep arriving: the hub keeps serving its
/// API, reports the channel's error, and once the system is well again has every message exactly once.
/// </summary>
/// <remarks>Minutes of a real outage are compressed to seconds: the timeouts and back-off are scaled down alike.</remarks>
public sealed class ChannelFaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task PosChannel_SlowThenFailingThenFlapping_ApiStaysUpAndNothingIsLostOrDoubled()
    {
        await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions
        {
            TotalMessages = 600, InitialMessages = 50, MessagesPerSecond = 40, Seed = 17, Token = "fault-token",
        });
        var settings = new Dictionary<string, string?>(ReliabilityGrpc.HostSettings)
        {
            ["McuHub:Host:PluginsPath"] = "plugins",
            ["McuHub:Channels:pos:Enabled"] = "true",
            ["McuHub:Channels:pos:PollInterval"] = "00:00:00.100",
            ["McuHub:Channels:pos:BatchSize"] = "40",
            ["McuHub:Channels:pos:AttemptTimeout"] = "00:00:00.300",
            ["McuHub:Channels:pos:MaxRetries"] = "1",
            ["McuHub:Channels:pos:RetryDelay"] = "00:00:00.050",
            ["McuHub:Channels:pos:BreakDuration"] = "00:00:00.500",
            ["McuHub:Channels:pos:MaxBackoff"] = "00:00:00.500",
            ["McuHub:Channels:pos:MaxRequestsPerSecond"] = "0",
            ["McuHub:Channels:pos:Settings:BaseAddress"] = emulator.BaseAddress.AbsoluteUri,
            ["McuHub:Channels:pos:Settings:Token"] = "fault-token",
        };
        await using var host = await TestHost.StartAsync(TestHost.NewDatabasePath(), settings);
        using var channel = ReliabilityGrpc.CreateChannel(host.Address);
        var messages = new MessageService.MessageServiceClient(channel);
        var status = host.App.Services.GetRequiredService<ChannelStatusRegistry>();
        var apiCalls = 0;
        var slowestApiCall = TimeSpan.Zero;

        async Task ApiWhileAsync(TimeSpan duration, Action<int>? tick = null)
        {
            var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            for (var i = 0; Stopwatch.GetTimestamp() < end; i++)
            {
                tick?.Invoke(i);
                var watch = Stopwatch.StartNew();
                var reply = await messages.SubmitMessageAsync(new SubmitMessageRequest { Channel = "api", ExternalId = $"api-{apiCalls++}", Text = "Не горит фонарь у дома 3" });
                Assert.False(string.IsNullOrEmpty(reply.Id));
                if (watch.Elapsed > slowestApiCall)
                    slowestApiCall = watch.Elapsed;
                await Task.Delay(100);
            }
        }

        // Slow: every answer takes longer than the attempt timeout.
        emulator.DelayResponses(TimeSpan.FromMilliseconds(600));
        await ApiWhileAsync(TimeSpan.FromSeconds(4));
        var slow = status.Find("pos")!;
        output.WriteLine($"slow: {slow.ConsecutiveFailures} failures in a row, last error «{slow.LastError}»");
        Assert.True(slow.ConsecutiveFailures > 0);
        Assert.False(string.IsNullOrEmpty(slow.LastError));

        // Failing: every request answers 503.
        emulator.DelayResponses(TimeSpan.Zero);
        emulator.FailNext(1_000_000, 503);
        await ApiWhileAsync(TimeSpan.FromSeconds(4));
        output.WriteLine($"failing: {slow.ConsecutiveFailures} failures in a row, last error «{slow.LastError}»");
        Assert.True(status.Find("pos")!.ConsecutiveFailures > 0);

        // The last error is the 503 itself or the circuit breaker that opened on it.
        Assert.False(string.IsNullOrEmpty(status.Find("pos")!.LastError));

        // Flapping: bursts of failures (500 and 429) between good answers.
        emulator.FailNext(0, 503);
        await ApiWhileAsync(TimeSpan.FromSeconds(6), i =>
        {
            if (i % 4 == 0)
                emulator.FailNext(3, i % 8 == 0 ? 500 : 429);
        });

        // Well again: everything published arrives, once.
        emulator.FailNext(0, 503);
        var deadline = Environment.TickCount64 + 60_000;
        while (await host.Store.CountMessagesAsync(CancellationToken.None) < 600 + apiCalls && Environment.TickCount64 < deadline)
            await Task.Delay(200);
        await Task.Delay(500);
        Assert.Equal(600 + apiCalls, await host.Store.CountMessagesAsync(CancellationToken.None));
        foreach (var message in emulator.Messages)
            Assert.NotNull(await host.Store.FindBySourceAsync("pos", message.Id, CancellationToken.None));
        Assert.Equal(0, status.Find("pos")!.ConsecutiveFailures);
        output.WriteLine($"{apiCalls} API calls during the faults, the slowest {slowestApiCall.TotalMilliseconds:N0} ms; {emulator.RequestCount} requests to the emulator");
    }
}

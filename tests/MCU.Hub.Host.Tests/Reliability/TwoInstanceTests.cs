using Grpc.Core;
using MCU.Hub.Emulators.Pos;
using MCU.Hub.Grpc.V1;
using Npgsql;

namespace MCU.Hub.Host.Tests.Reliability;

/// <summary>
/// Two host processes on one PostgreSQL database (<c>MCUHUB_TEST_POSTGRES</c>): one runs the ПОС channel, is killed
/// with SIGKILL mid-ingest, and the other takes the channel over; every item is stored exactly once.
/// </summary>
public sealed class TwoInstanceTests
{
    private const string Variable = "MCUHUB_TEST_POSTGRES";

    [Fact]
    public async Task ChannelOwnerKilledMidIngest_OtherInstanceTakesOver_EveryItemStoredExactlyOnce()
    {
        var server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set: the two-instance test needs a PostgreSQL server whose user may CREATE DATABASE (.ci/run starts one).");
        var database = "mcuhub_two_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(server, $"CREATE DATABASE {database}");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        var folder = Path.Combine(Path.GetTempPath(), "mcu-hub-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(folder);
        try
        {
            // One synthetic message at start; the test feeds the rest, so the kill is mid-stream however slow the machine is.
            await using var emulator = await PosEmulator.StartAsync(new PosEmulatorOptions { TotalMessages = 1, InitialMessages = 1, Seed = 23, Token = "secret" });
            string[] Args(string instance) =>
            [
                "--McuHub:Storage:Provider=postgresql",
                $"--McuHub:Storage:ConnectionString={connectionString}",
                $"--McuHub:Storage:PostgreSql:InstanceId={instance}",
                "--McuHub:Storage:PostgreSql:LeaseDuration=00:00:03",
                "--McuHub:Storage:PostgreSql:LeaseRenewInterval=00:00:00.500",
                "--McuHub:Storage:PostgreSql:EventPollInterval=00:00:00.500",
                "--McuHub:Host:PluginsPath=plugins",
                "--McuHub:Channels:pos:Enabled=true",
                "--McuHub:Channels:pos:PollInterval=00:00:00.100",
                "--McuHub:Channels:pos:BatchSize=20",
                "--McuHub:Channels:pos:RetryDelay=00:00:00.050",
                $"--McuHub:Channels:pos:Settings:BaseAddress={emulator.BaseAddress.AbsoluteUri}",
                "--McuHub:Channels:pos:Settings:Token=secret",
            ];

            var hosts = new Dictionary<string, HostProcess>
            {
                ["instance-a"] = await HostProcess.StartAsync(Path.Combine(folder, "a.db"), Args("instance-a")),
                ["instance-b"] = await HostProcess.StartAsync(Path.Combine(folder, "b.db"), Args("instance-b")),
            };
            try
            {
                await WaitUntilAsync(async () => await CountAsync(connectionString, "SELECT count(*) FROM messages") >= 1, "no instance ran the ПОС channel");
                var owner = (await LeaseHolderAsync(connectionString))!;
                var survivor = hosts.Keys.Single(k => k != owner);

                // A subscriber of the standby instance sees, live, the events the owner writes.
                using var live = new CancellationTokenSource();
                var seen = 0L;
                var subscriber = Task.Run(async () =>
                {
                    using var call = new EventService.EventServiceClient(hosts[survivor].Channel).SubscribeEvents(new SubscribeEventsRequest(), cancellationToken: live.Token);
                    await foreach (var e in call.ResponseStream.ReadAllAsync(live.Token))
                        Interlocked.Exchange(ref seen, e.Sequence);
                });
                await FeedAsync(emulator, 0, 400);

                // Mid-ingest: the owner has stored part of what the emulator holds.
                await WaitUntilAsync(async () => await CountAsync(connectionString, "SELECT count(*) FROM messages") >= 250, owner + " stored too little");
                Assert.Equal(owner, await LeaseHolderAsync(connectionString));
                var written = await CountAsync(connectionString, "SELECT last FROM event_counter");
                await WaitUntilAsync(() => Task.FromResult(Interlocked.Read(ref seen) >= written), "the standby's subscriber missed the owner's events");
                await live.CancelAsync();
                await Assert.ThrowsAnyAsync<Exception>(() => subscriber);
                hosts[owner].Kill();
                var atKill = await CountAsync(connectionString, "SELECT count(*) FROM messages");
                Assert.True(atKill < 800, $"the whole stream was stored before the kill ({atKill})");
                await FeedAsync(emulator, 400, 399);

                await WaitUntilAsync(async () => await LeaseHolderAsync(connectionString) == survivor, survivor + " never took the channel over");
                await AssertEveryItemOnceAsync(connectionString, emulator, hosts[survivor]);
            }
            finally
            {
                foreach (var host in hosts.Values)
                    await host.DisposeAsync();
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
                    break;
                }
                catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse && attempt < 50)
                {
                    // An autovacuum worker still in the database, which a non-superuser may not end: wait it out.
                    await Task.Delay(200);
                }
            }
            try
            {
                System.IO.Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task AssertEveryItemOnceAsync(string connectionString, PosEmulator emulator, HostProcess survivor)
    {
        await WaitUntilAsync(async () => await CountAsync(connectionString, "SELECT count(*) FROM messages") >= 800, "the survivor did not finish the stream");
        await Task.Delay(1500);

        Assert.Equal(800, await CountAsync(connectionString, "SELECT count(*) FROM messages"));
        Assert.Equal(800, await CountAsync(connectionString, "SELECT count(DISTINCT external_id) FROM messages WHERE channel = 'pos'"));
        var stored = new HashSet<string>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT external_id FROM messages", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                stored.Add(reader.GetString(0));
        }

        Assert.All(emulator.Messages, m => Assert.Contains(m.Id, stored));
        var events = await CountAsync(connectionString, "SELECT count(*) FROM events");
        Assert.Equal(events, await CountAsync(connectionString, "SELECT coalesce(max(sequence), 0) FROM events"));

        // The survivor serves the API and the event stream over what both instances wrote.
        var messages = new MessageService.MessageServiceClient(survivor.Channel);
        var page = await messages.ListMessagesAsync(new ListMessagesRequest { PageSize = 5 });
        Assert.Equal(5, page.Messages.Count);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var call = new EventService.EventServiceClient(survivor.Channel).SubscribeEvents(new SubscribeEventsRequest(), cancellationToken: cts.Token);
        long expected = 1;
        await foreach (var e in call.ResponseStream.ReadAllAsync(cts.Token))
        {
            Assert.Equal(expected++, e.Sequence);
            if (e.Sequence == events)
                break;
        }

        Assert.Equal(events + 1, expected);
    }

    private static async Task FeedAsync(PosEmulator emulator, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            emulator.Add(new PosMessage
            {
                Id = "t-" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture),
                CreatedAt = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(3)).AddSeconds(i),
                Text = $"Обращение {i}: во дворе дома {i % 50 + 1} по улице Мира не вывозят мусор",
                Address = $"ул. Мира, {i % 50 + 1}",
            });
            if (i % 40 == 39)
                await Task.Delay(100);
        }
    }

    private static async Task<string?> LeaseHolderAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT owner FROM channel_leases WHERE channel = 'pos' AND expires_at >= now()", connection);
        return await command.ExecuteScalarAsync() as string;
    }

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Polls a condition; the limit only stops a broken run, it asserts nothing about speed.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        var limit = Environment.TickCount64 + 120_000;
        while (!await condition())
        {
            Assert.True(Environment.TickCount64 < limit, failure);
            await Task.Delay(100);
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using MCU.Hub.Grpc.V1;

namespace MCU.Hub.Host.Tests.Reliability;

/// <summary>Acknowledged means durable: the host is killed with SIGKILL while clients submit, and restarted.</summary>
public sealed class CrashSafetyTests
{
    private static SubmitMessageRequest Request(string externalId) => new()
    {
        Channel = "api",
        ExternalId = externalId,
        Text = $"Обращение {externalId}: на дороге яма, прошу отремонтировать",
    };

    [Fact]
    public async Task SubmitMessage_HostKilledRepeatedly_EveryAcknowledgedMessageSurvivesExactlyOnceWithItsAuditEntry()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mcu-hub-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, "hub.db");
        var acknowledged = new ConcurrentDictionary<string, string>();
        var attempted = new ConcurrentDictionary<string, bool>();
        var random = new Random(20261123);
        var next = 0;

        for (var round = 0; round < 5; round++)
        {
            await using var host = await HostProcess.StartAsync(database);
            var client = new MessageService.MessageServiceClient(host.Channel);
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var externalId = "crash-" + Interlocked.Increment(ref next);
                    attempted[externalId] = true;
                    try
                    {
                        var reply = await client.SubmitMessageAsync(Request(externalId), cancellationToken: stop.Token);
                        acknowledged[externalId] = reply.Id;
                    }
                    catch (RpcException)
                    {
                        return;
                    }
                }
            })).ToArray();

            // The kill comes at a random moment once this round has acknowledged some messages, so that a slow (loaded)
            // machine still kills the host under load rather than while it is starting.
            var before = acknowledged.Count;
            var started = Stopwatch.StartNew();
            while (acknowledged.Count - before < 25 && started.Elapsed < TimeSpan.FromSeconds(30) && writers.Any(w => !w.IsCompleted))
                await Task.Delay(20);
            await Task.Delay(random.Next(0, 1100));
            host.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        Assert.True(acknowledged.Count > 100, $"only {acknowledged.Count} acknowledged");
        await using (var host = await HostProcess.StartAsync(database))
        {
            var client = new MessageService.MessageServiceClient(host.Channel);

            // Every acknowledged submit has its audit entry (read before the submits below add entries of their own).
            var audited = new HashSet<string>(StringComparer.Ordinal);
            var cursor = "";
            do
            {
                var page = await new AuditService.AuditServiceClient(host.Channel).ListAuditEntriesAsync(new ListAuditEntriesRequest { PageSize = 1000, PageToken = cursor });
                foreach (var e in page.Entries.Where(e => e.Operation == "/mcu.hub.v1.MessageService/SubmitMessage" && e.Outcome == "OK"))
                    audited.Add(e.Target);
                cursor = page.NextPageToken;
            }
            while (cursor.Length > 0);

            foreach (var (externalId, id) in acknowledged)
                Assert.True(audited.Contains(id), $"{externalId} was acknowledged as {id} but has no audit entry");

            // Every acknowledged message is there under the id it was acknowledged with.
            foreach (var (externalId, id) in acknowledged)
            {
                var again = await client.SubmitMessageAsync(Request(externalId));
                Assert.True(again.Duplicate, $"{externalId} was acknowledged but is gone");
                Assert.Equal(id, again.Id);
            }

            // Nothing is stored twice: each attempted id is one message at most.
            var ids = new HashSet<string>();
            var token = "";
            do
            {
                var page = await client.ListMessagesAsync(new ListMessagesRequest { PageSize = 1000, PageToken = token });
                foreach (var m in page.Messages)
                    Assert.True(ids.Add(m.ExternalId), $"{m.ExternalId} stored twice");
                token = page.NextPageToken;
            }
            while (token.Length > 0);

            Assert.Subset(attempted.Keys.ToHashSet(), ids);
            Assert.Superset(acknowledged.Keys.ToHashSet(), ids);
        }

        System.IO.Directory.Delete(folder, recursive: true);
    }
}

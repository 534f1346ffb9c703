using System.Collections.Concurrent;
using Grpc.Core;
using MCU.Hub.Audit;
using MCU.Hub.Grpc.V1;
using Microsoft.Extensions.DependencyInjection;

namespace MCU.Hub.Host.Tests.Security;

/// <summary>
/// The audit entry of a unary submit, which rides in the intake's own transaction on the LiteDB store, through the
/// real server: one entry per call, naming the stored message, and the failure entry of a refused call.
/// </summary>
public sealed class SubmitAuditTests
{
    private const string SubmitMethod = "/mcu.hub.v1.MessageService/SubmitMessage";

    private static SubmitMessageRequest Request(string externalId, string text = "Яма на дороге у дома 5, прошу заделать") => new()
    {
        Channel = "api",
        ExternalId = externalId,
        Text = text,
        Address = "ул. Ленина, 5",
    };

    private static async Task<List<Hub.Grpc.V1.AuditEntry>> SubmitEntriesAsync(TestHost host)
    {
        var audit = await new AuditService.AuditServiceClient(host.Channel).ListAuditEntriesAsync(new ListAuditEntriesRequest { PageSize = 1000 });
        return [.. audit.Entries.Where(e => e.Operation == SubmitMethod)];
    }

    [Fact]
    public async Task SubmitMessage_WritesExactlyOneEntry_NamingTheStoredMessage()
    {
        await using var host = await TestHost.StartAsync(TestHost.NewDatabasePath());
        var client = new MessageService.MessageServiceClient(host.Channel);

        var reply = await client.SubmitMessageAsync(Request("audit-1"));
        var entries = await SubmitEntriesAsync(host);

        var entry = Assert.Single(entries);
        Assert.False(reply.Duplicate);
        Assert.Equal("test-admin", entry.Credential);
        Assert.Equal(reply.Id, entry.Target);
        Assert.Equal("OK", entry.Outcome);
        Assert.Equal("", entry.Error);
        Assert.Contains("audit-1", entry.Request, StringComparison.Ordinal);
        Assert.Equal(32, entry.Id.Length);
        Assert.InRange(entry.At.ToDateTimeOffset(), TimeProvider.System.GetUtcNow().AddMinutes(-1), TimeProvider.System.GetUtcNow().AddMinutes(1));
    }

    [Fact]
    public async Task SubmitMessage_Duplicate_WritesOneMoreEntry_NamingTheMessageStoredBefore()
    {
        await using var host = await TestHost.StartAsync(TestHost.NewDatabasePath());
        var client = new MessageService.MessageServiceClient(host.Channel);

        var first = await client.SubmitMessageAsync(Request("audit-dup"));
        var again = await client.SubmitMessageAsync(Request("audit-dup"));
        var entries = await SubmitEntriesAsync(host);

        Assert.True(again.Duplicate);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(first.Id, e.Target));
        Assert.All(entries, e => Assert.Equal("OK", e.Outcome));
        Assert.Equal(2, entries.Select(e => e.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task SubmitMessage_Refused_WritesItsFailureEntryOnly()
    {
        await using var host = await TestHost.StartAsync(TestHost.NewDatabasePath());
        var client = new MessageService.MessageServiceClient(host.Channel);

        var refused = await Assert.ThrowsAsync<RpcException>(() => client.SubmitMessageAsync(Request("audit-empty", text: "")).ResponseAsync);
        var entries = await SubmitEntriesAsync(host);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        var entry = Assert.Single(entries);
        Assert.Equal("InvalidArgument", entry.Outcome);
        Assert.Equal("", entry.Target);
        Assert.Equal("test-admin", entry.Credential);
        Assert.NotEqual("", entry.Error);
        Assert.Equal(0, await host.Store.CountMessagesAsync(CancellationToken.None));
    }

    /// <summary>A hub with an audit log of its own (as a PostgreSQL hub may have): the store writes nothing to its file, the log gets the entry.</summary>
    [Fact]
    public async Task SubmitMessage_WithAnAuditLogOfItsOwn_TheLogGetsTheEntryAndTheStoreWritesNone()
    {
        var log = new RecordingAuditLog();
        var database = TestHost.NewDatabasePath();
        SubmitMessageResponse reply, again;
        await using (var host = await TestHost.StartAsync(database, configure: b => b.Services.AddSingleton<IAuditLog>(log)))
        {
            var client = new MessageService.MessageServiceClient(host.Channel);
            reply = await client.SubmitMessageAsync(Request("own-log"));
            again = await client.SubmitMessageAsync(Request("own-log"));
        }

        // The same file under the default log: what the store wrote into the file's audit collection.
        List<Hub.Grpc.V1.AuditEntry> inFile;
        await using (var host = await TestHost.StartAsync(database))
            inFile = await SubmitEntriesAsync(host);

        Assert.True(again.Duplicate);
        Assert.Empty(inFile);
        var entries = log.Entries.Where(e => e.Operation == SubmitMethod).ToList();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(reply.Id, e.Target));
        Assert.All(entries, e => Assert.Equal("OK", e.Outcome));
        Assert.All(entries, e => Assert.Equal("test-admin", e.Credential));
    }

    private sealed class RecordingAuditLog : IAuditLog
    {
        public ConcurrentQueue<Audit.AuditEntry> Entries { get; } = new();

        public Task AppendAsync(Audit.AuditEntry entry, CancellationToken cancellationToken)
        {
            Entries.Enqueue(entry);
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<Audit.AuditEntry>> ListAsync(IReadOnlyCollection<string> tenants, string? before, int maxCount, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Audit.AuditEntry>>([.. Entries]);
    }
}

using MCU.Hub.Audit;
using MCU.Hub.Intake;

namespace MCU.Hub.Core.Tests.Intake;

/// <summary>The audit entry of a call that rides in the intake's transaction (<see cref="AuditScope"/>).</summary>
public sealed class IntakeAuditTests
{
    private static AuditEntry Pending() => new() { Credential = "operator", Tenant = "", Operation = "/mcu.hub.v1.MessageService/SubmitMessage", Request = "{}", Outcome = "OK" };

    [Fact]
    public async Task SubmitAsync_InAScope_WritesTheEntryWithTheMessage_AlsoForADuplicate()
    {
        await using var hub = new TestHub();
        var log = hub.Get<IAuditLog>();
        var intake = hub.Get<IMessageIntake>();

        SubmitResult first, again;
        AuditScope firstScope, againScope;
        using (firstScope = AuditScope.Begin(Pending()))
            first = await intake.SubmitAsync("api", TestHub.Item("A-1"), "api:operator", CancellationToken.None);
        using (againScope = AuditScope.Begin(Pending()))
            again = await intake.SubmitAsync("api", TestHub.Item("A-1"), "api:operator", CancellationToken.None);
        var entries = await log.ListAsync([], null, 10, CancellationToken.None);

        Assert.True(firstScope.Written);
        Assert.True(againScope.Written);
        Assert.True(again.Duplicate);
        Assert.Null(AuditScope.Current);
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(first.MessageId, e.Target));
        Assert.All(entries, e => Assert.Equal(hub.Time.GetUtcNow(), e.At));
        Assert.Equal(new[] { firstScope.Entry.Id, againScope.Entry.Id }.Order(StringComparer.Ordinal), entries.Select(e => e.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SubmitAsync_ConcurrentScopes_EachEntryNamesItsOwnMessage()
    {
        await using var hub = new TestHub();
        var log = hub.Get<IAuditLog>();
        var intake = hub.Get<IMessageIntake>();

        // Concurrent calls are committed as one group: each entry's target is moved to its own item.
        var calls = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            using var scope = AuditScope.Begin(Pending());
            var result = await intake.SubmitAsync("api", TestHub.Item("C-" + (i % 30)), "api:operator", CancellationToken.None);
            return (scope, result);
        })));
        var entries = await log.ListAsync([], null, 100, CancellationToken.None);

        Assert.All(calls, c => Assert.True(c.scope.Written));
        Assert.Equal(40, entries.Count);
        Assert.Equal(calls.Select(c => (c.scope.Entry.Id, c.result.MessageId)).OrderBy(p => p.Id, StringComparer.Ordinal),
            entries.Select(e => (e.Id, e.Target)).OrderBy(p => p.Id, StringComparer.Ordinal));
    }

    [Fact]
    public async Task SubmitAsync_OneScope_OnlyTheFirstWriteCarriesItsEntry()
    {
        await using var hub = new TestHub();
        var log = hub.Get<IAuditLog>();
        var intake = hub.Get<IMessageIntake>();

        using var scope = AuditScope.Begin(Pending());
        var first = await intake.SubmitAsync("api", TestHub.Item("O-1"), "api:operator", CancellationToken.None);
        await intake.SubmitAsync("api", TestHub.Item("O-2"), "api:operator", CancellationToken.None);

        var entry = Assert.Single(await log.ListAsync([], null, 10, CancellationToken.None));
        Assert.Equal(first.MessageId, entry.Target);
    }

    [Fact]
    public async Task SubmitBatchAsync_InAScope_LeavesTheEntryToTheCaller()
    {
        await using var hub = new TestHub();
        var log = hub.Get<IAuditLog>();

        using var scope = AuditScope.Begin(Pending());
        await hub.Get<IMessageIntake>().SubmitBatchAsync("api", [TestHub.Item("B-1"), TestHub.Item("B-2")], null, "api:operator", CancellationToken.None);

        Assert.False(scope.Written);
        Assert.Empty(await log.ListAsync([], null, 10, CancellationToken.None));
    }

    /// <summary>An engine whose audit log is not the store file's (none resolved here): the store leaves the entry to it.</summary>
    [Fact]
    public async Task SubmitAsync_StoreWithoutItsAuditLog_LeavesTheScopeUnwritten()
    {
        await using var hub = new TestHub();

        using var scope = AuditScope.Begin(Pending());
        await hub.Get<IMessageIntake>().SubmitAsync("api", TestHub.Item("N-1"), "api:operator", CancellationToken.None);

        Assert.False(scope.Written);
        Assert.Empty(await hub.Get<IAuditLog>().ListAsync([], null, 10, CancellationToken.None));
    }
}

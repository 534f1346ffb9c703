using MCU.Hub.Deadlines;
using MCU.Hub.FastTrack;
using MCU.Hub.Intake;
using MCU.Hub.Messages;
using MCU.Hub.Routing;
using MCU.Hub.Storage;

namespace MCU.Hub.Core.Tests.FastTrack;

public sealed class FastTrackTests
{
    // Friday 6 March 2026, 10:00 in Moscow; Women's Day falls on Sunday 8 March, so Monday 9 March is a holiday too.
    private static readonly DateTimeOffset Friday = new(2026, 3, 6, 10, 0, 0, TimeSpan.FromHours(3));

    private static FastTrackEntry Entry(double amount = 1, double maxExtension = 0) => new()
    {
        Code = "pothole", Title = "Опасная яма на проезжей части", Executor = "utilities", Unit = DeadlineUnit.WorkingDays, Amount = amount, MaxExtension = maxExtension,
    };

    private static RoutingRule Rule(string code = "pothole") => new() { Name = "Ямы", Order = 0, AnyWords = ["ям"], FastTrackEntry = code };

    [Fact]
    public async Task Intake_AppliesTheEntry_ExecutorDeadlineAcrossTheHoliday_AndExtensionByItsPolicy()
    {
        await using var hub = new TestHub();
        hub.Time.SetUtcNow(Friday);
        await hub.Get<FastTrackService>().CreateAsync("", Entry(amount: 1, maxExtension: 2), "test", CancellationToken.None);
        await hub.Get<IRuleStore>().SaveAsync([Rule(), .. (await hub.Get<IRuleStore>().GetCurrentAsync(CancellationToken.None)).Rules], "test", null, CancellationToken.None);

        var result = await hub.Get<IMessageIntake>().SubmitAsync("api", TestHub.Item("ft-1"), "test", CancellationToken.None);
        var message = (await hub.Get<IHubStore>().GetMessageAsync(result.MessageId!, CancellationToken.None))!;

        Assert.Equal(["utilities"], message.Recipients);
        Assert.True(message.FastTrack);
        Assert.True(message.AutomatedDelivery);
        Assert.Equal("pothole", message.FastTrackEntry);
        // One working day after Friday: Saturday, Sunday and the Monday holiday are skipped, so Tuesday 10 March.
        Assert.Equal(new DateTimeOffset(2026, 3, 11, 0, 0, 0, TimeSpan.FromHours(3)), message.DueAt);

        // The entry's policy is found by name like a configured one: extension within its maximum.
        var extended = await hub.Get<MessageOperations>().ExtendDeadlineAsync(message.Id, 1, "нужна техника", "test", CancellationToken.None);
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 0, 0, 0, TimeSpan.FromHours(3)), extended.DueAt);
        var error = await Assert.ThrowsAsync<HubValidationException>(() => hub.Get<MessageOperations>().ExtendDeadlineAsync(message.Id, 2, "ещё", "test", CancellationToken.None));
        Assert.Equal("amount", error.Field);
    }

    [Fact]
    public async Task RuleNamingAnUnknownEntry_IsRejected_NamingTheField_AndAnotherMunicipalitysEntryIsUnknown()
    {
        await using var hub = new TestHub(o =>
        {
            o.Oktmo = "71879000";
            o.Tenants = [new() { Oktmo = "71879000" }, new() { Oktmo = "71878000" }];
        });
        var store = hub.Get<IRuleStore>();
        var error = await Assert.ThrowsAsync<RuleSetValidationException>(() => store.SaveAsync([Rule()], "test", null, CancellationToken.None));
        var problem = Assert.Single(error.Errors);
        Assert.Equal(nameof(RoutingRule.FastTrackEntry), problem.Field);
        Assert.Equal("Ямы", problem.Rule);

        await hub.Get<FastTrackService>().CreateAsync("71879000", Entry(), "test", CancellationToken.None);
        await store.SaveAsync([Rule()], "test", null, CancellationToken.None);
        var other = await Assert.ThrowsAsync<RuleSetValidationException>(() => hub.Get<TenantRuleStores>().For("71878000").SaveAsync([Rule()], "test", null, CancellationToken.None));
        Assert.Equal(nameof(RoutingRule.FastTrackEntry), Assert.Single(other.Errors).Field);

        var both = await Assert.ThrowsAsync<RuleSetValidationException>(() => store.SaveAsync([new RoutingRule { Name = "Ямы", FastTrackEntry = "pothole", DeadlinePolicy = "59-fz" }], "test", null, CancellationToken.None));
        Assert.Equal(nameof(RoutingRule.DeadlinePolicy), Assert.Single(both.Errors).Field);
    }

    [Fact]
    public async Task EntryGoneSinceTheRuleWasSaved_LeavesTheMessageToManualTriage_WithAWarning()
    {
        await using var hub = new TestHub();
        var entry = await hub.Get<FastTrackService>().CreateAsync("", Entry(), "test", CancellationToken.None);
        await hub.Get<IRuleStore>().SaveAsync([Rule()], "test", null, CancellationToken.None);
        // Another instance removed it behind this one's back (the service itself refuses while a rule names it).
        Assert.True(await hub.Get<IDocumentStore>().DeleteAsync(entry, CancellationToken.None));
        await hub.Get<FastTrackCatalog>().ReloadAsync(CancellationToken.None);

        var decision = hub.Get<IMessageRouter>().Route(new HubMessage { Id = "x", Text = "Яма на дороге", Channel = "api" });

        Assert.False(decision.FastTrack);
        Assert.Empty(decision.Recipients);
        Assert.Null(decision.FastTrackEntry);
        Assert.Contains(decision.Warnings, w => w.Contains("pothole", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Explanation_ShowsWhatTheEntryDecides()
    {
        await using var hub = new TestHub();
        await hub.Get<FastTrackService>().CreateAsync("", Entry(), "test", CancellationToken.None);
        await hub.Get<IRuleStore>().SaveAsync([Rule()], "test", null, CancellationToken.None);

        var preview = hub.Get<RuleExplainer>().Explain(new HubMessage { Id = "x", Text = "Яма во дворе", Channel = "api", RegisteredAt = Friday });

        Assert.Equal(["utilities"], preview.Decision.Recipients);
        Assert.True(preview.Decision.FastTrack);
        Assert.Equal(FastTrackEntry.PolicyNameOf("", "pothole"), preview.Decision.DeadlinePolicy);
    }

    [Fact]
    public async Task DeletingAnEntryARuleNames_IsRefused()
    {
        await using var hub = new TestHub();
        var service = hub.Get<FastTrackService>();
        await service.CreateAsync("", Entry(), "test", CancellationToken.None);
        await hub.Get<IRuleStore>().SaveAsync([Rule()], "test", null, CancellationToken.None);
        var error = await Assert.ThrowsAsync<HubValidationException>(() => service.DeleteAsync("", "pothole", CancellationToken.None));
        Assert.Equal("code", error.Field);

        await hub.Get<IRuleStore>().SaveAsync([], "test", null, CancellationToken.None);
        await service.DeleteAsync("", "pothole", CancellationToken.None);
        Assert.Null(hub.Get<FastTrackCatalog>().Find("", "pothole"));
        await Assert.ThrowsAsync<FastTrackEntryNotFoundException>(() => service.GetAsync("", "pothole", CancellationToken.None));
    }
}

using MCU.Hub.Intake;
using MCU.Hub.Messages;
using MCU.Hub.Routing;
using MCU.Hub.Storage;

namespace MCU.Hub.Core.Tests.Routing;

public sealed class RuleExplainerTests
{
    private static readonly RoutingRule[] Draft =
    [
        new RoutingRule { Name = "Ямы — подрядчику", Order = 1, AnyWords = ["ям", "выбоин"], Recipients = ["utilities"], FastTrack = true, Tags = ["ямы"] },
        new RoutingRule { Name = "ЖКХ", Order = 2, Categories = ["housing-utilities"], Recipients = ["utilities"] },
    ];

    [Fact]
    public async Task DryRunAsync_Draft_ReportsWhatWouldChangeAndLeavesTheStoreByteForByteUnchanged()
    {
        await using var hub = new TestHub();
        var intake = hub.Get<IMessageIntake>();
        foreach (var (channel, item) in new[]
        {
            ("pos", TestHub.Item("D-1", "Огромная яма на дороге")),
            ("pos", TestHub.Item("D-2", "Нет отопления, батареи холодные")),
            ("pos", TestHub.Item("D-3", "Сугробы на тротуаре")),
            ("api", TestHub.Item("D-4", "Прошу разъяснить порядок", address: null)),
        })
        {
            await intake.SubmitAsync(channel, item, "test", CancellationToken.None);
            hub.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var explainer = hub.Get<RuleExplainer>();
        var rules = hub.Get<IRuleStore>();
        var before = TestFiles.Hash(hub.DatabasePath);
        var versions = await rules.ListVersionsAsync(CancellationToken.None);

        var report = await explainer.DryRunAsync(Draft, lastMessages: 10, CancellationToken.None);
        var current = await explainer.DryRunAsync(draft: null, lastMessages: 2, CancellationToken.None);

        Assert.Equal(before, TestFiles.Hash(hub.DatabasePath));
        Assert.Equal(versions.Select(v => v.Version), (await rules.ListVersionsAsync(CancellationToken.None)).Select(v => v.Version));
        Assert.Equal(1, rules.Current.Version);

        Assert.Equal(0, report.RuleSetVersion);
        Assert.Equal(4, report.Messages);
        Assert.Equal(["D-4", "D-3", "D-2", "D-1"], report.Items.Select(i => i.ExternalId));
        Assert.Equal(new Dictionary<string, int> { ["Ямы — подрядчику"] = 1, ["ЖКХ"] = 1 }, report.RuleHits);

        var pothole = report.Items.Single(i => i.ExternalId == "D-1");
        Assert.True(pothole.WouldChange);
        Assert.Equal(["Ямы — подрядчику"], pothole.Decision.MatchedRules);
        Assert.Contains(pothole.Changes, c => c.Field == "recipients" && c.Old == "roads-dept" && c.New == "utilities");
        Assert.Contains(pothole.Changes, c => c.Field == "routed_by_rule" && c.Old == "Дороги" && c.New == "Ямы — подрядчику");
        Assert.Contains(pothole.Changes, c => c.Field == "fast_track" && c.Old == "False" && c.New == "True");
        Assert.Contains(pothole.Changes, c => c.Field == "tags" && c.New == "ямы");
        Assert.Contains(pothole.Decision.Explanations, e => e.Rule == "Ямы — подрядчику" && e.Matched && e.Conditions.Single().Detail == "найдено «яма» по «ям»");

        var heating = report.Items.Single(i => i.ExternalId == "D-2");
        Assert.False(heating.WouldChange);

        var snow = report.Items.Single(i => i.ExternalId == "D-3");
        Assert.True(snow.ToManualTriage);
        Assert.Contains(snow.Changes, c => c.Field == "recipients" && c.Old == "roads-dept" && c.New == "");
        Assert.Contains(snow.Changes, c => c.Field == "status" && c.Old == "Routed" && c.New == "New");
        Assert.Equal(2, report.Changed);
        Assert.Equal(2, report.ToManualTriage);

        Assert.Equal(1, current.RuleSetVersion);
        Assert.Equal(2, current.Messages);
        Assert.Equal(0, current.Changed);
    }

    [Fact]
    public async Task ExplainAsync_StoredMessage_ExplainsEveryRuleOfTheSetInForce()
    {
        await using var hub = new TestHub();
        var result = await hub.Get<IMessageIntake>().SubmitAsync("pos", TestHub.Item("E-1", "Батареи холодные"), "test", CancellationToken.None);

        var preview = await hub.Get<RuleExplainer>().ExplainAsync(result.MessageId!, draft: null, CancellationToken.None);

        Assert.False(preview.WouldChange);
        Assert.Equal(1, preview.Decision.RuleSetVersion);
        Assert.Equal([new MatchedRule("ЖКХ", 1)], preview.Decision.Matches);
        Assert.Equal(["Дороги", "ЖКХ"], preview.Decision.Explanations.Select(e => e.Rule));
        var roads = preview.Decision.Explanations[0];
        Assert.False(roads.Matched);
        Assert.Equal("категория «heating» (блок «housing-utilities») не входит в [roads]", roads.Conditions.Single().Detail);
        await Assert.ThrowsAsync<MessageNotFoundException>(() => hub.Get<RuleExplainer>().ExplainAsync("nope", null, CancellationToken.None));
    }

    [Fact]
    public async Task Explain_UnstoredMessageAndDraft_ChangesNothingOnTheMessage()
    {
        await using var hub = new TestHub();
        var explainer = hub.Get<RuleExplainer>();
        var message = new HubMessage { Id = "x", Channel = "pos", Text = "Выбоины на дороге", Block = "roads", Category = "road-repair" };

        var preview = explainer.Explain(message, explainer.CompileDraft(Draft));

        Assert.Equal(["utilities"], preview.Decision.Recipients);
        Assert.Empty(message.Recipients);
        Assert.Equal(MessageStatus.New, message.Status);
        Assert.Contains(preview.Changes, c => c.Field == "status" && c.Old == "New" && c.New == "Routed");
    }

    [Fact]
    public async Task DryRunAsync_InvalidDraftOrCount_IsRefused()
    {
        await using var hub = new TestHub();
        var explainer = hub.Get<RuleExplainer>();

        var error = await Assert.ThrowsAsync<RuleSetValidationException>(() => explainer.DryRunAsync([new RoutingRule { Name = "r", Recipients = ["nobody"] }], 10, CancellationToken.None));
        Assert.Equal("Recipients", error.Errors.Single().Field);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => explainer.DryRunAsync(null, 0, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => explainer.DryRunAsync(null, 10_001, CancellationToken.None));
    }

    [Fact]
    public async Task DryRunAsync_ManyMessages_PagesThroughTheNewestOnly()
    {
        await using var hub = new TestHub();
        var intake = hub.Get<IMessageIntake>();
        for (var i = 0; i < 30; i++)
        {
            await intake.SubmitAsync("pos", TestHub.Item("M-" + i), "test", CancellationToken.None);
            hub.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var report = await hub.Get<RuleExplainer>().DryRunAsync(null, 25, CancellationToken.None);

        Assert.Equal(25, report.Messages);
        Assert.Equal("M-29", report.Items[0].ExternalId);
        Assert.Equal(25, report.RuleHits["Дороги"]);
        Assert.Equal(30, await hub.Get<IHubStore>().CountMessagesAsync(CancellationToken.None));
    }
}

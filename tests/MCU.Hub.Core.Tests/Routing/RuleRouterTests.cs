using MCU.Hub.Messages;
using MCU.Hub.Routing;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Core.Tests.Routing;

public sealed class RuleRouterTests
{
    private static RuleRouter Router(params RoutingRule[] rules) => new(Options.Create(new McuHubOptions { Rules = [.. rules] }));

    [Fact]
    public void Route_FirstMatchStops_LaterRulesDoNotApply()
    {
        var router = Router(
            new RoutingRule { Name = "b", Order = 2, Recipients = ["second"] },
            new RoutingRule { Name = "a", Order = 1, Categories = ["roads"], Recipients = ["first"] });

        var decision = router.Route(new HubMessage { Block = "roads", Category = "road-repair", Text = "яма" });

        Assert.Equal(["first"], decision.Recipients);
        Assert.Equal(["a"], decision.MatchedRules);
    }

    [Fact]
    public void Route_ContinueRule_AddsTagsAndFallsThrough()
    {
        var router = Router(
            new RoutingRule { Name = "tag-urgent", Order = 1, StopOnMatch = false, AnyWords = ["срочн", "авари"], Tags = ["срочно"], FastTrack = true },
            new RoutingRule { Name = "roads", Order = 2, Categories = ["roads"], Recipients = ["roads-dept"] });

        var decision = router.Route(new HubMessage { Block = "roads", Text = "Авария на дороге, срочно!" });

        Assert.Equal(["tag-urgent", "roads"], decision.MatchedRules);
        Assert.Equal(["срочно"], decision.Tags);
        Assert.True(decision.FastTrack);
        Assert.True(decision.AutomatedDelivery);
    }

    [Fact]
    public void Route_DisabledRule_IsIgnored()
    {
        var router = Router(new RoutingRule { Name = "off", Enabled = false, Recipients = ["x"] });
        Assert.Same(RoutingDecision.None, router.Route(new HubMessage { Text = "что угодно" }));
    }

    [Fact]
    public void Route_ConditionsOnChannelKindAndTerritory_AllMustHold()
    {
        var router = Router(new RoutingRule { Name = "r", Channels = ["pos"], Kinds = [MessageKind.Message], Territories = ["north"], Recipients = ["x"] });

        Assert.Single(router.Route(new HubMessage { Channel = "pos", Kind = MessageKind.Message, Territory = "north", Text = "т" }).Recipients);
        Assert.Empty(router.Route(new HubMessage { Channel = "pos", Kind = MessageKind.Appeal, Territory = "north", Text = "т" }).Recipients);
        Assert.Empty(router.Route(new HubMessage { Channel = "api", Kind = MessageKind.Message, Territory = "north", Text = "т" }).Recipients);
        Assert.Empty(router.Route(new HubMessage { Channel = "pos", Kind = MessageKind.Message, Territory = null, Text = "т" }).Recipients);
    }
}

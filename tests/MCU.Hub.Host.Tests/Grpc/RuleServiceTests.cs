using Grpc.Core;
using MCU.Hub.Grpc.V1;

namespace MCU.Hub.Host.Tests.Grpc;

public sealed class RuleServiceTests : IAsyncLifetime
{
    private const string Draft = """
        {
          "format": "mcu-hub.rules",
          "rules": [
            { "Name": "Дороги", "Order": 10, "Categories": [ "roads" ], "Recipients": [ "roads-dept" ] },
            { "Name": "Мусор", "Order": 20, "AnyWords": [ "мусор", "контейнер" ], "Recipients": [ "roads-dept" ], "Tags": [ "ТКО" ] }
          ]
        }
        """;

    private TestHost _host = null!;
    private RuleService.RuleServiceClient _rules = null!;
    private MessageService.MessageServiceClient _messages = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync(TestHost.NewDatabasePath());
        _rules = new RuleService.RuleServiceClient(_host.Channel);
        _messages = new MessageService.MessageServiceClient(_host.Channel);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> SubmitAsync(string externalId, string text) =>
        (await _messages.SubmitMessageAsync(new SubmitMessageRequest { Channel = "api", ExternalId = externalId, Text = text })).Id;

    [Fact]
    public async Task SaveRuleSet_NewVersion_RoutesNewMessagesAndKeepsThePreviousVersion()
    {
        var v1 = await _rules.GetRuleSetAsync(new GetRuleSetRequest());
        var saved = await _rules.SaveRuleSetAsync(new SaveRuleSetRequest { Json = Draft, Comment = "добавлено правило по мусору" });
        var id = await SubmitAsync("r-1", "Переполнены мусорные контейнеры во дворе");
        var message = (await _messages.GetMessageAsync(new GetMessageRequest { Id = id })).Message;

        Assert.Equal(1, v1.Version);
        Assert.Equal(2, saved.Version);
        Assert.Equal("api:test-admin", saved.SavedBy);
        Assert.Equal(["roads-dept"], message.Recipients);
        Assert.Equal("Мусор", message.RoutedByRule);
        Assert.Equal(2, message.RuleSetVersion);
        Assert.Contains("ТКО", message.Tags);

        var versions = await _rules.ListRuleSetVersionsAsync(new ListRuleSetVersionsRequest());
        Assert.Equal([2, 1], versions.Versions.Select(v => v.Version));
        Assert.Contains("Добавлено: Мусор", versions.Versions[0].Changes);
        Assert.Equal(v1.Json, (await _rules.GetRuleSetAsync(new GetRuleSetRequest { Version = 1 })).Json);
    }

    [Fact]
    public async Task SaveRuleSet_InvalidRules_IsRefusedNamingRuleAndFieldAndSavesNothing()
    {
        const string bad = """[ { "Name": "Плохое", "Recipients": [ "nobody" ], "Regex": "(" } ]""";

        var error = await Assert.ThrowsAsync<RpcException>(() => _rules.SaveRuleSetAsync(new SaveRuleSetRequest { Json = bad }).ResponseAsync);
        var garbage = await Assert.ThrowsAsync<RpcException>(() => _rules.SaveRuleSetAsync(new SaveRuleSetRequest { Json = "{ не json" }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("json:", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Плохое", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Recipients", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Regex", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, garbage.StatusCode);
        Assert.Equal(1, (await _rules.GetRuleSetAsync(new GetRuleSetRequest())).Version);
    }

    [Fact]
    public async Task ExplainAndDryRun_Draft_ShowWhatWouldChangeAndChangeNothing()
    {
        var id = await SubmitAsync("e-1", "Не вывозят мусор третью неделю");
        var before = (await _messages.GetMessageAsync(new GetMessageRequest { Id = id })).Message;

        var explained = await _rules.ExplainMessageAsync(new ExplainMessageRequest { MessageId = id, DraftJson = Draft });
        var report = await _rules.DryRunRulesAsync(new DryRunRulesRequest { DraftJson = Draft, LastMessages = 10 });

        Assert.True(before.Recipients.Count == 0);
        Assert.Equal(["roads-dept"], explained.Recipients);
        Assert.Contains(explained.Explanations, e => e.Rule == "Мусор" && e.Matched && e.Conditions.Any(c => c.Condition == "AnyWords" && c.Held));
        Assert.Contains(explained.Changes, c => c.Field == "recipients");
        Assert.Equal(1, report.Messages);
        Assert.Equal(1, report.Changed);
        Assert.Equal(1, report.RuleHits["Мусор"]);
        var after = (await _messages.GetMessageAsync(new GetMessageRequest { Id = id })).Message;
        Assert.Equal(before, after);
        Assert.Equal(1, (await _rules.GetRuleSetAsync(new GetRuleSetRequest())).Version);
    }
}

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

    [Fact]
    public async Task PutGetListDeleteRule_EachChangeIsANewVersion()
    {
        const string rule = """{ "order": 20, "anyWords": [ "мусор" ], "recipients": [ "roads-dept" ], "tags": [ "ТКО" ] }""";

        var added = await _rules.PutRuleAsync(new PutRuleRequest { Name = "Мусор", Json = rule, Comment = "новое правило" });
        var got = await _rules.GetRuleAsync(new GetRuleRequest { Name = "Мусор" });
        var changed = await _rules.PutRuleAsync(new PutRuleRequest { Name = "Мусор", Json = rule.Replace("20", "5", StringComparison.Ordinal) });
        var listed = await _rules.ListRulesAsync(new ListRulesRequest());
        var deleted = await _rules.DeleteRuleAsync(new DeleteRuleRequest { Name = "Мусор" });

        Assert.Equal((2, 3, 4), (added.Version, changed.Version, deleted.Version));
        Assert.Equal(("Мусор", 2, 20, true), (got.Name, got.Version, got.Order, got.Enabled));
        Assert.Contains("\"anyWords\"", got.Json, StringComparison.Ordinal);
        Assert.Equal(3, listed.RuleSetVersion);
        // The configured «Дороги» has order 0; «Мусор» moved from 20 to 5, still after it.
        Assert.Equal(["Дороги", "Мусор"], listed.Rules.Select(r => r.Name));
        Assert.Equal([1, 3], listed.Rules.Select(r => r.Version));
        Assert.Equal(5, listed.Rules[1].Order);
        Assert.Equal(1, deleted.RuleCount);
        var versions = await _rules.ListRuleSetVersionsAsync(new ListRuleSetVersionsRequest());
        Assert.Equal(["Удалено: Мусор"], versions.Versions[0].Changes);
        Assert.Equal(["Изменено: Мусор"], versions.Versions[1].Changes);
        Assert.Equal("новое правило", versions.Versions[2].Comment);
        var gone = await Assert.ThrowsAsync<RpcException>(() => _rules.GetRuleAsync(new GetRuleRequest { Name = "Мусор" }).ResponseAsync);
        var deleteAgain = await Assert.ThrowsAsync<RpcException>(() => _rules.DeleteRuleAsync(new DeleteRuleRequest { Name = "Мусор" }).ResponseAsync);
        Assert.All([gone, deleteAgain], e => Assert.Equal(StatusCode.NotFound, e.StatusCode));
        Assert.Equal(4, (await _rules.GetRuleSetAsync(new GetRuleSetRequest())).Version);
    }

    [Fact]
    public async Task PutRule_Invalid_IsInvalidArgumentNamingTheFieldAndSavesNothing()
    {
        var unknownRecipient = await Assert.ThrowsAsync<RpcException>(() => _rules.PutRuleAsync(new PutRuleRequest { Name = "Плохое", Json = """{ "recipients": [ "nobody" ] }""" }).ResponseAsync);
        var unknownField = await Assert.ThrowsAsync<RpcException>(() => _rules.PutRuleAsync(new PutRuleRequest { Name = "Плохое", Json = """{ "recipient": [ "roads-dept" ] }""" }).ResponseAsync);
        var otherName = await Assert.ThrowsAsync<RpcException>(() => _rules.PutRuleAsync(new PutRuleRequest { Name = "Плохое", Json = """{ "name": "Другое", "recipients": [ "roads-dept" ] }""" }).ResponseAsync);
        var notJson = await Assert.ThrowsAsync<RpcException>(() => _rules.PutRuleAsync(new PutRuleRequest { Name = "Плохое", Json = "[ 1, 2" }).ResponseAsync);
        var noName = await Assert.ThrowsAsync<RpcException>(() => _rules.PutRuleAsync(new PutRuleRequest { Json = "{}" }).ResponseAsync);

        Assert.All([unknownRecipient, unknownField, otherName, notJson, noName], e => Assert.Equal(StatusCode.InvalidArgument, e.StatusCode));
        Assert.StartsWith("json:", unknownRecipient.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Recipients", unknownRecipient.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("recipient", unknownField.Status.Detail, StringComparison.Ordinal);
        Assert.StartsWith("name:", otherName.Status.Detail, StringComparison.Ordinal);
        Assert.StartsWith("json:", notJson.Status.Detail, StringComparison.Ordinal);
        Assert.StartsWith("name:", noName.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1, (await _rules.GetRuleSetAsync(new GetRuleSetRequest())).Version);
    }

    [Fact]
    public async Task ExportThenImport_RoundTripsTheRuleSetAsANewVersion()
    {
        await _rules.SaveRuleSetAsync(new SaveRuleSetRequest { Json = Draft });

        var exported = await _rules.ExportRulesAsync(new ExportRulesRequest());
        var first = await _rules.ExportRulesAsync(new ExportRulesRequest { Version = 1 });
        var imported = await _rules.ImportRulesAsync(new ImportRulesRequest { Json = first.Json, Comment = "откат к версии 1" });
        var reexported = await _rules.ExportRulesAsync(new ExportRulesRequest());

        Assert.Equal((2, "mcu-hub-rules-v2.json"), (exported.Version, exported.FileName));
        Assert.Contains("\"format\": \"mcu-hub.rules\"", exported.Json, StringComparison.Ordinal);
        Assert.Contains("Мусор", exported.Json, StringComparison.Ordinal);
        Assert.Equal(3, imported.Version);
        Assert.Equal(1, imported.RuleCount);
        Assert.Equal("откат к версии 1", imported.Comment);
        Assert.DoesNotContain("Мусор", reexported.Json, StringComparison.Ordinal);
        var v1 = (await _rules.ListRulesAsync(new ListRulesRequest { Version = 1 })).Rules.Select(r => r.Json);
        Assert.Equal(v1, (await _rules.ListRulesAsync(new ListRulesRequest())).Rules.Select(r => r.Json));
    }

    [Fact]
    public async Task ImportRules_Invalid_IsInvalidArgumentNamingTheFieldAndChangesNothing()
    {
        var before = await _rules.ExportRulesAsync(new ExportRulesRequest());
        const string badRule = """{ "format": "mcu-hub.rules", "rules": [ { "Name": "Плохое", "Recipients": [ "nobody" ] } ] }""";

        var invalid = await Assert.ThrowsAsync<RpcException>(() => _rules.ImportRulesAsync(new ImportRulesRequest { Json = badRule }).ResponseAsync);
        var bareArray = await Assert.ThrowsAsync<RpcException>(() => _rules.ImportRulesAsync(new ImportRulesRequest { Json = """[ { "Name": "Дороги", "Recipients": [ "roads-dept" ] } ]""" }).ResponseAsync);
        var wrongFormat = await Assert.ThrowsAsync<RpcException>(() => _rules.ImportRulesAsync(new ImportRulesRequest { Json = """{ "format": "other", "rules": [] }""" }).ResponseAsync);
        var empty = await Assert.ThrowsAsync<RpcException>(() => _rules.ImportRulesAsync(new ImportRulesRequest()).ResponseAsync);
        var noVersion = await Assert.ThrowsAsync<RpcException>(() => _rules.ExportRulesAsync(new ExportRulesRequest { Version = 99 }).ResponseAsync);

        Assert.All([invalid, bareArray, wrongFormat, empty], e => Assert.Equal(StatusCode.InvalidArgument, e.StatusCode));
        Assert.All([invalid, bareArray, wrongFormat, empty], e => Assert.StartsWith("json:", e.Status.Detail, StringComparison.Ordinal));
        Assert.Contains("Плохое", invalid.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("format", wrongFormat.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, noVersion.StatusCode);
        var after = await _rules.ExportRulesAsync(new ExportRulesRequest());
        Assert.Equal((before.Version, before.Json), (after.Version, after.Json));
    }
}

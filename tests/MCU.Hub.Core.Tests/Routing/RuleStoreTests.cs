using System.Diagnostics;
using MCU.Hub.Intake;
using MCU.Hub.Messages;
using MCU.Hub.Routing;
using MCU.Hub.Storage;

namespace MCU.Hub.Core.Tests.Routing;

public sealed class RuleStoreTests
{
    [Fact]
    public async Task Store_Empty_SeedsTheConfiguredRulesAsVersionOne()
    {
        await using var hub = new TestHub();
        var store = hub.Get<IRuleStore>();

        var current = await store.GetCurrentAsync(CancellationToken.None);

        Assert.Equal(1, current.Version);
        Assert.Equal("configuration", current.Actor);
        Assert.Equal(hub.Time.GetUtcNow(), current.SavedAt);
        Assert.Equal(["Дороги", "ЖКХ"], current.Rules.Select(r => r.Name));
        Assert.Equal(new Dictionary<string, int> { ["Дороги"] = 1, ["ЖКХ"] = 1 }, current.RuleVersions);
        Assert.Equal([new RuleChange("Дороги", RuleChangeKind.Added), new RuleChange("ЖКХ", RuleChangeKind.Added)], current.Changes);
        Assert.Equal(1, store.Current.Version);
        Assert.Equal(["Дороги", "ЖКХ"], store.Current.RuleNames);
    }

    [Fact]
    public async Task SaveAsync_NewVersion_KeepsThePreviousAndRoutingUsesTheNewOneWithoutRestart()
    {
        await using var hub = new TestHub();
        var store = hub.Get<IRuleStore>();
        var intake = hub.Get<IMessageIntake>();
        var before = await intake.SubmitAsync("pos", TestHub.Item("P-1"), "test", CancellationToken.None);

        var rules = (await store.GetCurrentAsync(CancellationToken.None)).Rules.ToList();
        rules[0].Recipients = ["utilities"];
        rules[0].FastTrack = true;
        hub.Time.Advance(TimeSpan.FromHours(1));
        var saved = await store.SaveAsync(rules, "operator@mcu", "Дороги временно на МКУ ЖКХ", CancellationToken.None);
        var after = await intake.SubmitAsync("pos", TestHub.Item("P-2"), "test", CancellationToken.None);

        Assert.Equal(2, saved.Version);
        Assert.Equal("operator@mcu", saved.Actor);
        Assert.Equal("Дороги временно на МКУ ЖКХ", saved.Comment);
        Assert.Equal(new Dictionary<string, int> { ["Дороги"] = 2, ["ЖКХ"] = 1 }, saved.RuleVersions);
        Assert.Equal([new RuleChange("Дороги", RuleChangeKind.Changed)], saved.Changes);

        var v1 = await store.GetVersionAsync(1, CancellationToken.None);
        Assert.Equal(["roads-dept"], v1!.Rules[0].Recipients);
        Assert.Null(await store.GetVersionAsync(3, CancellationToken.None));
        Assert.Equal([2, 1], (await store.ListVersionsAsync(CancellationToken.None)).Select(v => v.Version));

        var messages = hub.Get<IHubStore>();
        var first = await messages.GetMessageAsync(before.MessageId!, CancellationToken.None);
        var second = await messages.GetMessageAsync(after.MessageId!, CancellationToken.None);
        Assert.Equal(["roads-dept"], first!.Recipients);
        Assert.Equal(["utilities"], second!.Recipients);
        Assert.True(second.FastTrack);
        Assert.Equal("Дороги", second.RoutedByRule);

        var routed = (await messages.GetHistoryAsync(second.Id, CancellationToken.None)).Single(h => h.Action == "routed");
        Assert.Contains(routed.Changes, c => c.Field == "rules" && c.New == "Дороги (v2)");
        Assert.Contains(routed.Changes, c => c.Field == "rule_set_version" && c.New == "2");
        Assert.Contains("Дороги (v2)", routed.Comment, StringComparison.Ordinal);
        var firstRouted = (await messages.GetHistoryAsync(first.Id, CancellationToken.None)).Single(h => h.Action == "routed");
        Assert.Contains(firstRouted.Changes, c => c.Field == "rules" && c.New == "Дороги (v1)");
    }

    [Fact]
    public async Task SaveAsync_AddRemoveAndKeep_RecordsChangesAndKeepsUnchangedRuleVersions()
    {
        await using var hub = new TestHub();
        var store = hub.Get<IRuleStore>();
        var rules = (await store.GetCurrentAsync(CancellationToken.None)).Rules.ToList();

        await store.SaveAsync([rules[0], new RoutingRule { Name = "Север", Order = 5, Territories = ["north"], Recipients = ["utilities"] }], "a", null, CancellationToken.None);
        var v3 = await store.SaveAsync([rules[0], new RoutingRule { Name = "Север", Order = 6, Territories = ["north"], Recipients = ["utilities"] }], "b", null, CancellationToken.None);

        Assert.Equal(new Dictionary<string, int> { ["Дороги"] = 1, ["Север"] = 3 }, v3.RuleVersions);
        var list = await store.ListVersionsAsync(CancellationToken.None);
        Assert.Equal([new RuleChange("Север", RuleChangeKind.Changed)], list[0].Changes);
        Assert.Equal([new RuleChange("Север", RuleChangeKind.Added), new RuleChange("ЖКХ", RuleChangeKind.Removed)], list[1].Changes);
        Assert.Equal(["b", "a", "configuration"], list.Select(v => v.Actor));
        Assert.Equal(2, list[0].RuleCount);
    }

    [Fact]
    public async Task SaveAsync_CallerChangesItsRulesAfterwards_NothingInForceChanges()
    {
        await using var hub = new TestHub();
        var store = hub.Get<IRuleStore>();
        var rule = new RoutingRule { Name = "все", Recipients = ["utilities"] };
        await store.SaveAsync([rule], "a", null, CancellationToken.None);

        rule.Recipients = ["roads-dept"];
        rule.Name = "другое";

        Assert.Equal(["utilities"], (await store.GetCurrentAsync(CancellationToken.None)).Rules.Single().Recipients);
        Assert.Equal(["utilities"], hub.Get<IMessageRouter>().Route(new HubMessage { Text = "т" }).Recipients);
    }

    public static TheoryData<RoutingRule, string, string, string> InvalidRules => new()
    {
        { new RoutingRule { Name = "r", Recipients = ["nobody"] }, "r", "Recipients", "nobody" },
        { new RoutingRule { Name = "r", Categories = ["potholes"] }, "r", "Categories", "potholes" },
        { new RoutingRule { Name = "r", SetCategory = "potholes" }, "r", "SetCategory", "potholes" },
        { new RoutingRule { Name = "r", Territories = ["south"] }, "r", "Territories", "south" },
        { new RoutingRule { Name = "r", Regex = "(незакрытая" }, "r", "Regex", "(незакрытая" },
        { new RoutingRule { Name = "r", AnyWords = ["яма", "!!!"] }, "r", "AnyWords", "!!!" },
        { new RoutingRule { Name = "r", AllWords = [" "] }, "r", "AllWords", "нет ни одного слова" },
        { new RoutingRule { Name = "r", Kinds = [(MessageKind)42] }, "r", "Kinds", "42" },
        { new RoutingRule { Name = "r", DeadlinePolicy = " " }, "r", "DeadlinePolicy", "пустое" },
        { new RoutingRule { Name = "" }, "#2", "Name", "имя не задано" },
    };

    [Theory]
    [MemberData(nameof(InvalidRules))]
    public async Task SaveAsync_InvalidRule_ThrowsNamingRuleAndFieldAndSavesNothing(RoutingRule invalid, string rule, string field, string mentions)
    {
        await using var hub = new TestHub();
        var store = hub.Get<IRuleStore>();
        var valid = new RoutingRule { Name = "ok", Recipients = ["utilities"] };

        var error = await Assert.ThrowsAsync<RuleSetValidationException>(() => store.SaveAsync([valid, invalid], "a", null, CancellationToken.None));

        var problem = Assert.Single(error.Errors);
        Assert.Equal(rule, problem.Rule);
        Assert.Equal(field, problem.Field);
        Assert.Contains(mentions, problem.Problem, StringComparison.Ordinal);
        Assert.Contains($"«{rule}», {field}", error.Message, StringComparison.Ordinal);
        Assert.Single(await store.ListVersionsAsync(CancellationToken.None));
        Assert.Equal(1, store.Current.Version);
    }

    [Fact]
    public async Task SaveAsync_DuplicateNames_AreRefused()
    {
        await using var hub = new TestHub();
        var store = hub.Get<IRuleStore>();

        var error = await Assert.ThrowsAsync<RuleSetValidationException>(() => store.SaveAsync(
            [new RoutingRule { Name = "двойник" }, new RoutingRule { Name = "двойник", Order = 2 }], "a", null, CancellationToken.None));

        Assert.Equal(new RuleValidationError("двойник", "Name", "имя повторяется 2 раза"), Assert.Single(error.Errors));
    }

    [Fact]
    public async Task ExportThenImport_RoundTrip_GivesTheSameRules()
    {
        await using var hub = new TestHub();
        var store = hub.Get<IRuleStore>();
        await store.SaveAsync(
        [
            new RoutingRule
            {
                Name = "Всё сразу", Order = 7, StopOnMatch = false, Channels = ["pos"], Kinds = [MessageKind.Message, MessageKind.Incident],
                Categories = ["roads"], Territories = ["north"], AnyWords = ["ям", "ремонт дорог"], AllWords = ["двор"], Regex = @"\d+",
                SourceCategories = ["Дороги"], AuthorType = RuleAuthorType.Organisation, Time = RuleTimeCondition.NonWorking,
                Recipients = ["roads-dept"], SetCategory = "road-repair", FastTrack = true, AutomatedDelivery = false,
                DeadlinePolicy = "urgent", Tags = ["срочно"], Notify = ["duty"],
            },
            new RoutingRule { Name = "Выключено", Enabled = false },
        ], "a", "две", CancellationToken.None);

        var json = await store.ExportJsonAsync(null, CancellationToken.None);
        var imported = await store.ImportJsonAsync(json, "b", "импорт", CancellationToken.None);
        var exported = await store.GetVersionAsync(2, CancellationToken.None);

        Assert.Equal(3, imported.Version);
        Assert.Empty(imported.Changes);
        Assert.Equal(new Dictionary<string, int> { ["Всё сразу"] = 2, ["Выключено"] = 2 }, imported.RuleVersions);
        Assert.Equal(RuleSetJson.Serialize(exported!.Rules), RuleSetJson.Serialize(imported.Rules));
        Assert.Contains("\"format\": \"mcu-hub.rules\"", json, StringComparison.Ordinal);
        Assert.Contains("\"version\": 2", json, StringComparison.Ordinal);
        Assert.Contains("\"authorType\": \"Organisation\"", json, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"Всё сразу\"", json, StringComparison.Ordinal);
        Assert.Equal(json.Replace("\"version\": 2", "\"version\": 3", StringComparison.Ordinal).Replace("\"comment\": \"две\"", "\"comment\": \"импорт\"", StringComparison.Ordinal).Replace("\"actor\": \"a\"", "\"actor\": \"b\"", StringComparison.Ordinal),
            await store.ExportJsonAsync(3, CancellationToken.None));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.ExportJsonAsync(9, CancellationToken.None));
    }

    [Fact]
    public async Task ImportJsonAsync_BareArrayInAnyCase_IsAccepted()
    {
        await using var hub = new TestHub();
        var store = hub.Get<IRuleStore>();

        var saved = await store.ImportJsonAsync(
            """
            // comments and trailing commas are fine
            [ { "Name": "ямы", "anyWords": ["ям"], "RECIPIENTS": ["roads-dept"], "kinds": ["message"], }, ]
            """,
            "a", null, CancellationToken.None);

        var rule = Assert.Single(saved.Rules);
        Assert.Equal(["ям"], rule.AnyWords);
        Assert.Equal([MessageKind.Message], rule.Kinds);
        Assert.True(rule.StopOnMatch);
    }

    [Theory]
    [InlineData("""{ "rules": [ { "name": "ok" }, { "name": "ямы", "anyWord": ["ям"] } ] }""", "ямы", "anyWord", "неизвестное поле")]
    [InlineData("""{ "rules": [ { "name": "ямы", "kinds": ["Mesage"] } ] }""", "ямы", "Kinds", "Mesage")]
    [InlineData("""{ "rules": [ { "name": "ямы", "order": "first" } ] }""", "ямы", "Order", "first")]
    [InlineData("""{ "rules": [ { "name": "ямы", "authorType": 2 } ] }""", "ямы", "AuthorType", "2")]
    [InlineData("""{ "rules": [ { "name": "ямы", "regex": "[а-" } ] }""", "ямы", "Regex", "[а-")]
    [InlineData("""{ "rules": [ { "name": "ямы", "recipients": ["nobody"] } ] }""", "ямы", "Recipients", "nobody")]
    [InlineData("""{ "rules": [ { "order": 1 } ] }""", "#1", "Name", "имя не задано")]
    [InlineData("""{ "rules": [ 42 ] }""", "#1", "rules[0]", "объект")]
    [InlineData("""{ "format": "other", "rules": [] }""", "", "format", "mcu-hub.rules")]
    [InlineData("""{ "rulez": [] }""", "", "rulez", "неизвестное поле")]
    [InlineData("""{ "rules": [ { "name": "ямы", """, "", "$", "не разбирается")]
    public async Task ImportJsonAsync_Invalid_RefusedNamingRuleAndFieldAndNothingSaved(string json, string rule, string field, string mentions)
    {
        await using var hub = new TestHub();
        var store = hub.Get<IRuleStore>();
        _ = store.Current;
        var hash = TestFiles.Hash(hub.DatabasePath);

        var error = await Assert.ThrowsAsync<RuleSetValidationException>(() => store.ImportJsonAsync(json, "a", null, CancellationToken.None));

        var problem = error.Errors.First(e => e.Field == field);
        Assert.Equal(rule, problem.Rule);
        Assert.Contains(mentions, problem.Problem, StringComparison.Ordinal);
        Assert.Single(await store.ListVersionsAsync(CancellationToken.None));
        Assert.Equal(hash, TestFiles.Hash(hub.DatabasePath));
    }

    [Fact]
    public async Task Store_Reopened_KeepsItsVersionsAndIgnoresChangedConfiguration()
    {
        await using var first = new TestHub();
        await first.Get<IRuleStore>().SaveAsync([new RoutingRule { Name = "сохранённое", Recipients = ["utilities"] }], "a", null, CancellationToken.None);
        var path = first.DatabasePath;
        await first.Services.DisposeAsync();

        await using var second = new TestHub(o => o.Rules = [new RoutingRule { Name = "из конфигурации", Recipients = ["roads-dept"] }], databasePath: path);
        var store = second.Get<IRuleStore>();

        Assert.Equal(2, store.Current.Version);
        Assert.Equal(["сохранённое"], store.Current.RuleNames);
        Assert.Equal(["Дороги", "ЖКХ"], (await store.GetVersionAsync(1, CancellationToken.None))!.Rules.Select(r => r.Name));
    }

    [Fact]
    public async Task Intake_CatastrophicRegex_TimesOutWithoutStallingAndTheMessageIsStored()
    {
        await using var hub = new TestHub(o => o.Rules =
        [
            new RoutingRule { Name = "катастрофа", Order = 1, Regex = "^(a+)+$", Recipients = ["roads-dept"] },
            new RoutingRule { Name = "ЖКХ", Order = 2, AnyWords = ["aaa"], Recipients = ["utilities"] },
        ]);
        var intake = hub.Get<IMessageIntake>();
        var text = new string('a', 5_000) + "!";

        var watch = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => intake.SubmitAsync("pos", TestHub.Item("R-" + i, text), "test", CancellationToken.None)));
        var other = await intake.SubmitAsync("pos", TestHub.Item("R-ok"), "test", CancellationToken.None);
        watch.Stop();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"intake took {watch.Elapsed}");
        var store = hub.Get<IHubStore>();
        Assert.Equal(5, await store.CountMessagesAsync(CancellationToken.None));
        var message = await store.GetMessageAsync(results[0].MessageId!, CancellationToken.None);
        Assert.Equal(["utilities"], message!.Recipients);
        Assert.Equal("ЖКХ", message.RoutedByRule);
        var routed = (await store.GetHistoryAsync(message.Id, CancellationToken.None)).Single(h => h.Action == "routed");
        Assert.Contains("катастрофа", routed.Comment, StringComparison.Ordinal);
        Assert.Contains("не уложилось", routed.Comment, StringComparison.Ordinal);
        Assert.True(other.Accepted);
    }

    [Fact]
    public async Task Intake_RuleWithoutRecipients_AppliesItsActionsAndLeavesTheMessageForTriage()
    {
        await using var hub = new TestHub(o => o.Rules =
        [
            new RoutingRule { Name = "метка", AnyWords = ["справк"], Tags = ["справка"], FastTrack = true, SetCategory = "social-policy", Notify = ["coordinator"] },
        ]);

        var result = await hub.Get<IMessageIntake>().SubmitAsync("api", TestHub.Item("S-1", text: "Прошу выдать справку", address: null), "test", CancellationToken.None);
        var store = hub.Get<IHubStore>();
        var message = await store.GetMessageAsync(result.MessageId!, CancellationToken.None);

        Assert.Equal(MessageStatus.New, message!.Status);
        Assert.Empty(message.Recipients);
        Assert.Null(message.RoutedByRule);
        Assert.False(message.AutomatedDelivery);
        Assert.True(message.FastTrack);
        Assert.Equal(["справка"], message.Tags);
        Assert.Equal("social-policy", message.Category);
        Assert.Equal("social-policy", message.Block);
        var history = await store.GetHistoryAsync(message.Id, CancellationToken.None);
        Assert.Equal(["received", "classified", "rules", "deadline"], history.Select(h => h.Action));
        var events = await store.ReadEventsAsync(0, 100, CancellationToken.None);
        Assert.Contains(events, e => e.Type == RoutingEventTypes.Notify && e.MessageId == message.Id && e.Summary!.Contains("coordinator", StringComparison.Ordinal));
    }

    [Fact]
    public void OptionsValidator_ConfiguredRules_GetTheChecksOfTheStore()
    {
        var options = new McuHubOptions
        {
            Recipients = [new() { Code = "roads-dept" }],
            Rules =
            [
                new RoutingRule { Name = "ok", Recipients = ["roads-dept"] },
                new RoutingRule { Name = "плохой", Regex = "(", Recipients = ["nobody"], SetCategory = "potholes" },
            ],
        };

        var result = new McuHubOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures, f => f.StartsWith("McuHub:Rules:плохой:Regex:", StringComparison.Ordinal));
        Assert.Contains("McuHub:Rules:плохой:Recipients: неизвестный получатель 'nobody'", result.Failures);
        Assert.Contains("McuHub:Rules:плохой:SetCategory: неизвестная категория 'potholes'", result.Failures);
        Assert.DoesNotContain(result.Failures, f => f.Contains(":ok:", StringComparison.Ordinal));
    }
}

using System.Diagnostics;
using MCU.Hub.Deadlines.Calendar;
using MCU.Hub.Directories;
using MCU.Hub.Messages;
using MCU.Hub.Routing;
using MCU.Hub.Routing.Internal;
using Microsoft.Extensions.Logging.Abstractions;
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

    [Fact]
    public void Route_OrderNotListPosition_DecidesAndEqualOrdersGoByName()
    {
        var router = Router(
            new RoutingRule { Name = "z-late", Order = 30, StopOnMatch = false, Tags = ["z"] },
            new RoutingRule { Name = "b-tie", Order = 20, StopOnMatch = false, Tags = ["b"] },
            new RoutingRule { Name = "a-tie", Order = 20, StopOnMatch = false, Tags = ["a"] },
            new RoutingRule { Name = "first", Order = -5, StopOnMatch = false, Tags = ["first"] });

        var decision = router.Route(new HubMessage { Text = "текст" });

        Assert.Equal(["first", "a-tie", "b-tie", "z-late"], decision.MatchedRules);
        Assert.Equal(["first", "a", "b", "z"], decision.Tags);
    }

    [Fact]
    public void Route_ContinueContinueStop_RulesAfterTheStopDoNotRun()
    {
        var router = Router(
            new RoutingRule { Name = "1", Order = 1, StopOnMatch = false, Recipients = ["r1"] },
            new RoutingRule { Name = "2-no-match", Order = 2, Channels = ["edds"], Recipients = ["never"] },
            new RoutingRule { Name = "3", Order = 3, StopOnMatch = false, Recipients = ["r3", "r1"] },
            new RoutingRule { Name = "4-stop", Order = 4, Recipients = ["r4"] },
            new RoutingRule { Name = "5-after-stop", Order = 5, Recipients = ["r5"] });

        var decision = router.Route(new HubMessage { Channel = "pos", Text = "текст" });

        Assert.Equal(["1", "3", "4-stop"], decision.MatchedRules);
        Assert.Equal(["r1", "r3", "r4"], decision.Recipients);
    }

    [Theory]
    [InlineData("На дороге яма")]
    [InlineData("Сплошные ямы, колесо пробил")]
    [InlineData("Дорога с ЯМАМИ уже год")]
    [InlineData("ямищи повсюду")]
    public void Route_StemCondition_MatchesEveryWordForm(string text)
    {
        var router = Router(new RoutingRule { Name = "ямы", AnyWords = ["ям"], Recipients = ["roads-dept"] });
        var decision = router.Route(new HubMessage { Text = text });
        Assert.Equal(["ямы"], decision.MatchedRules);
    }

    [Theory]
    [InlineData("Прямая дорога")]
    [InlineData("Поставьте скамейку")]
    public void Route_StemCondition_MatchesOnlyTheStartOfAWord(string text)
    {
        var router = Router(new RoutingRule { Name = "ямы", AnyWords = ["ям"], Recipients = ["roads-dept"] });
        Assert.Empty(router.Route(new HubMessage { Text = text }).MatchedRules);
    }

    [Fact]
    public void Route_StemWithYo_MatchesTextWithYe()
    {
        var router = Router(new RoutingRule { Name = "r", AnyWords = ["гололёд"], Recipients = ["x"] });
        Assert.Single(router.Route(new HubMessage { Text = "На тротуаре гололед" }).MatchedRules);
    }

    [Theory]
    [InlineData("Нужен ремонт дороги", true)]
    [InlineData("После ремонта дорог стало хуже", true)]
    [InlineData("Дороги и ремонт", false)]
    [InlineData("Ремонт подъезда, дорогой", false)]
    public void Route_Phrase_MatchesConsecutiveWordsOnly(string text, bool matches)
    {
        var router = Router(new RoutingRule { Name = "r", AnyWords = ["ремонт дорог"], Recipients = ["x"] });
        Assert.Equal(matches, router.Route(new HubMessage { Text = text }).MatchedRules.Count == 1);
    }

    [Theory]
    [InlineData("Яма во дворе у детской площадки", true)]
    [InlineData("Яма на дороге", false)]
    [InlineData("Во дворе сломаны качели", false)]
    public void Route_AllWords_RequiresEveryPhrase(string text, bool matches)
    {
        var router = Router(new RoutingRule { Name = "двор-яма", AllWords = ["ям", "двор"], Recipients = ["x"] });
        Assert.Equal(matches, router.Route(new HubMessage { Text = text }).MatchedRules.Count == 1);
    }

    [Fact]
    public void Route_AnyAndAllWords_BothMustHold()
    {
        var router = Router(new RoutingRule { Name = "r", AnyWords = ["качел", "горк"], AllWords = ["двор"], Recipients = ["x"] });

        Assert.Single(router.Route(new HubMessage { Text = "Во дворе сломаны качели" }).MatchedRules);
        Assert.Empty(router.Route(new HubMessage { Text = "В парке сломаны качели" }).MatchedRules);
        Assert.Empty(router.Route(new HubMessage { Text = "Во дворе грязно" }).MatchedRules);
    }

    [Theory]
    [InlineData("Кадастровый номер 66:41:0204016:10 не найден", true)]
    [InlineData("КАДАСТРОВЫЙ НОМЕР 66:41:0204016:10", true)]
    [InlineData("Номер участка неизвестен", false)]
    public void Route_Regex_MatchesCaseInsensitively(string text, bool matches)
    {
        var router = Router(new RoutingRule { Name = "кадастр", Regex = @"кадастров\w*\s+номер\s+\d{2}:\d{2}:\d{6,7}:\d+", Recipients = ["land"] });
        var decision = router.Route(new HubMessage { Text = text });
        Assert.Equal(matches, decision.MatchedRules.Count == 1);
        if (matches)
            Assert.Contains(decision.Explanations.Single().Conditions, c => c.Condition == "Regex" && c.Held && c.Detail.Contains("66:41", StringComparison.Ordinal));
    }

    [Fact]
    public void Route_CatastrophicRegex_TimesOutWithinBoundsDoesNotMatchAndLaterRulesStillRun()
    {
        var router = Router(
            new RoutingRule { Name = "катастрофа", Order = 1, Regex = "^(a+)+$", Recipients = ["never"] },
            new RoutingRule { Name = "все", Order = 2, Recipients = ["triage-dept"] });
        var text = new string('a', 5_000) + "!";

        var watch = Stopwatch.StartNew();
        var decision = router.Route(new HubMessage { Id = "m1", Text = text });
        watch.Stop();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"routing took {watch.Elapsed}");
        Assert.Equal(["все"], decision.MatchedRules);
        Assert.Equal(["triage-dept"], decision.Recipients);
        var warning = Assert.Single(decision.Warnings);
        Assert.Contains("катастрофа", warning, StringComparison.Ordinal);
        Assert.Contains("100 мс", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_CatastrophicRegexExplained_SaysItTimedOut()
    {
        var router = Router(new RoutingRule { Name = "катастрофа", Regex = "^(a+)+$", Recipients = ["never"] });
        var decision = router.Route(new HubMessage { Text = new string('a', 5_000) + "!" }, router.Current, explain: true);

        var explanation = Assert.Single(decision.Explanations);
        Assert.False(explanation.Matched);
        var condition = Assert.Single(explanation.Conditions);
        Assert.False(condition.Held);
        Assert.Contains("превышено время", condition.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Дороги", null, true)]
    [InlineData("дороги", null, true)]
    [InlineData("ЖКХ", "Дороги", true)]
    [InlineData("ЖКХ", null, false)]
    [InlineData(null, null, false)]
    public void Route_SourceCategories_MatchCategoryOrSubcategoryIgnoringCase(string? category, string? subcategory, bool matches)
    {
        var router = Router(new RoutingRule { Name = "r", SourceCategories = ["Дороги"], Recipients = ["x"] });
        var decision = router.Route(new HubMessage { Text = "т", SourceCategory = category, SourceSubcategory = subcategory });
        Assert.Equal(matches, decision.MatchedRules.Count == 1);
    }

    [Theory]
    [InlineData(RuleAuthorType.Any, false, true)]
    [InlineData(RuleAuthorType.Any, true, true)]
    [InlineData(RuleAuthorType.Citizen, false, true)]
    [InlineData(RuleAuthorType.Citizen, true, false)]
    [InlineData(RuleAuthorType.Organisation, true, true)]
    [InlineData(RuleAuthorType.Organisation, false, false)]
    public void Route_AuthorType_SelectsCitizensOrOrganisations(RuleAuthorType type, bool organisation, bool matches)
    {
        var router = Router(new RoutingRule { Name = "r", AuthorType = type, Recipients = ["x"] });
        var decision = router.Route(new HubMessage { Text = "т", AuthorIsOrganisation = organisation });
        Assert.Equal(matches, decision.MatchedRules.Count == 1);
    }

    [Theory]
    [InlineData("2026-03-02T10:00:00+03:00", true)] // Monday morning
    [InlineData("2026-03-02T09:00:00+03:00", true)] // the first minute of the day
    [InlineData("2026-03-02T08:59:59+03:00", false)]
    [InlineData("2026-03-02T13:30:00+03:00", false)] // lunch break
    [InlineData("2026-03-02T17:59:00+03:00", true)]
    [InlineData("2026-03-02T18:00:00+03:00", false)]
    [InlineData("2026-03-02T15:00:00+00:00", false)] // 18:00 in Moscow
    [InlineData("2026-03-01T12:00:00+03:00", false)] // Sunday
    [InlineData("2026-03-09T11:00:00+03:00", false)] // holiday moved from 8 March
    [InlineData("2026-04-30T17:30:00+03:00", false)] // short pre-holiday day ends at 17:00
    [InlineData("2026-04-30T16:30:00+03:00", true)]
    public void Route_Time_WorkingHoursOnWorkingDaysOfTheProductionCalendar(string receivedAt, bool working)
    {
        var router = Router(
            new RoutingRule { Name = "рабочее", Order = 1, Time = RuleTimeCondition.Working, Recipients = ["day"] },
            new RoutingRule { Name = "нерабочее", Order = 2, Time = RuleTimeCondition.NonWorking, Recipients = ["duty"] });

        var decision = router.Route(new HubMessage { Text = "т", ReceivedAt = DateTimeOffset.Parse(receivedAt, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal([working ? "рабочее" : "нерабочее"], decision.MatchedRules);
    }

    [Fact]
    public void Route_TimeWithoutReceivedAt_UsesRegisteredAt()
    {
        var router = Router(new RoutingRule { Name = "ночь", Time = RuleTimeCondition.NonWorking, Recipients = ["duty"] });

        Assert.Single(router.Route(new HubMessage { Text = "т", RegisteredAt = new DateTimeOffset(2026, 3, 2, 23, 0, 0, TimeSpan.FromHours(3)) }).MatchedRules);
        Assert.Empty(router.Route(new HubMessage { Text = "т", RegisteredAt = new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.FromHours(3)) }).MatchedRules);
    }

    [Fact]
    public void Route_Actions_MergeListsAndTheEarliestSingleValueWins()
    {
        var router = Router(
            new RoutingRule
            {
                Name = "срочно", Order = 1, StopOnMatch = false, AnyWords = ["авари"], FastTrack = true, AutomatedDelivery = false,
                DeadlinePolicy = "urgent", Tags = ["авария"], Notify = ["duty-officer"], SetCategory = "road-repair",
            },
            new RoutingRule
            {
                Name = "дороги", Order = 2, Categories = ["roads"], Recipients = ["roads-dept", "contractor"],
                DeadlinePolicy = "roads", SetCategory = "snow-removal", Tags = ["авария", "дороги"], Notify = ["duty-officer", "head"],
            });

        var decision = router.Route(new HubMessage { Block = "roads", Category = "roads", Text = "Авария: провал асфальта" });

        Assert.Equal(["срочно", "дороги"], decision.MatchedRules);
        Assert.Equal(["roads-dept", "contractor"], decision.Recipients);
        Assert.True(decision.FastTrack);
        Assert.True(decision.AutomatedDelivery);
        Assert.Equal("urgent", decision.DeadlinePolicy);
        Assert.Equal("road-repair", decision.Category);
        Assert.Equal("roads", decision.Block);
        Assert.Equal(["авария", "дороги"], decision.Tags);
        Assert.Equal(["duty-officer", "head"], decision.Notify);
    }

    [Fact]
    public void Route_AutomatedDelivery_OnlyFromARuleThatAssignsRecipients()
    {
        var tagOnly = Router(new RoutingRule { Name = "tag", Tags = ["t"] });
        var routed = Router(new RoutingRule { Name = "route", Recipients = ["x"] });
        var manual = Router(new RoutingRule { Name = "manual", Recipients = ["x"], AutomatedDelivery = false });

        Assert.False(tagOnly.Route(new HubMessage { Text = "т" }).AutomatedDelivery);
        Assert.True(routed.Route(new HubMessage { Text = "т" }).AutomatedDelivery);
        Assert.False(manual.Route(new HubMessage { Text = "т" }).AutomatedDelivery);
    }

    [Fact]
    public void Route_SetCategory_LaterRulesSeeTheNewCategory()
    {
        var router = Router(
            new RoutingRule { Name = "перекласс", Order = 1, StopOnMatch = false, AnyWords = ["гололед"], SetCategory = "snow-removal" },
            new RoutingRule { Name = "ЖКХ", Order = 2, Categories = ["housing-utilities"], Recipients = ["utilities"] },
            new RoutingRule { Name = "снег", Order = 3, Categories = ["snow-removal"], Recipients = ["snow-dept"] });

        var fast = router.Route(new HubMessage { Block = "housing-utilities", Category = "housing-utilities", Text = "Гололед у подъезда" });
        var explained = router.Route(new HubMessage { Block = "housing-utilities", Category = "housing-utilities", Text = "Гололед у подъезда" }, router.Current, explain: true);

        Assert.Equal(["перекласс", "снег"], fast.MatchedRules);
        Assert.Equal(["snow-dept"], fast.Recipients);
        Assert.Equal("snow-removal", fast.Category);
        Assert.Equal("roads", fast.Block);
        Assert.Equal(fast.MatchedRules, explained.MatchedRules);
    }

    [Fact]
    public void Route_MatchedRule_IsExplainedConditionByCondition()
    {
        var router = Router(new RoutingRule { Name = "ямы", Channels = ["pos"], Categories = ["roads"], AnyWords = ["выбоин", "ям"], Recipients = ["roads-dept"] });

        var decision = router.Route(new HubMessage { Channel = "pos", Block = "roads", Category = "road-repair", Text = "Дорога вся в ямах" });

        Assert.Equal([new MatchedRule("ямы", 0)], decision.Matches);
        var explanation = Assert.Single(decision.Explanations);
        Assert.True(explanation.Matched);
        Assert.Equal(["Channels", "Categories", "AnyWords"], explanation.Conditions.Select(c => c.Condition));
        Assert.All(explanation.Conditions, c => Assert.True(c.Held));
        Assert.Equal("найдено «ямах» по «ям»", explanation.Conditions[2].Detail);
    }

    [Fact]
    public void Route_Explain_ListsEveryRuleWithTheFailingConditionAndWhatWasNotChecked()
    {
        var router = Router(
            new RoutingRule { Name = "транспорт", Order = 1, Categories = ["transport"], Recipients = ["t"] },
            new RoutingRule { Name = "ямы", Order = 2, AnyWords = ["ям"], Recipients = ["roads-dept"] },
            new RoutingRule { Name = "прочее", Order = 3, Recipients = ["triage"] },
            new RoutingRule { Name = "выключено", Order = 4, Enabled = false, Recipients = ["x"] });

        var decision = router.Route(new HubMessage { Block = "roads", Category = "road-repair", Text = "яма" }, router.Current, explain: true);

        Assert.Equal(["транспорт", "ямы", "прочее", "выключено"], decision.Explanations.Select(e => e.Rule));
        Assert.Equal([false, true, false, false], decision.Explanations.Select(e => e.Matched));
        Assert.False(decision.Explanations[0].Conditions.Single().Held);
        Assert.Contains("не входит", decision.Explanations[0].Conditions.Single().Detail, StringComparison.Ordinal);
        Assert.Contains("«ямы»", decision.Explanations[2].Note, StringComparison.Ordinal);
        Assert.Equal("правило отключено", decision.Explanations[3].Note);
    }

    [Fact]
    public void Route_Coordinates_PlaceTheMessageInThePolygonTerritoryForTheRules()
    {
        var router = new RuleRouter(Options.Create(new McuHubOptions
        {
            Territories =
            [
                new Territory { Code = "central", Name = "Центральный", GeoJson = Square(60.0, 56.0, 60.1, 56.1) },
                new Territory { Code = "north", Name = "Северный", GeoJson = Square(60.0, 56.1, 60.1, 56.2) },
            ],
            Rules = [new RoutingRule { Name = "север", Territories = ["north"], Recipients = ["north-admin"] }],
        }));

        var decision = router.Route(new HubMessage { Text = "т", Territory = "central", Latitude = 56.15, Longitude = 60.05 });

        Assert.Equal("north", decision.Territory);
        Assert.Equal(["north-admin"], decision.Recipients);
        Assert.Null(router.Route(new HubMessage { Text = "т", Territory = "north", Latitude = 56.15, Longitude = 60.05 }).Territory);
        Assert.Same(RoutingDecision.None, router.Route(new HubMessage { Text = "т", Latitude = 10, Longitude = 10 }));
    }

    [Fact]
    public void Route_TenThousandRules_ChecksOnlyTheCandidateRules()
    {
        var rules = Enumerable.Range(0, 10_000).Select(i => new RoutingRule
        {
            Name = "r" + i,
            Order = i,
            Categories = [i % 2 == 0 ? "roads" : "housing-utilities"],
            AnyWords = [$"слово{i}", "общ" + (i % 500)],
            Recipients = ["x"],
        }).ToList();
        rules.Add(new RoutingRule { Name = "kind-only", Order = 20_000, Kinds = [MessageKind.Appeal], Recipients = ["y"] });
        var compiled = new RuleSetCompiler(null, TimeSpan.FromMilliseconds(100)).Compile(rules);
        var context = new EvaluationContext(new WorkingCalendar(new ProductionCalendar()), null, NullLogger.Instance);
        var message = new HubMessage { Block = "roads", Category = "road-repair", Kind = MessageKind.Message, Text = "Здесь слово77 и общ3 и ещё слово5000" };

        // Stems that start a word: «слово7», «слово77», «слово5», «слово50», «слово500», «слово5000» and «общ3» (20 rules);
        // of those only the rules for roads (even numbers) are filed under the message's block: r50, r500, r5000.
        Assert.Equal(3, compiled.CountCandidates(message, context));
        var router = new RuleRouter(Options.Create(new McuHubOptions()));
        Assert.Equal(["r50"], router.Route(message, compiled, explain: false).MatchedRules);
        Assert.Equal(["r50"], router.Route(message, compiled, explain: true).MatchedRules);
    }

    [Fact]
    public void Route_IndexedEvaluation_AgreesWithCheckingEveryRule()
    {
        var random = new Random(20260302);
        string[] channels = ["pos", "api", "edds"];
        string[] categories = ["roads", "road-repair", "snow-removal", "housing-utilities", "heating", "waste"];
        string[] territories = ["central", "north"];
        string[] words = ["ям", "яма", "дорог", "снег", "отоплен", "мусор", "двор", "ремонт дорог", "свет"];
        string[] texts =
        [
            "Яма на дороге во дворе", "Снег не убран, гололед", "Нет отопления", "Мусор во дворе не вывозят",
            "Ремонт дороги не закончен", "Нет света в подъезде", "Спасибо за работу", "Ямы и снег на дороге",
        ];
        var router = Router();
        var compiler = new RuleSetCompiler(new HubDirectory([], [], DefaultDirectory.Categories()), TimeSpan.FromMilliseconds(100));
        T[] Some<T>(T[] values) => [.. values.Where(_ => random.Next(4) == 0)];

        for (var set = 0; set < 200; set++)
        {
            var rules = Enumerable.Range(0, random.Next(1, 30)).Select(i => new RoutingRule
            {
                Name = "r" + i,
                Order = random.Next(10),
                Enabled = random.Next(10) > 0,
                StopOnMatch = random.Next(3) == 0,
                Channels = [.. Some(channels)],
                Kinds = [.. Some([MessageKind.Message, MessageKind.Appeal])],
                Categories = [.. Some(categories)],
                Territories = [.. Some(territories)],
                AnyWords = [.. Some(words)],
                AllWords = [.. random.Next(5) == 0 ? Some(words) : []],
                AuthorType = (RuleAuthorType)random.Next(3),
                SetCategory = random.Next(6) == 0 ? categories[random.Next(categories.Length)] : null,
                Recipients = [.. Some(["a", "b", "c"])],
                Tags = [.. Some(["t1", "t2"])],
            }).ToList();
            var compiled = compiler.Compile(rules);

            for (var m = 0; m < 20; m++)
            {
                var category = random.Next(5) == 0 ? null : categories[random.Next(categories.Length)];
                var message = new HubMessage
                {
                    Channel = channels[random.Next(channels.Length)],
                    Kind = random.Next(2) == 0 ? MessageKind.Message : MessageKind.Appeal,
                    Category = category,
                    Block = category is null ? null : new HubDirectory([], [], DefaultDirectory.Categories()).BlockOf(category),
                    Territory = random.Next(3) == 0 ? null : territories[random.Next(territories.Length)],
                    AuthorIsOrganisation = random.Next(2) == 0,
                    Text = texts[random.Next(texts.Length)],
                };

                var fast = router.Route(message, compiled, explain: false);
                var full = router.Route(message, compiled, explain: true);
                Assert.Equal(full.MatchedRules, fast.MatchedRules);
                Assert.Equal(full.Recipients, fast.Recipients);
                Assert.Equal(full.Tags, fast.Tags);
                Assert.Equal(full.Category, fast.Category);
                Assert.Equal(full.AutomatedDelivery, fast.AutomatedDelivery);
            }
        }
    }

    internal static string Square(double west, double south, double east, double north) => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $$"""{"type":"Polygon","coordinates":[[[{{west}},{{south}}],[{{east}},{{south}}],[{{east}},{{north}}],[{{west}},{{north}}],[{{west}},{{south}}]]]}""");
}

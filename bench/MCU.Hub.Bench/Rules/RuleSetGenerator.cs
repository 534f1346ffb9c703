using MCU.Hub.Directories;
using MCU.Hub.Messages;
using MCU.Hub.Routing;

namespace MCU.Hub.Bench.Rules;

/// <summary>
/// Generates rule sets and messages deterministically. Every rule has the same shape: one category (topic or block) and
/// <c>AnyWords</c> with two stems — a word specific to the rule (like a street or an object name) and a common Russian
/// stem shared by many rules («ям», «мусор», «отоплен» …) — and stops at the first match.
/// </summary>
internal static class RuleSetGenerator
{
    private static readonly string[] Syllables =
    [
        "ба", "ве", "ги", "до", "жу", "зы", "ка", "ле", "ми", "но", "пу", "ры", "са", "те", "фи",
        "хо", "цу", "ча", "ше", "бо", "ви", "гу", "де", "жа", "зо", "ку", "ла", "мо", "ну", "ро",
    ];

    private static readonly string[] CommonStems =
    [
        "дорог", "ям", "асфальт", "тротуар", "обочин", "снег", "сугроб", "гололед", "наледь", "отоплен", "батаре",
        "водоснабжен", "канализац", "подъезд", "крыш", "протеч", "лифт", "мусор", "контейнер", "свалк", "отход",
        "двор", "площадк", "скамейк", "газон", "дерев", "парк", "сквер", "фонар", "освещен", "электр", "газопровод",
        "автобус", "маршрут", "остановк", "трамва", "троллейбус", "светофор", "разметк", "парковк", "школ", "детсад",
        "кружк", "поликлиник", "больниц", "врач", "аптек", "пенси", "пособи", "льгот", "собак", "пожар", "шум",
        "стройк", "забор", "самостро", "аренд", "участ", "межеван", "стадион", "каток", "спортзал", "квартир",
        "расселен", "аварийн", "вырубк", "выброс", "запах", "загрязн", "урожа", "фермер", "скот", "мост", "ливнев",
    ];

    private static readonly string[] Filler =
    [
        "прошу", "помочь", "во", "дворе", "дома", "номер", "возле", "на", "улице", "уже", "неделю", "никто", "не",
        "реагирует", "жители", "просят", "срочно", "разобраться", "с", "ситуацией", "около", "магазина", "снова",
        "третий", "раз", "обращаемся", "администрация", "обещала", "но", "ничего", "сделано", "дети", "пожилые",
    ];

    private static readonly string[] Endings = ["", "а", "ы", "ами", "ой", "е", "ов"];

    /// <summary>Gets the category codes rules and messages use: every block and topic of the default directory.</summary>
    public static HubDirectory Directory { get; } = new([], [], DefaultDirectory.Categories());

    private static readonly string[] CategoryCodes = [.. Directory.Categories.Select(c => c.Code).Order(StringComparer.Ordinal)];

    /// <summary>The rule-specific stem of rule <paramref name="i"/>: four syllables, unique for i &lt; 810,000.</summary>
    public static string SpecificStem(int i)
    {
        var n = Syllables.Length;
        return string.Concat(Syllables[i % n], Syllables[i / n % n], Syllables[i / n / n % n], Syllables[i / n / n / n % n]);
    }

    /// <summary>Generates <paramref name="count"/> rules.</summary>
    public static List<RoutingRule> Rules(int count)
    {
        var random = new Random(1_000 + count);
        return
        [
            .. Enumerable.Range(0, count).Select(i => new RoutingRule
            {
                Name = $"rule-{i:D5}",
                Order = i,
                Categories = [CategoryCodes[random.Next(CategoryCodes.Length)]],
                AnyWords = [SpecificStem(i), CommonStems[random.Next(CommonStems.Length)]],
                Recipients = [$"dept-{i % 40}"],
            }),
        ];
    }

    /// <summary>Generates <paramref name="count"/> messages for a set of <paramref name="rules"/>: most mention one rule's words, some only common words.</summary>
    public static List<HubMessage> Messages(IReadOnlyList<RoutingRule> rules, int count)
    {
        var random = new Random(7_000 + rules.Count);
        var messages = new List<HubMessage>(count);
        for (var k = 0; k < count; k++)
        {
            var rule = rules[random.Next(rules.Count)];
            var words = Enumerable.Range(0, random.Next(5, 12)).Select(_ => Filler[random.Next(Filler.Length)]).ToList();
            if (random.Next(10) < 6)
                words.Insert(random.Next(words.Count + 1), rule.AnyWords[0] + Endings[random.Next(Endings.Length)]);
            if (random.Next(2) == 0)
                words.Insert(random.Next(words.Count + 1), CommonStems[random.Next(CommonStems.Length)] + Endings[random.Next(Endings.Length)]);
            var category = random.Next(10) < 6 ? rule.Categories[0] : CategoryCodes[random.Next(CategoryCodes.Length)];
            var text = string.Join(' ', words);
            messages.Add(new HubMessage
            {
                Id = $"m{k}",
                Channel = "pos",
                Kind = MessageKind.Message,
                Text = char.ToUpperInvariant(text[0]) + text[1..] + ".",
                Category = category,
                Block = Directory.BlockOf(category),
            });
        }

        return messages;
    }
}

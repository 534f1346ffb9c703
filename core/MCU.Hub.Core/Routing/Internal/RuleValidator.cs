using System.Text.RegularExpressions;

namespace MCU.Hub.Routing.Internal;

/// <summary>Checks a rule set: names, known codes, phrases with words, patterns that compile. Shared by the store and the options validator.</summary>
internal static class RuleValidator
{
    /// <summary>Checks <paramref name="rules"/>; a <see langword="null"/> code set skips that check.</summary>
    public static List<RuleValidationError> Validate(
        IReadOnlyList<RoutingRule> rules,
        IReadOnlySet<string>? recipients,
        IReadOnlySet<string>? categories,
        IReadOnlySet<string>? territories,
        TimeSpan regexTimeout,
        Func<string, bool>? fastTrackKnown = null)
    {
        var errors = new List<RuleValidationError>();
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (rule is null)
            {
                errors.Add(new($"#{i + 1}", "", "пустое правило"));
                continue;
            }

            var name = string.IsNullOrWhiteSpace(rule.Name) ? $"#{i + 1}" : rule.Name;
            void Error(string field, string problem) => errors.Add(new(name, field, problem));

            if (string.IsNullOrWhiteSpace(rule.Name))
                Error(nameof(RoutingRule.Name), "имя не задано");

            Blank(rule.Channels, nameof(RoutingRule.Channels), Error);
            foreach (var kind in rule.Kinds ?? [])
            {
                if (!Enum.IsDefined(kind))
                    Error(nameof(RoutingRule.Kinds), $"неизвестный вид сообщения '{(int)kind}'");
            }

            Known(rule.Categories, categories, nameof(RoutingRule.Categories), "неизвестная категория", Error);
            Known(rule.Territories, territories, nameof(RoutingRule.Territories), "неизвестная территория", Error);
            Phrases(rule.AnyWords, nameof(RoutingRule.AnyWords), Error);
            Phrases(rule.AllWords, nameof(RoutingRule.AllWords), Error);
            if (rule.Regex is not null)
            {
                if (string.IsNullOrWhiteSpace(rule.Regex))
                    Error(nameof(RoutingRule.Regex), "пустой шаблон: уберите поле или задайте выражение");
                else if (RuleSetCompiler.TryCreateRegex(rule.Regex, regexTimeout, out _) is { } problem)
                    Error(nameof(RoutingRule.Regex), $"шаблон /{rule.Regex}/ не разбирается: {problem}");
            }

            Blank(rule.SourceCategories, nameof(RoutingRule.SourceCategories), Error);
            if (!Enum.IsDefined(rule.AuthorType))
                Error(nameof(RoutingRule.AuthorType), $"неизвестный тип автора '{(int)rule.AuthorType}'");
            if (!Enum.IsDefined(rule.Time))
                Error(nameof(RoutingRule.Time), $"неизвестное условие времени '{(int)rule.Time}'");

            Known(rule.Recipients, recipients, nameof(RoutingRule.Recipients), "неизвестный получатель", Error);
            if (rule.SetCategory is not null)
                Known([rule.SetCategory], categories, nameof(RoutingRule.SetCategory), "неизвестная категория", Error);
            if (rule.DeadlinePolicy is not null && string.IsNullOrWhiteSpace(rule.DeadlinePolicy))
                Error(nameof(RoutingRule.DeadlinePolicy), "пустое имя правила сроков: уберите поле или задайте имя");
            if (rule.FastTrackEntry is { } entry)
            {
                if (string.IsNullOrWhiteSpace(entry))
                    Error(nameof(RoutingRule.FastTrackEntry), "пустой код позиции фаст-трека: уберите поле или задайте код");
                else if (fastTrackKnown is not null && !fastTrackKnown(entry))
                    Error(nameof(RoutingRule.FastTrackEntry), $"позиции фаст-трека «{entry}» нет в каталоге муниципального образования");
                if (!string.IsNullOrWhiteSpace(rule.DeadlinePolicy))
                    Error(nameof(RoutingRule.DeadlinePolicy), "срок правила фаст-трека задаёт позиция каталога: уберите DeadlinePolicy");
            }

            Blank(rule.Tags, nameof(RoutingRule.Tags), Error);
            Blank(rule.Notify, nameof(RoutingRule.Notify), Error);
        }

        foreach (var duplicate in rules.Where(r => r is not null && !string.IsNullOrWhiteSpace(r.Name)).GroupBy(r => r.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            errors.Add(new(duplicate.Key, nameof(RoutingRule.Name), $"имя повторяется {duplicate.Count()} раза"));

        return errors;
    }

    private static void Blank(List<string>? values, string field, Action<string, string> error)
    {
        if (values is null)
            return;
        if (values.Any(string.IsNullOrWhiteSpace))
            error(field, "пустое значение в списке");
    }

    private static void Known(List<string>? values, IReadOnlySet<string>? known, string field, string what, Action<string, string> error)
    {
        if (values is null)
            return;
        foreach (var value in values)
        {
            if (string.IsNullOrWhiteSpace(value))
                error(field, "пустое значение в списке");
            else if (known is not null && !known.Contains(value))
                error(field, $"{what} '{value}'");
        }
    }

    private static void Phrases(List<string>? phrases, string field, Action<string, string> error)
    {
        if (phrases is null)
            return;
        foreach (var phrase in phrases)
        {
            if (string.IsNullOrWhiteSpace(phrase) || new Phrase(phrase).Stems.Length == 0)
                error(field, $"«{phrase}»: нет ни одного слова");
        }
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace MCU.Hub.Routing.Internal;

/// <summary>Checks one condition of a compiled rule against an evaluation, optionally saying why (in Russian).</summary>
internal static class RuleConditions
{
    /// <summary>Checks <paramref name="kind"/> of <paramref name="rule"/>.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="kind">One of the rule's set conditions.</param>
    /// <param name="e">The evaluation.</param>
    /// <param name="describe">Whether to produce <paramref name="detail"/>; without it nothing is allocated on the common paths.</param>
    /// <param name="detail">What was compared and found, when <paramref name="describe"/> is set.</param>
    /// <returns>Whether the condition holds.</returns>
    public static bool Check(CompiledRule rule, ConditionKind kind, Evaluation e, bool describe, out string? detail)
    {
        detail = null;
        switch (kind)
        {
            case ConditionKind.Channels:
            {
                var held = rule.Channels!.Contains(e.Channel);
                if (describe)
                    detail = $"канал «{e.Channel}» {(held ? "входит" : "не входит")} в [{List(rule.Channels!)}]";
                return held;
            }

            case ConditionKind.Kinds:
            {
                var held = Array.IndexOf(rule.Kinds!, e.Kind) >= 0;
                if (describe)
                    detail = $"вид «{e.Kind}» {(held ? "входит" : "не входит")} в [{string.Join(", ", rule.Kinds!)}]";
                return held;
            }

            case ConditionKind.Categories:
            {
                var byCategory = e.Category is { } c && rule.Categories!.Contains(c);
                var held = byCategory || (e.Block is { } b && rule.Categories!.Contains(b));
                if (describe)
                {
                    detail = e.Category is null && e.Block is null
                        ? $"категория не определена; нужна одна из [{List(rule.Categories!)}]"
                        : $"категория «{e.Category}» (блок «{e.Block}») {(held ? "входит" : "не входит")} в [{List(rule.Categories!)}]";
                }

                return held;
            }

            case ConditionKind.Territories:
            {
                var held = e.Territory is { } t && rule.Territories!.Contains(t);
                if (describe)
                {
                    detail = e.Territory is null
                        ? $"территория не определена; нужна одна из [{List(rule.Territories!)}]"
                        : $"территория «{e.Territory}» {(held ? "входит" : "не входит")} в [{List(rule.Territories!)}]";
                }

                return held;
            }

            case ConditionKind.SourceCategories:
            {
                var found = e.SourceSubcategory is { } sub && rule.SourceCategories!.Contains(sub) ? sub
                    : e.SourceCategory is { } cat && rule.SourceCategories!.Contains(cat) ? cat
                    : null;
                if (describe)
                {
                    detail = found is not null
                        ? $"категория источника «{found}»"
                        : $"категория источника «{e.SourceCategory}»/«{e.SourceSubcategory}» не входит в [{List(rule.SourceCategories!)}]";
                }

                return found is not null;
            }

            case ConditionKind.AuthorType:
            {
                var held = rule.AuthorType == RuleAuthorType.Organisation ? e.AuthorIsOrganisation : !e.AuthorIsOrganisation;
                if (describe)
                    detail = $"автор — {(e.AuthorIsOrganisation ? "организация" : "гражданин")}";
                return held;
            }

            case ConditionKind.AnyWords:
            {
                var words = e.Words;
                foreach (var phrase in rule.AnyWords!)
                {
                    var at = phrase.FindIn(words);
                    if (at >= 0)
                    {
                        if (describe)
                            detail = $"найдено «{phrase.Matched(words, at)}» по «{phrase.Text}»";
                        return true;
                    }
                }

                if (describe)
                    detail = $"не найдено ни одно из: {string.Join(", ", rule.AnyWords!.Select(p => p.Text))}";
                return false;
            }

            case ConditionKind.AllWords:
            {
                var words = e.Words;
                List<string>? found = describe ? [] : null;
                foreach (var phrase in rule.AllWords!)
                {
                    var at = phrase.FindIn(words);
                    if (at < 0)
                    {
                        if (describe)
                            detail = $"не найдено «{phrase.Text}»";
                        return false;
                    }

                    found?.Add($"«{phrase.Matched(words, at)}» по «{phrase.Text}»");
                }

                if (describe)
                    detail = $"найдены все: {string.Join(", ", found!)}";
                return true;
            }

            case ConditionKind.Time:
            {
                var working = e.IsWorkingTime;
                var held = rule.Time == RuleTimeCondition.Working ? working : !working;
                if (describe)
                {
                    var local = TimeZoneInfo.ConvertTime(e.At, e.Context.Calendar.TimeZone);
                    detail = $"поступило {local.ToString("dd.MM.yyyy HH:mm zzz", CultureInfo.InvariantCulture)} — {(working ? "рабочее" : "нерабочее")} время";
                }

                return held;
            }

            case ConditionKind.Regex:
                return CheckRegex(rule, e, describe, out detail);

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>Explains a rule that matched: each condition with why it held.</summary>
    public static RuleExplanation Describe(CompiledRule rule, Evaluation e)
    {
        var results = new ConditionResult[rule.Conditions.Length];
        var all = true;
        for (var i = 0; i < results.Length; i++)
        {
            var condition = rule.Conditions[i];
            var held = Check(rule, condition, e, describe: true, out var detail);
            results[i] = new ConditionResult(condition.ToString(), held, detail!);
            all &= held;
        }

        return new RuleExplanation(rule.Name, rule.Version, rule.Order, all, results);
    }

    private static bool CheckRegex(CompiledRule rule, Evaluation e, bool describe, out string? detail)
    {
        detail = null;
        if (rule.Regex is null)
        {
            var problem = $"Автоправило «{rule.Name}»: ошибка в регулярном выражении ({rule.RegexError}); условие не выполняется";
            _ = e.Warn(problem);
            if (describe)
                detail = problem;
            return false;
        }

        try
        {
            var match = rule.Regex.Match(e.Text);
            if (describe)
                detail = match.Success ? $"совпадение «{Excerpt(match.Value)}» с /{rule.RegexPattern}/" : $"нет совпадения с /{rule.RegexPattern}/";
            return match.Success;
        }
        catch (RegexMatchTimeoutException ex)
        {
            var ms = ex.MatchTimeout.TotalMilliseconds;
            if (e.Warn($"Автоправило «{rule.Name}»: регулярное выражение не уложилось в {ms:0.###} мс; условие не выполняется"))
                RoutingLog.RegexTimedOut(e.Context.Logger, rule.Name, ms, e.MessageId);
            if (describe)
                detail = $"превышено время {ms:0.###} мс для /{rule.RegexPattern}/ — условие считается невыполненным";
            return false;
        }
    }

    private static string List(IEnumerable<string> values) => string.Join(", ", values.Order(StringComparer.Ordinal));

    private static string Excerpt(string value) => value.Length <= 80 ? value : string.Concat(value.AsSpan(0, 80), "…");
}

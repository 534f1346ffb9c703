using System.Text.RegularExpressions;
using MCU.Hub.Directories;
using MCU.Hub.Routing.Internal;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Routing;

/// <summary>Validates rule sets against the directory and compiles them for evaluation.</summary>
/// <remarks>Thread-safe. Compiling copies everything it needs: later changes to the <see cref="RoutingRule"/> instances have no effect.</remarks>
public sealed class RuleSetCompiler
{
    private const RegexOptions PatternOptions = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;

    private readonly HubDirectory? _directory;
    private readonly FastTrack.FastTrackCatalog? _fastTrack;
    private readonly string? _tenant;

    /// <summary>Creates the compiler for the municipality's directory.</summary>
    /// <param name="directory">The directory whose recipients, categories and territories rules may name.</param>
    /// <param name="options">The routing options.</param>
    public RuleSetCompiler(HubDirectory directory, IOptions<RoutingOptions> options)
        : this(directory, options.Value.RegexTimeout)
    {
    }

    /// <summary>Creates the compiler for the municipality's directory and fast-track catalogue.</summary>
    /// <param name="directory">The directory whose recipients, categories and territories rules may name.</param>
    /// <param name="options">The routing options.</param>
    /// <param name="fastTrack">The fast-track catalogues whose entries rules may name (<see cref="RoutingRule.FastTrackEntry"/>).</param>
    public RuleSetCompiler(HubDirectory directory, IOptions<RoutingOptions> options, FastTrack.FastTrackCatalog fastTrack)
        : this(directory, options.Value.RegexTimeout)
    {
        _fastTrack = fastTrack;
    }

    private RuleSetCompiler(RuleSetCompiler other, string tenant)
        : this(other._directory, other.RegexTimeout)
    {
        _fastTrack = other._fastTrack;
        _tenant = tenant;
    }

    /// <summary>Creates the compiler.</summary>
    /// <param name="directory">The directory whose codes rules may name; <see langword="null"/> to check no codes.</param>
    /// <param name="regexTimeout">How long one regular expression may run on one message.</param>
    public RuleSetCompiler(HubDirectory? directory, TimeSpan regexTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(regexTimeout, TimeSpan.Zero);
        _directory = directory;
        RegexTimeout = regexTimeout;
    }

    /// <summary>Gets how long one regular expression may run on one message.</summary>
    public TimeSpan RegexTimeout { get; }

    /// <summary>
    /// Gets a compiler that checks the fast-track entries rules name against the catalogue of <paramref name="tenant"/>
    /// (this compiler checks the default municipality's).
    /// </summary>
    /// <param name="tenant">The municipality whose rule set the compiler checks.</param>
    /// <returns>The compiler.</returns>
    public RuleSetCompiler ForTenant(string tenant) => new(this, tenant);

    /// <summary>Checks a rule set: names present and unique, codes known to the directory, phrases with words, patterns that compile.</summary>
    /// <param name="rules">The rules.</param>
    /// <returns>The problems, each naming its rule and field; empty when the set is valid.</returns>
    public IReadOnlyList<RuleValidationError> Validate(IReadOnlyList<RoutingRule> rules) =>
        RuleValidator.Validate(
            rules,
            _directory?.Recipients.Select(r => r.Code).ToHashSet(StringComparer.Ordinal),
            _directory?.Categories.Select(c => c.Code).ToHashSet(StringComparer.Ordinal),
            _directory?.Territories.Select(t => t.Code).ToHashSet(StringComparer.Ordinal),
            RegexTimeout,
            _fastTrack is { } catalog ? code => catalog.Find(_tenant, code) is not null : null);

    /// <summary>Throws when <see cref="Validate"/> finds a problem.</summary>
    /// <param name="rules">The rules.</param>
    /// <exception cref="RuleSetValidationException">The set is invalid; the exception lists every problem.</exception>
    public void EnsureValid(IReadOnlyList<RoutingRule> rules)
    {
        var errors = Validate(rules);
        if (errors.Count > 0)
            throw new RuleSetValidationException(errors);
    }

    /// <summary>Compiles a stored rule set version.</summary>
    /// <param name="version">The version.</param>
    /// <returns>The compiled set.</returns>
    public CompiledRuleSet Compile(RuleSetVersion version) => Compile(version.Rules, version.Version, version.RuleVersions);

    /// <summary>
    /// Compiles rules without validating them: a rule whose pattern does not compile never matches and is reported in
    /// <see cref="CompiledRuleSet.Problems"/>.
    /// </summary>
    /// <param name="rules">The rules; disabled ones are kept only for explanations.</param>
    /// <param name="version">The stored version the rules come from; 0 for a draft.</param>
    /// <param name="ruleVersions">Each rule's version by name; a rule not listed gets <paramref name="version"/>.</param>
    /// <returns>The compiled set.</returns>
    public CompiledRuleSet Compile(IEnumerable<RoutingRule> rules, int version = 0, IReadOnlyDictionary<string, int>? ruleVersions = null)
    {
        var ordered = rules.OrderBy(r => r.Order).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        var compiled = new List<CompiledRule>(ordered.Count);
        var disabled = new List<(string, int, int)>();
        var problems = new List<string>();
        foreach (var rule in ordered)
        {
            var ruleVersion = ruleVersions is not null && ruleVersions.TryGetValue(rule.Name, out var v) ? v : version;
            if (!rule.Enabled)
            {
                disabled.Add((rule.Name, ruleVersion, rule.Order));
                continue;
            }

            var c = CompileRule(rule, compiled.Count, ruleVersion);
            if (c.RegexError is not null)
                problems.Add($"автоправило «{rule.Name}», Regex: {c.RegexError}");
            compiled.Add(c);
        }

        return new CompiledRuleSet(version, [.. compiled], [.. disabled], problems);
    }

    /// <summary>Creates the regular expression of a rule as evaluation uses it.</summary>
    /// <returns>The problem, or <see langword="null"/> when the pattern compiles.</returns>
    internal static string? TryCreateRegex(string pattern, TimeSpan timeout, out Regex? regex)
    {
        try
        {
            regex = new Regex(pattern, PatternOptions, timeout);
            return null;
        }
        catch (ArgumentException ex)
        {
            regex = null;
            return ex.Message;
        }
    }

    private CompiledRule CompileRule(RoutingRule rule, int position, int version)
    {
        var conditions = new List<ConditionKind>();
        CodeSet? Set(List<string>? values, ConditionKind kind, bool ignoreCase = false)
        {
            if (values is not { Count: > 0 })
                return null;
            conditions.Add(kind);
            return new CodeSet(values, ignoreCase);
        }

        Phrase[]? Phrases(List<string>? values, ConditionKind kind)
        {
            if (values is not { Count: > 0 })
                return null;
            conditions.Add(kind);
            return [.. values.Select(v => new Phrase(v ?? ""))];
        }

        var channels = Set(rule.Channels, ConditionKind.Channels);
        MessageKind[]? kinds = null;
        if (rule.Kinds is { Count: > 0 })
        {
            conditions.Add(ConditionKind.Kinds);
            kinds = [.. rule.Kinds.Distinct()];
        }

        var categories = Set(rule.Categories, ConditionKind.Categories);
        var territories = Set(rule.Territories, ConditionKind.Territories);
        var sources = Set(rule.SourceCategories, ConditionKind.SourceCategories, ignoreCase: true);
        if (rule.AuthorType != RuleAuthorType.Any)
            conditions.Add(ConditionKind.AuthorType);
        var anyWords = Phrases(rule.AnyWords, ConditionKind.AnyWords);
        var allWords = Phrases(rule.AllWords, ConditionKind.AllWords);
        if (rule.Time != RuleTimeCondition.Any)
            conditions.Add(ConditionKind.Time);

        Regex? regex = null;
        string? regexError = null;
        var pattern = string.IsNullOrWhiteSpace(rule.Regex) ? null : rule.Regex;
        if (pattern is not null)
        {
            conditions.Add(ConditionKind.Regex);
            regexError = TryCreateRegex(pattern, RegexTimeout, out regex);
        }

        conditions.Sort();
        return new CompiledRule
        {
            Position = position,
            Name = rule.Name,
            Version = version,
            Order = rule.Order,
            StopOnMatch = rule.StopOnMatch,
            Conditions = [.. conditions],
            Channels = channels,
            Kinds = kinds,
            Categories = categories,
            Territories = territories,
            SourceCategories = sources,
            AuthorType = rule.AuthorType,
            AnyWords = anyWords,
            AllWords = allWords,
            AnyWordsImpliedByIndex = allWords is null && anyWords is not null && Array.TrueForAll(anyWords, p => p.Stems.Length <= 1),
            Time = rule.Time,
            Regex = regex,
            RegexPattern = pattern,
            RegexError = regexError,
            Recipients = [.. (rule.Recipients ?? []).Distinct(StringComparer.Ordinal)],
            SetCategory = rule.SetCategory,
            SetBlock = rule.SetCategory is null ? null : _directory?.BlockOf(rule.SetCategory),
            FastTrack = rule.FastTrack,
            AutomatedDelivery = rule.AutomatedDelivery,
            DeadlinePolicy = string.IsNullOrWhiteSpace(rule.DeadlinePolicy) ? null : rule.DeadlinePolicy,
            FastTrackEntry = string.IsNullOrWhiteSpace(rule.FastTrackEntry) ? null : rule.FastTrackEntry,
            Tags = [.. (rule.Tags ?? []).Distinct(StringComparer.Ordinal)],
            Notify = [.. (rule.Notify ?? []).Distinct(StringComparer.Ordinal)],
        };
    }
}

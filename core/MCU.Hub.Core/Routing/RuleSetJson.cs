using System.Collections.Frozen;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MCU.Hub.Routing;

/// <summary>
/// The JSON form of a rule set, for export and import:
/// <c>{ "format": "mcu-hub.rules", "version": 3, "savedAt": "…", "actor": "…", "comment": "…", "rules": [ … ] }</c>.
/// </summary>
/// <remarks>
/// Rules are written with camelCase property names and enum values by name (<c>"kinds": ["Message"]</c>,
/// <c>"authorType": "Citizen"</c>). Reading accepts any letter case, comments and trailing commas, and also a bare array of
/// rules; <c>version</c>, <c>savedAt</c> and <c>actor</c> are informative and ignored on import (the store assigns them).
/// Unknown properties are errors, so a misspelt condition cannot silently widen a rule.
/// </remarks>
public static class RuleSetJson
{
    /// <summary>The value of the <c>format</c> property.</summary>
    public const string Format = "mcu-hub.rules";

    private static readonly JsonSerializerOptions Write = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false) },
    };

    private static readonly JsonSerializerOptions Compact = new(Write) { WriteIndented = false };

    private static readonly JsonSerializerOptions Read = new(Write)
    {
        PropertyNameCaseInsensitive = true,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    // Copies keep whatever a rule holds, even an undefined enum value, so that validation can name it.
    private static readonly JsonSerializerOptions Copy = new()
    {
        Converters = { new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: true) },
    };

    private static readonly FrozenDictionary<string, PropertyInfo> RuleProperties =
        typeof(RoutingRule).GetProperties(BindingFlags.Public | BindingFlags.Instance).ToFrozenDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> DocumentProperties =
        new[] { "format", "version", "savedAt", "actor", "comment", "rules" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Writes a stored version as JSON.</summary>
    /// <param name="version">The version.</param>
    /// <returns>The indented JSON text.</returns>
    public static string Serialize(RuleSetVersion version) =>
        JsonSerializer.Serialize(new Document(Format, version.Version, version.SavedAt, version.Actor, version.Comment, version.Rules), Write);

    /// <summary>Writes rules that are not stored (a draft) as JSON, without version details.</summary>
    /// <param name="rules">The rules.</param>
    /// <returns>The indented JSON text.</returns>
    public static string Serialize(IReadOnlyList<RoutingRule> rules) =>
        JsonSerializer.Serialize(new Document(Format, null, null, null, null, rules), Write);

    /// <summary>Reads the rules of a JSON rule set, checking its shape and types (not the codes it names).</summary>
    /// <param name="json">A document of this format, or a bare array of rules.</param>
    /// <returns>The rules, in the order written.</returns>
    /// <exception cref="RuleSetValidationException">The JSON is malformed; each error names the rule (or its place) and the field.</exception>
    public static IReadOnlyList<RoutingRule> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new RuleSetValidationException([new("", ex.Path ?? "$", $"JSON не разбирается (строка {ex.LineNumber + 1}, позиция {ex.BytePositionInLine + 1})")]);
        }

        using (document)
        {
            var errors = new List<RuleValidationError>();
            var rules = ReadDocument(document.RootElement, errors);
            if (errors.Count > 0)
                throw new RuleSetValidationException(errors);
            return rules;
        }
    }

    /// <summary>Writes one rule as a JSON object of this format (one element of <c>rules</c>).</summary>
    /// <param name="rule">The rule.</param>
    /// <returns>The indented JSON text.</returns>
    public static string SerializeRule(RoutingRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return JsonSerializer.Serialize(rule, Write);
    }

    /// <summary>Reads one rule written as a JSON object of this format, checking its shape and types (not the codes it names).</summary>
    /// <param name="json">The rule object.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="RuleSetValidationException">The JSON is malformed or not an object; each error names the field.</exception>
    public static RoutingRule ParseRule(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new RuleSetValidationException([new("", ex.Path ?? "$", $"JSON не разбирается (строка {ex.LineNumber + 1}, позиция {ex.BytePositionInLine + 1})")]);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new RuleSetValidationException([new("", "$", "ожидался объект правила")]);
            var errors = new List<RuleValidationError>();
            var rule = ReadRule(document.RootElement, 1, errors);
            if (errors.Count > 0 || rule is null)
                throw new RuleSetValidationException(errors);
            return rule;
        }
    }

    /// <summary>Copies a rule deeply.</summary>
    internal static RoutingRule Clone(RoutingRule rule) => Normalise(JsonSerializer.Deserialize<RoutingRule>(JsonSerializer.Serialize(rule, Copy), Copy)!);

    /// <summary>The compact JSON of one rule: equal texts mean equal rules.</summary>
    internal static string Canonical(RoutingRule rule) => JsonSerializer.Serialize(rule, Compact);

    /// <summary>The compact JSON array of rules, as the store keeps them.</summary>
    internal static string SerializeRules(IReadOnlyList<RoutingRule> rules) => JsonSerializer.Serialize(rules, Compact);

    /// <summary>Reads rules written by <see cref="SerializeRules"/>.</summary>
    internal static List<RoutingRule> DeserializeRules(string json) =>
        [.. (JsonSerializer.Deserialize<List<RoutingRule>>(json, Read) ?? []).Select(Normalise)];

    private static List<RoutingRule> ReadDocument(JsonElement root, List<RuleValidationError> errors)
    {
        JsonElement rulesElement;
        if (root.ValueKind == JsonValueKind.Array)
        {
            rulesElement = root;
        }
        else if (root.ValueKind == JsonValueKind.Object)
        {
            rulesElement = default;
            foreach (var property in root.EnumerateObject())
            {
                if (!DocumentProperties.Contains(property.Name))
                    errors.Add(new("", property.Name, "неизвестное поле документа"));
                else if (string.Equals(property.Name, "rules", StringComparison.OrdinalIgnoreCase))
                    rulesElement = property.Value;
                else if (string.Equals(property.Name, "format", StringComparison.OrdinalIgnoreCase)
                    && !(property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() == Format))
                    errors.Add(new("", "format", $"ожидался формат «{Format}», получено {property.Value.GetRawText()}"));
            }

            if (rulesElement.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new("", "rules", "нет списка правил (ожидался массив \"rules\")"));
                return [];
            }
        }
        else
        {
            errors.Add(new("", "$", "ожидался объект с полем \"rules\" или массив правил"));
            return [];
        }

        var rules = new List<RoutingRule>();
        var index = 0;
        foreach (var element in rulesElement.EnumerateArray())
        {
            index++;
            if (ReadRule(element, index, errors) is { } rule)
                rules.Add(rule);
        }

        return rules;
    }

    private static RoutingRule? ReadRule(JsonElement element, int index, List<RuleValidationError> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new($"#{index}", $"rules[{index - 1}]", "ожидался объект правила"));
            return null;
        }

        var name = $"#{index}";
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, nameof(RoutingRule.Name), StringComparison.OrdinalIgnoreCase)
                && property.Value.ValueKind == JsonValueKind.String
                && !string.IsNullOrWhiteSpace(property.Value.GetString()))
                name = property.Value.GetString()!;
        }

        var before = errors.Count;
        foreach (var property in element.EnumerateObject())
        {
            if (!RuleProperties.TryGetValue(property.Name, out var info))
            {
                errors.Add(new(name, property.Name, "неизвестное поле правила"));
                continue;
            }

            try
            {
                property.Value.Deserialize(info.PropertyType, Read);
            }
            catch (JsonException)
            {
                errors.Add(new(name, info.Name, $"неверное значение {Excerpt(property.Value.GetRawText())}"));
            }
        }

        if (errors.Count > before)
            return null;
        try
        {
            return Normalise(element.Deserialize<RoutingRule>(Read)!);
        }
        catch (JsonException ex)
        {
            errors.Add(new(name, ex.Path ?? "$", "правило не разбирается"));
            return null;
        }
    }

    /// <summary>Turns lists written as <c>null</c> into empty ones.</summary>
    private static RoutingRule Normalise(RoutingRule rule)
    {
        rule.Name ??= "";
        rule.Channels ??= [];
        rule.Kinds ??= [];
        rule.Categories ??= [];
        rule.Territories ??= [];
        rule.AnyWords ??= [];
        rule.AllWords ??= [];
        rule.SourceCategories ??= [];
        rule.Recipients ??= [];
        rule.Tags ??= [];
        rule.Notify ??= [];
        return rule;
    }

    private static string Excerpt(string raw) => raw.Length <= 60 ? raw : string.Concat(raw.AsSpan(0, 60), "…");

    private sealed record Document(
        string Format,
        int? Version,
        DateTimeOffset? SavedAt,
        string? Actor,
        string? Comment,
        IReadOnlyList<RoutingRule> Rules);
}

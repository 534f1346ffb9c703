using LiteDB;

namespace MCU.Hub.Routing.Internal;

/// <summary>A rule set version as the store keeps it: rules as JSON, each rule's version, the changes from the previous version.</summary>
internal sealed record StoredVersion(
    int Version,
    DateTimeOffset SavedAt,
    string Actor,
    string? Comment,
    string RulesJson,
    IReadOnlyDictionary<string, int> RuleVersions,
    IReadOnlyList<RuleChange> Changes)
{
    /// <summary>Makes the version after <paramref name="previous"/>: a rule keeps its version unless it is new or its content changed.</summary>
    public static StoredVersion Next(StoredVersion? previous, IReadOnlyList<RoutingRule> rules, string actor, string? comment, DateTimeOffset now)
    {
        var number = (previous?.Version ?? 0) + 1;
        var before = previous is null
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : RuleSetJson.DeserializeRules(previous.RulesJson).GroupBy(r => r.Name, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => RuleSetJson.Canonical(g.First()), StringComparer.Ordinal);
        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        var changes = new List<RuleChange>();
        foreach (var rule in rules)
        {
            if (versions.ContainsKey(rule.Name))
                continue;
            if (before.TryGetValue(rule.Name, out var old))
            {
                var same = old == RuleSetJson.Canonical(rule);
                versions[rule.Name] = same ? previous!.RuleVersions.GetValueOrDefault(rule.Name, previous.Version) : number;
                if (!same)
                    changes.Add(new(rule.Name, RuleChangeKind.Changed));
            }
            else
            {
                versions[rule.Name] = number;
                changes.Add(new(rule.Name, RuleChangeKind.Added));
            }
        }

        changes.AddRange(before.Keys.Where(name => !versions.ContainsKey(name)).Order(StringComparer.Ordinal).Select(name => new RuleChange(name, RuleChangeKind.Removed)));
        return new StoredVersion(number, now, actor, comment, RuleSetJson.SerializeRules(rules), versions, changes);
    }

    public static StoredVersion FromBson(BsonDocument doc) => new(
        doc["_id"].AsInt32,
        new DateTimeOffset(doc["savedAt"].AsInt64, TimeSpan.Zero),
        doc["actor"].AsString,
        doc["comment"].IsNull ? null : doc["comment"].AsString,
        doc["rules"].AsString,
        doc["ruleVersions"].AsArray.Select(v => v.AsDocument).ToDictionary(v => v["name"].AsString, v => v["version"].AsInt32, StringComparer.Ordinal),
        [.. doc["changes"].AsArray.Select(v => v.AsDocument).Select(v => new RuleChange(v["rule"].AsString, Enum.Parse<RuleChangeKind>(v["kind"].AsString)))]);

    public BsonDocument ToBson() => new()
    {
        ["_id"] = Version,

        // Instants as UTC ticks, like the hub store: exact and ordered.
        ["savedAt"] = SavedAt.UtcTicks,
        ["actor"] = Actor,
        ["comment"] = Comment is null ? BsonValue.Null : new BsonValue(Comment),
        ["rules"] = RulesJson,
        ["ruleVersions"] = new BsonArray(RuleVersions.Select(kv => (BsonValue)new BsonDocument { ["name"] = kv.Key, ["version"] = kv.Value })),
        ["changes"] = new BsonArray(Changes.Select(c => (BsonValue)new BsonDocument { ["rule"] = c.Rule, ["kind"] = c.Kind.ToString() })),
    };

    public RuleSetVersion ToVersion() => new()
    {
        Version = Version,
        SavedAt = SavedAt,
        Actor = Actor,
        Comment = Comment,
        Rules = RuleSetJson.DeserializeRules(RulesJson),
        RuleVersions = RuleVersions,
        Changes = Changes,
    };

    public RuleSetVersionInfo ToInfo() => new(Version, SavedAt, Actor, Comment, RuleVersions.Count, Changes);
}

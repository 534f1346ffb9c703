using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MCU.Hub.Grpc.V1;
using MCU.Hub.Host.Security;
using MCU.Hub.People;
using MCU.Hub.Intake;
using Microsoft.AspNetCore.Authorization;
using MCU.Hub.Storage;
using CoreRouting = MCU.Hub.Routing;

namespace MCU.Hub.Host.Grpc;

/// <summary>The <c>mcu.hub.v1.RuleService</c>: the caller's municipality's versioned rule set, explain and dry run.</summary>
[Authorize(Policy = Permissions.ReadMessages)]
internal sealed class RuleGrpcService(CoreRouting.TenantRuleStores stores, CoreRouting.RuleExplainer explainer, TenantAccess access) : RuleService.RuleServiceBase
{
    public override async Task<RuleSet> GetRuleSet(GetRuleSetRequest request, ServerCallContext context)
    {
        var rules = stores.For(Caller.Of(context).Tenant);
        var version = request.Version == 0
            ? await rules.GetCurrentAsync(context.CancellationToken)
            : await rules.GetVersionAsync(request.Version, context.CancellationToken)
                ?? throw new RpcException(new Status(StatusCode.NotFound, $"version: версии набора автоправил {request.Version} нет"));
        return ToProto(version);
    }

    public override async Task<ListRuleSetVersionsResponse> ListRuleSetVersions(ListRuleSetVersionsRequest request, ServerCallContext context)
    {
        var rules = stores.For(Caller.Of(context).Tenant);
        var response = new ListRuleSetVersionsResponse();
        foreach (var v in await rules.ListVersionsAsync(context.CancellationToken))
        {
            var info = new MCU.Hub.Grpc.V1.RuleSetVersionInfo
            {
                Version = v.Version, SavedAt = Timestamp.FromDateTimeOffset(v.SavedAt), SavedBy = v.Actor, Comment = v.Comment ?? "", RuleCount = v.RuleCount,
            };
            info.Changes.AddRange(v.Changes.Select(Describe));
            response.Versions.Add(info);
        }

        return response;
    }

    [Authorize(Policy = Permissions.EditRules)]
    public override async Task<RuleSet> SaveRuleSet(SaveRuleSetRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.Json))
            throw new HubValidationException("json", "набор автоправил не передан");
        var caller = Caller.Of(context);
        var rules = stores.For(caller.Tenant);
        return ToProto(await Validated(() => rules.ImportJsonAsync(request.Json, caller.Actor, Empty(request.Comment), context.CancellationToken)));
    }

    public override async Task<MCU.Hub.Grpc.V1.RoutingPreview> ExplainMessage(ExplainMessageRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.MessageId))
            throw new HubValidationException("message_id", "идентификатор сообщения не указан");
        await access.MessageAsync(Caller.Of(context), request.MessageId, context.CancellationToken);
        var draft = Draft(request.DraftJson);
        return ToProto(await Validated(() => explainer.ExplainAsync(request.MessageId, draft, context.CancellationToken)));
    }

    public override async Task<DryRunRulesResponse> DryRunRules(DryRunRulesRequest request, ServerCallContext context)
    {
        if (request.LastMessages is < 0 or > 10_000)
            throw new HubValidationException("last_messages", "число сообщений должно быть от 1 до 10000");
        var draft = Draft(request.DraftJson);
        var report = await Validated(() => explainer.DryRunAsync(Caller.Of(context).Tenant, draft, request.LastMessages == 0 ? 100 : request.LastMessages, context.CancellationToken));
        var response = new DryRunRulesResponse { Messages = report.Messages, Changed = report.Changed, ToManualTriage = report.ToManualTriage };
        response.RuleHits.Add(report.RuleHits.ToDictionary(h => h.Key, h => h.Value));
        response.Items.AddRange(report.Items.Where(i => request.IncludeUnchanged || i.WouldChange).Select(ToProto));
        response.Warnings.AddRange(report.Warnings);
        return response;
    }

    public override async Task<ExportRulesResponse> ExportRules(ExportRulesRequest request, ServerCallContext context)
    {
        var version = await VersionAsync(stores.For(Caller.Of(context).Tenant), request.Version, context.CancellationToken);
        return new ExportRulesResponse { Version = version.Version, Json = CoreRouting.RuleSetJson.Serialize(version), FileName = $"mcu-hub-rules-v{version.Version}.json" };
    }

    [Authorize(Policy = Permissions.EditRules)]
    public override async Task<RuleSet> ImportRules(ImportRulesRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var rules = stores.For(caller.Tenant);
        if (string.IsNullOrWhiteSpace(request.Json))
            throw new HubValidationException("json", "документ автоправил не передан");
        if (!IsExportDocument(request.Json))
            throw new HubValidationException("json", $"ожидался документ экспорта: объект с \"format\": \"{CoreRouting.RuleSetJson.Format}\" и списком \"rules\"");
        return ToProto(await Validated(() => rules.ImportJsonAsync(request.Json, caller.Actor, Empty(request.Comment), context.CancellationToken)));
    }

    public override async Task<ListRulesResponse> ListRules(ListRulesRequest request, ServerCallContext context)
    {
        var version = await VersionAsync(stores.For(Caller.Of(context).Tenant), request.Version, context.CancellationToken);
        var response = new ListRulesResponse { RuleSetVersion = version.Version };
        response.Rules.AddRange(version.Rules.OrderBy(r => r.Order).ThenBy(r => r.Name, StringComparer.Ordinal).Select(r => ToProto(r, version)));
        return response;
    }

    public override async Task<Rule> GetRule(GetRuleRequest request, ServerCallContext context)
    {
        var name = RuleName(request.Name);
        var version = await stores.For(Caller.Of(context).Tenant).GetCurrentAsync(context.CancellationToken);
        var rule = version.Rules.FirstOrDefault(r => r.Name == name) ?? throw RuleNotFound(name);
        return ToProto(rule, version);
    }

    [Authorize(Policy = Permissions.EditRules)]
    public override async Task<RuleSet> PutRule(PutRuleRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var rules = stores.For(caller.Tenant);
        var name = RuleName(request.Name);
        if (string.IsNullOrWhiteSpace(request.Json))
            throw new HubValidationException("json", "правило не передано");
        CoreRouting.RoutingRule rule;
        try
        {
            rule = CoreRouting.RuleSetJson.ParseRule(request.Json);
        }
        catch (CoreRouting.RuleSetValidationException ex)
        {
            throw Invalid("json", ex);
        }

        if (rule.Name.Length == 0)
            rule.Name = name;
        else if (rule.Name != name)
            throw new HubValidationException("name", $"имя в пути «{name}» не совпадает с именем в правиле «{rule.Name}»");

        var current = await rules.GetCurrentAsync(context.CancellationToken);
        var updated = current.Rules.ToList();
        var at = updated.FindIndex(r => r.Name == name);
        if (at >= 0)
            updated[at] = rule;
        else
            updated.Add(rule);
        var comment = Empty(request.Comment) ?? (at >= 0 ? $"Изменено правило «{name}»" : $"Добавлено правило «{name}»");
        return ToProto(await Validated(() => rules.SaveAsync(updated, caller.Actor, comment, context.CancellationToken)));
    }

    [Authorize(Policy = Permissions.EditRules)]
    public override async Task<RuleSet> DeleteRule(DeleteRuleRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var rules = stores.For(caller.Tenant);
        var name = RuleName(request.Name);
        var current = await rules.GetCurrentAsync(context.CancellationToken);
        var remaining = current.Rules.Where(r => r.Name != name).ToList();
        if (remaining.Count == current.Rules.Count)
            throw RuleNotFound(name);
        var comment = Empty(request.Comment) ?? $"Удалено правило «{name}»";
        return ToProto(await Validated(() => rules.SaveAsync(remaining, caller.Actor, comment, context.CancellationToken)));
    }

    private static async Task<CoreRouting.RuleSetVersion> VersionAsync(CoreRouting.IRuleStore rules, int number, CancellationToken cancellationToken)
    {
        if (number < 0)
            throw new HubValidationException("version", "номер версии не может быть отрицательным");
        return number == 0
            ? await rules.GetCurrentAsync(cancellationToken)
            : await rules.GetVersionAsync(number, cancellationToken)
                ?? throw new RpcException(new Status(StatusCode.NotFound, $"version: версии набора автоправил {number} нет"));
    }

    private static string RuleName(string name) =>
        string.IsNullOrWhiteSpace(name) ? throw new HubValidationException("name", "имя автоправила не указано") : name;

    private static RpcException RuleNotFound(string name) =>
        new(new Status(StatusCode.NotFound, $"name: автоправила «{name}» нет в текущей версии набора"));

    private static bool IsExportDocument(string json)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json, new System.Text.Json.JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = System.Text.Json.JsonCommentHandling.Skip });
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && document.RootElement.EnumerateObject().Any(p => string.Equals(p.Name, "format", StringComparison.OrdinalIgnoreCase));
        }
        catch (System.Text.Json.JsonException)
        {
            // Malformed JSON: the engine's parser names the line and position.
            return true;
        }
    }

    private static Rule ToProto(CoreRouting.RoutingRule rule, CoreRouting.RuleSetVersion version) => new()
    {
        Name = rule.Name,
        Version = version.RuleVersions.GetValueOrDefault(rule.Name, version.Version),
        Order = rule.Order,
        Enabled = rule.Enabled,
        Json = CoreRouting.RuleSetJson.SerializeRule(rule),
    };

    private static IReadOnlyList<CoreRouting.RoutingRule>? Draft(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return null;
        try
        {
            return CoreRouting.RuleSetJson.Parse(json);
        }
        catch (CoreRouting.RuleSetValidationException ex)
        {
            throw Invalid("draft_json", ex);
        }
    }

    private static async Task<T> Validated<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (CoreRouting.RuleSetValidationException ex)
        {
            throw Invalid("json", ex);
        }
    }

    private static RpcException Invalid(string field, CoreRouting.RuleSetValidationException ex) =>
        new(new Status(StatusCode.InvalidArgument, $"{field}: " + string.Join("; ", ex.Errors.Select(e => e.ToString()))));

    private static RuleSet ToProto(CoreRouting.RuleSetVersion v) => new()
    {
        Version = v.Version,
        SavedAt = Timestamp.FromDateTimeOffset(v.SavedAt),
        SavedBy = v.Actor,
        Comment = v.Comment ?? "",
        Json = CoreRouting.RuleSetJson.Serialize(v),
        RuleCount = v.Rules.Count,
    };

    private static MCU.Hub.Grpc.V1.RoutingPreview ToProto(CoreRouting.RoutingPreview p)
    {
        var proto = new MCU.Hub.Grpc.V1.RoutingPreview
        {
            MessageId = p.MessageId, Channel = p.Channel, ExternalId = p.ExternalId, ToManualTriage = p.ToManualTriage,
        };
        proto.MatchedRules.AddRange(p.Decision.Matches.Select(m => m.ToString()));
        proto.Recipients.AddRange(p.Decision.Recipients);
        foreach (var e in p.Decision.Explanations)
        {
            var explanation = new MCU.Hub.Grpc.V1.RuleExplanation { Rule = e.Rule, Version = e.Version, Order = e.Order, Matched = e.Matched, Note = e.Note ?? "" };
            explanation.Conditions.AddRange(e.Conditions.Select(c => new MCU.Hub.Grpc.V1.ConditionResult { Condition = c.Condition, Held = c.Held, Detail = c.Detail }));
            proto.Explanations.Add(explanation);
        }

        proto.Changes.AddRange(p.Changes.Select(c => new RoutingChange { Field = c.Field, OldValue = c.Old ?? "", NewValue = c.New ?? "" }));
        proto.Warnings.AddRange(p.Decision.Warnings);
        return proto;
    }

    private static string Describe(CoreRouting.RuleChange change) => change.Kind switch
    {
        CoreRouting.RuleChangeKind.Added => $"Добавлено: {change.Rule}",
        CoreRouting.RuleChangeKind.Removed => $"Удалено: {change.Rule}",
        _ => $"Изменено: {change.Rule}",
    };

    private static string? Empty(string value) => string.IsNullOrEmpty(value) ? null : value;
}

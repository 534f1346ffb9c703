using MCU.Hub.Directories;
using MCU.Hub.Routing;
using MCU.Hub.Routing.Internal;
using Microsoft.Extensions.Options;

namespace MCU.Hub;

/// <summary>Checks the references inside <see cref="McuHubOptions"/> at start-up: rules and recipients must name known codes.</summary>
public sealed class McuHubOptionsValidator : IValidateOptions<McuHubOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, McuHubOptions options)
    {
        var errors = new List<string>();
        if (!options.Storage.IsPostgreSql && !string.Equals(options.Storage.Provider, Storage.StorageOptions.LiteDb, StringComparison.OrdinalIgnoreCase))
            errors.Add($"McuHub:Storage:Provider: неизвестное хранилище '{options.Storage.Provider}' (есть litedb и postgresql)");
        if (options.Storage.IsPostgreSql && string.IsNullOrWhiteSpace(options.Storage.ConnectionString))
            errors.Add("McuHub:Storage:ConnectionString: для хранилища postgresql нужна строка подключения");
        if (options.Oktmo.Length > 0 && !Tenants.TenantDirectory.IsOktmo(options.Oktmo))
            errors.Add($"McuHub:Oktmo: код ОКТМО должен состоять из 8 или 11 цифр ('{options.Oktmo}')");
        for (var i = 0; i < options.Tenants.Count; i++)
        {
            if (!Tenants.TenantDirectory.IsOktmo(options.Tenants[i].Oktmo))
                errors.Add($"McuHub:Tenants:{i}:Oktmo: код ОКТМО должен состоять из 8 или 11 цифр ('{options.Tenants[i].Oktmo}')");
        }

        foreach (var duplicate in options.Tenants.GroupBy(t => t.Oktmo, StringComparer.Ordinal).Where(g => g.Count() > 1))
            errors.Add($"McuHub:Tenants: код ОКТМО '{duplicate.Key}' повторяется");
        foreach (var channel in options.Tenants.SelectMany(t => t.Channels.Select(c => (c, t.Oktmo))).GroupBy(p => p.c, StringComparer.Ordinal).Where(g => g.Select(p => p.Oktmo).Distinct().Count() > 1))
            errors.Add($"McuHub:Tenants: канал '{channel.Key}' отнесён к нескольким муниципальным образованиям");
        var recipients = options.Recipients.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        var categories = (options.Categories.Count > 0 ? options.Categories : DefaultDirectory.Categories()).Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var territories = options.Territories.Select(t => t.Code).ToHashSet(StringComparer.Ordinal);

        foreach (var territory in options.Territories.Where(t => !string.IsNullOrWhiteSpace(t.GeoJson)))
        {
            if (Territories.PolygonTerritoryLocator.Check(territory.GeoJson!) is { } problem)
                errors.Add($"McuHub:Territories:{territory.Code}:GeoJson: {problem}");
        }

        foreach (var r in options.Recipients.Where(r => string.IsNullOrWhiteSpace(r.Code)))
            errors.Add($"McuHub:Recipients: получатель «{r.Name}» без кода");
        // The same checks as a rule set saved through the rule store (names, known codes, phrases, patterns).
        foreach (var e in RuleValidator.Validate(options.Rules, recipients, categories, territories, RoutingOptions.DefaultRegexTimeout))
            errors.Add($"McuHub:Rules:{e.Rule}:{e.Field}: {e.Problem}");

        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(options.Deadlines.Schedule.TimeZone);
        }
        catch (TimeZoneNotFoundException)
        {
            errors.Add($"McuHub:Deadlines:Schedule:TimeZone: неизвестный часовой пояс '{options.Deadlines.Schedule.TimeZone}'");
        }

        var policies = options.Deadlines.EffectivePolicies();
        foreach (var duplicate in options.Deadlines.Policies.GroupBy(p => p.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            errors.Add($"McuHub:Deadlines:Policies: имя политики сроков '{duplicate.Key}' повторяется");
        foreach (var policy in options.Deadlines.Policies.Where(p => string.IsNullOrWhiteSpace(p.Name) || p.Amount < 0 || p.MaxExtension < 0))
            errors.Add($"McuHub:Deadlines:Policies:{policy.Name}: нужны имя и неотрицательные Amount и MaxExtension");
        errors.AddRange(options.Deadlines.EffectiveAssignments().Where(a => !policies.ContainsKey(a.Policy))
            .Select(a => $"McuHub:Deadlines:Assignments: неизвестная политика сроков '{a.Policy}'"));

        var rating = options.Kpi.Rating;
        if (rating.MinimumVolume < 1)
            errors.Add($"McuHub:Kpi:Rating:MinimumVolume: должно быть не меньше 1 ({rating.MinimumVolume})");
        double[] weights = [rating.CompletenessWeight, rating.TimelinessWeight, rating.SubstanceWeight, rating.SatisfactionWeight];
        if (weights.Any(w => !double.IsFinite(w) || w < 0) || weights.Sum() <= 0)
            errors.Add("McuHub:Kpi:Rating: веса составляющих рейтинга должны быть неотрицательными, и хотя бы один — больше нуля");
        foreach (var (indicator, years) in options.Kpi.Plans)
        {
            foreach (var (year, plan) in years.Where(p => !double.IsFinite(p.Value) || p.Value < 0))
                errors.Add($"McuHub:Kpi:Plans:{indicator}:{year}: плановое значение должно быть неотрицательным числом ({plan})");
        }

        errors.AddRange(options.Reports.Validate());

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

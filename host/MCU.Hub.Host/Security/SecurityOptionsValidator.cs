using MCU.Hub.Tenants;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Host.Security;

/// <summary>Checks the credentials at start-up: hashes well formed, names unique, municipalities and scopes known.</summary>
internal sealed class SecurityOptionsValidator(TenantDirectory tenants) : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            var at = $"McuHub:Security:ApiKeys:{i}";
            if (string.IsNullOrWhiteSpace(key.Name))
                errors.Add($"{at}:Name: у ключа нет имени");
            var hex = key.KeyHash.Trim().ToLowerInvariant();
            if (!hex.StartsWith("sha256:", StringComparison.Ordinal) || hex.Length != 71 || !hex[7..].All(char.IsAsciiHexDigitLower))
                errors.Add($"{at}:KeyHash: нужен хеш вида sha256:<64 шестнадцатеричные цифры> (команда apikey new его печатает), сам ключ хранить нельзя");
            if (!tenants.Contains(tenants.Normalize(key.Tenant)))
                errors.Add($"{at}:Tenant: муниципальное образование '{key.Tenant}' не обслуживается этим узлом (McuHub:Tenants)");
            foreach (var t in key.Tenants.Where(t => !tenants.Contains(t)))
                errors.Add($"{at}:Tenants: муниципальное образование '{t}' не обслуживается этим узлом");
            foreach (var s in key.Scopes.Where(s => !Scopes.All.Contains(s)))
                errors.Add($"{at}:Scopes: неизвестная область доступа '{s}' (известны: {string.Join(", ", Scopes.All)})");
            if (key.Scopes.Count == 0 && key.Roles.Count == 0)
                errors.Add($"{at}:Scopes: ключ без областей доступа и ролей ничего не может");
            foreach (var r in key.Roles.Where(r => !People.Roles.Grants.ContainsKey(r)))
                errors.Add($"{at}:Roles: неизвестная роль '{r}' (известны: {string.Join(", ", People.Roles.All)})");
            if (key.RequestsPerSecond is < 0)
                errors.Add($"{at}:RequestsPerSecond: должно быть не меньше 0");
        }

        foreach (var duplicate in options.ApiKeys.GroupBy(k => k.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            errors.Add($"McuHub:Security:ApiKeys: имя ключа '{duplicate.Key}' повторяется");
        if (options.Jwt.SigningKey.Length > 0)
        {
            var bytes = new byte[options.Jwt.SigningKey.Length];
            if (!Convert.TryFromBase64String(options.Jwt.SigningKey, bytes, out var length) || length < 32)
                errors.Add("McuHub:Security:Jwt:SigningKey: нужен ключ в base64 длиной не меньше 32 байт");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

using System.CommandLine;
using System.Security.Cryptography;
using MCU.Hub.Host.Security;

namespace MCU.Hub.Host.Cli;

/// <summary>The <c>apikey new</c> command: makes a random API key and prints it with the configuration that stores its hash.</summary>
internal static class ApiKeyCli
{
    public static Command Command(TextWriter output, TextWriter error)
    {
        var name = new Option<string>("--name") { Description = "Имя ключа: видно в журнале аудита и истории сообщений", Required = true };
        var tenant = new Option<string>("--tenant") { Description = "Код ОКТМО муниципального образования (пусто — основное)", DefaultValueFactory = _ => "" };
        var scopes = new Option<string[]>("--scopes") { Description = "Области доступа: read, write, admin, region", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [] };
        var roles = new Option<string[]>("--roles") { Description = "Роли по положениям о МЦУ вместо областей (для стендов): " + string.Join(", ", People.Roles.All), AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [] };
        var index = new Option<int>("--index") { Description = "Номер ключа в McuHub:Security:ApiKeys", DefaultValueFactory = _ => 0 };
        var create = new Command("new", "Создать ключ API: ключ печатается один раз, в конфигурацию идёт только его хеш") { name, tenant, scopes, roles, index };
        create.SetAction(parse =>
        {
            var chosen = parse.GetValue(scopes)!.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            if (chosen.FirstOrDefault(s => !Scopes.All.Contains(s)) is { } unknown)
            {
                error.WriteLine($"scopes: неизвестная область доступа '{unknown}' (известны: {string.Join(", ", Scopes.All)})");
                return 2;
            }

            var named = parse.GetValue(roles)!.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            if (named.FirstOrDefault(r => !People.Roles.Grants.ContainsKey(r)) is { } unknownRole)
            {
                error.WriteLine($"roles: неизвестная роль '{unknownRole}' (известны: {string.Join(", ", People.Roles.All)})");
                return 2;
            }

            if (chosen.Count == 0 && named.Count == 0)
            {
                error.WriteLine("scopes: укажите области доступа (--scopes) или роли (--roles)");
                return 2;
            }

            var code = parse.GetValue(tenant) ?? "";
            if (code.Length > 0 && !Tenants.TenantDirectory.IsOktmo(code))
            {
                error.WriteLine($"tenant: код ОКТМО должен состоять из 8 или 11 цифр ('{code}')");
                return 2;
            }

            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            var i = parse.GetValue(index);
            output.WriteLine($"Ключ (сохраните: больше он нигде не хранится): {key}");
            output.WriteLine();
            output.WriteLine("Настройки хоста (переменные окружения):");
            output.WriteLine($"McuHub__Security__ApiKeys__{i}__Name={parse.GetValue(name)}");
            output.WriteLine($"McuHub__Security__ApiKeys__{i}__KeyHash={ApiKeyHash.Of(key)}");
            if (code.Length > 0)
                output.WriteLine($"McuHub__Security__ApiKeys__{i}__Tenant={code}");
            for (var s = 0; s < chosen.Count; s++)
                output.WriteLine($"McuHub__Security__ApiKeys__{i}__Scopes__{s}={chosen[s]}");
            for (var r = 0; r < named.Count; r++)
                output.WriteLine($"McuHub__Security__ApiKeys__{i}__Roles__{r}={named[r]}");
            return 0;
        });
        return new Command("apikey", "Ключи API для региональных систем и других муниципалитетов") { create };
    }
}

using System.Collections.Concurrent;
using MCU.Hub.Storage;
using MCU.Hub.Tenants;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Routing;

/// <summary>
/// The rule sets of the municipalities one hub serves: each tenant routes its messages by its own versioned rule set.
/// </summary>
/// <remarks>
/// The default tenant's set is the <see cref="IRuleStore"/> registered in the container, so a single-municipality hub
/// sees no difference. Another tenant's set starts, like the default one, from the configured rules
/// (<see cref="McuHubOptions.Rules"/>) and lives in its own collection; a change to it never touches another tenant's.
/// </remarks>
public sealed class TenantRuleStores : IDisposable
{
    private readonly IRuleStore _default;
    private readonly TenantDirectory _tenants;
    private readonly Func<string, IRuleStore> _open;
    private readonly ConcurrentDictionary<string, Lazy<IRuleStore>> _stores = new(StringComparer.Ordinal);

    /// <summary>Creates the registry.</summary>
    /// <param name="defaultStore">The default tenant's rule store.</param>
    /// <param name="tenants">The tenants.</param>
    /// <param name="store">The hub store; rule sets share its file when it is LiteDB.</param>
    /// <param name="compiler">The rule compiler.</param>
    /// <param name="options">The engine options, with the configured rules.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public TenantRuleStores(IRuleStore defaultStore, TenantDirectory tenants, IHubStore store, RuleSetCompiler compiler, IOptions<McuHubOptions> options, TimeProvider time, ILogger<LiteDbRuleStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _default = defaultStore;
        _tenants = tenants;
        var seed = options.Value.Rules;
        _open = store is LiteDbHubStore lite
            ? tenant => LiteDbRuleStore.ForTenant(lite, tenant, compiler.ForTenant(tenant), seed, time, logger)
            : tenant => LiteDbRuleStore.InMemory(compiler.ForTenant(tenant), seed, time, logger);
    }

    /// <summary>Creates the registry for a hub store that keeps rule sets itself (a server database).</summary>
    /// <param name="defaultStore">The default tenant's rule store.</param>
    /// <param name="tenants">The tenants.</param>
    /// <param name="open">Opens the rule store of another tenant.</param>
    internal TenantRuleStores(IRuleStore defaultStore, TenantDirectory tenants, Func<string, IRuleStore> open)
    {
        _default = defaultStore;
        _tenants = tenants;
        _open = open;
    }

    /// <summary>Gets the rule store of a tenant.</summary>
    /// <param name="tenant">The tenant's ОКТМО code; empty or <see langword="null"/> for the default tenant.</param>
    /// <returns>The store.</returns>
    /// <exception cref="KeyNotFoundException">The hub does not serve the tenant.</exception>
    public IRuleStore For(string? tenant)
    {
        var code = _tenants.Normalize(tenant);
        if (code == _tenants.Default)
            return _default;
        if (!_tenants.Contains(code))
            throw new KeyNotFoundException($"Муниципальное образование с кодом ОКТМО '{code}' не обслуживается этим узлом");
        return _stores.GetOrAdd(code, c => new Lazy<IRuleStore>(() => _open(c))).Value;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var store in _stores.Values.Where(s => s.IsValueCreated).Select(s => s.Value).OfType<IDisposable>())
            store.Dispose();
    }
}

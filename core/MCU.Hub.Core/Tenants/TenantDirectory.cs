using Microsoft.Extensions.Options;

namespace MCU.Hub.Tenants;

/// <summary>The municipalities (tenants) the hub serves, and which tenant each channel's items belong to.</summary>
/// <remarks>
/// A hub configured with neither <see cref="McuHubOptions.Oktmo"/> nor <see cref="McuHubOptions.Tenants"/> serves one
/// tenant whose code is empty: everything written before tenants were configured belongs to it, and the store moves
/// such records to the default tenant once one is configured.
/// </remarks>
public sealed class TenantDirectory
{
    private readonly Dictionary<string, TenantDefinition> _byCode;
    private readonly Dictionary<string, string> _byChannel;

    /// <summary>Creates the directory from the engine options.</summary>
    /// <param name="options">The engine options.</param>
    public TenantDirectory(IOptions<McuHubOptions> options)
        : this(options.Value)
    {
    }

    /// <summary>Creates the directory from the engine options.</summary>
    /// <param name="options">The engine options.</param>
    public TenantDirectory(McuHubOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Default = DefaultOf(options);
        var all = new List<TenantDefinition>(options.Tenants);
        if (all.All(t => t.Oktmo != Default))
            all.Insert(0, new TenantDefinition { Oktmo = Default, Name = Default.Length == 0 ? "Муниципальное образование" : Default });
        All = all;
        _byCode = all.GroupBy(t => t.Oktmo, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _byChannel = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tenant in all)
        {
            foreach (var channel in tenant.Channels)
                _byChannel.TryAdd(channel, tenant.Oktmo);
        }
    }

    /// <summary>Gets the default tenant's ОКТМО code (empty in a hub configured with none).</summary>
    public string Default { get; }

    /// <summary>Gets every tenant, the default one first when it is not listed.</summary>
    public IReadOnlyList<TenantDefinition> All { get; }

    /// <summary>Gets the codes of every tenant.</summary>
    public IReadOnlyList<string> Codes => [.. All.Select(t => t.Oktmo)];

    /// <summary>Tells whether the hub serves a tenant.</summary>
    /// <param name="oktmo">The ОКТМО code.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool Contains(string oktmo) => _byCode.ContainsKey(oktmo);

    /// <summary>Gets the name of a tenant.</summary>
    /// <param name="oktmo">The ОКТМО code.</param>
    /// <returns>The name, or the code itself for an unknown tenant.</returns>
    public string NameOf(string oktmo) => _byCode.TryGetValue(oktmo, out var t) && t.Name.Length > 0 ? t.Name : oktmo;

    /// <summary>Gets the tenant whose items a channel carries.</summary>
    /// <param name="channel">The channel code.</param>
    /// <returns>The tenant's code: the one that names the channel, otherwise the default.</returns>
    public string ForChannel(string channel) => _byChannel.TryGetValue(channel, out var oktmo) ? oktmo : Default;

    /// <summary>Gets the tenant a stored record belongs to, reading a record written before tenants as the default tenant's.</summary>
    /// <param name="tenant">The stored tenant code, possibly <see langword="null"/>.</param>
    /// <returns>The tenant's code.</returns>
    public string Normalize(string? tenant) => string.IsNullOrEmpty(tenant) ? Default : tenant;

    /// <summary>Gets the default tenant of some options, without building a directory.</summary>
    /// <param name="options">The engine options.</param>
    /// <returns><see cref="McuHubOptions.Oktmo"/>, else the first tenant's code, else empty.</returns>
    public static string DefaultOf(McuHubOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Oktmo.Length > 0 ? options.Oktmo : options.Tenants.FirstOrDefault()?.Oktmo ?? "";
    }

    /// <summary>Tells whether a text is a well-formed ОКТМО code: 8 digits (a municipality) or 11 (a settlement).</summary>
    /// <param name="code">The text.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    public static bool IsOktmo(string? code) => code is { Length: 8 or 11 } && code.All(char.IsAsciiDigit);
}

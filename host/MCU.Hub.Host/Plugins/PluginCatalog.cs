using System.Reflection;
using McMaster.NETCore.Plugins;
using MCU.Hub.Channels;
using MCU.Hub.Host.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace MCU.Hub.Host.Plugins;

/// <summary>
/// Finds channel plugins (<c>{plugins}/{Name}/{Name}.dll</c>), loads each into its own load context through the plugin
/// loader, checks the contract version and lets each enabled plugin register its services. A plugin that fails any
/// step is recorded with the reason and skipped; the host goes on without it.
/// </summary>
public sealed class PluginCatalog
{
    private readonly List<PluginLoadResult> _results = [];

    /// <summary>Gets what happened to each plugin folder.</summary>
    public IReadOnlyList<PluginLoadResult> Results => _results;

    /// <summary>Gets the plugins that were loaded and configured.</summary>
    public IEnumerable<PluginLoadResult> Loaded => _results.Where(r => r.State == PluginState.Loaded);

    /// <summary>Loads every plugin under <paramref name="pluginsPath"/> and configures the enabled ones.</summary>
    /// <param name="pluginsPath">The plugins folder.</param>
    /// <param name="services">The host's services.</param>
    /// <param name="channelsSection">The <c>McuHub:Channels</c> configuration section.</param>
    /// <returns>The catalog.</returns>
    public static PluginCatalog Load(string pluginsPath, IServiceCollection services, IConfiguration channelsSection)
    {
        var catalog = new PluginCatalog();
        if (!System.IO.Directory.Exists(pluginsPath))
            return catalog;

        foreach (var folder in System.IO.Directory.GetDirectories(pluginsPath).Order(StringComparer.Ordinal))
            catalog._results.Add(LoadOne(folder, services, channelsSection));
        return catalog;
    }

    private static PluginLoadResult LoadOne(string folder, IServiceCollection services, IConfiguration channelsSection)
    {
        var name = Path.GetFileName(folder);
        var dll = Path.Combine(folder, name + ".dll");
        if (!File.Exists(dll))
            return new(folder, PluginState.NotSupported, null, $"в папке плагина нет сборки {name}.dll");

        IChannelPlugin plugin;
        try
        {
            var loader = PluginLoader.CreateFromAssemblyFile(dll, SharedPluginTypes.All, config => config.IsUnloadable = false);
            var assembly = loader.LoadDefaultAssembly();
            var versionProblem = CheckContract(assembly, name);
            if (versionProblem is not null)
                return new(folder, PluginState.NotSupported, null, versionProblem);

            var types = assembly.GetTypes()
                .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && typeof(IChannelPlugin).IsAssignableFrom(t))
                .ToArray();
            if (types.Length != 1)
            {
                return new(folder, PluginState.NotSupported, null,
                    $"плагин {name} должен содержать ровно один открытый класс, реализующий IChannelPlugin (найдено: {types.Length})");
            }

            if (types[0].GetConstructor(Type.EmptyTypes) is null)
                return new(folder, PluginState.NotSupported, null, $"класс {types[0].FullName} плагина {name} должен иметь открытый конструктор без параметров");
            plugin = (IChannelPlugin)Activator.CreateInstance(types[0])!;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new(folder, PluginState.Malfunctioned, null, $"плагин {name} не загружен: {Describe(ex)}");
        }

        ChannelDescriptor descriptor;
        try
        {
            descriptor = plugin.Descriptor;
            var problem = ChannelCode.Validate(descriptor.Code);
            if (problem is not null)
                return new(folder, PluginState.NotSupported, null, $"плагин {name}: {problem}");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new(folder, PluginState.Malfunctioned, null, $"плагин {name} не описал свой канал: {Describe(ex)}");
        }

        var channelSection = channelsSection.GetSection(descriptor.Code);
        if (!channelSection.GetValue<bool>(nameof(ChannelOptions.Enabled)))
            return new(folder, PluginState.Disabled, descriptor, $"канал {descriptor.Code} не включён (McuHub:Channels:{descriptor.Code}:Enabled)") { Plugin = plugin };

        // A plugin that throws halfway must leave nothing behind: remove what it had registered.
        var before = services.Count;
        try
        {
            plugin.ConfigureServices(services, channelSection.GetSection("Settings"));
            if (!services.Skip(before).Any(d => d.ServiceType == typeof(IChannelConnector) && Equals(d.ServiceKey, descriptor.Code)))
            {
                RemoveFrom(services, before);
                return new(folder, PluginState.NotSupported, descriptor,
                    $"плагин {name} не зарегистрировал IChannelConnector с ключом '{descriptor.Code}'");
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            RemoveFrom(services, before);
            return new(folder, PluginState.Malfunctioned, descriptor, $"плагин {name} не настроил свои службы: {Describe(ex)}");
        }

        return new(folder, PluginState.Loaded, descriptor, null) { Plugin = plugin };
    }

    private static void RemoveFrom(IServiceCollection services, int count)
    {
        while (services.Count > count)
            services.RemoveAt(services.Count - 1);
    }

    private static string? CheckContract(Assembly assembly, string name)
    {
        var host = new Version(ContractVersion.Major, ContractVersion.Minor);
        var attribute = assembly.GetCustomAttribute<ChannelPluginContractAttribute>();
        if (attribute is null)
        {
            return $"плагин {name} не объявляет версию контракта: добавьте [assembly: ChannelPluginContract(ContractVersion.Major, ContractVersion.Minor)] " +
                $"и пересоберите его с MCU.Hub.Abstractions {host.Major}.x";
        }

        var built = new Version(attribute.Major, attribute.Minor);
        if (built.Major != host.Major || built.Minor > host.Minor)
        {
            return $"плагин {name} собран для контракта {built}, а хост поддерживает {host} " +
                $"(нужна та же основная версия и не новее дополнительной): пересоберите плагин с MCU.Hub.Abstractions {host.Major}.{host.Minor} или обновите хост";
        }

        return null;
    }

    private static string Describe(Exception ex) => ex switch
    {
        ReflectionTypeLoadException r => string.Join("; ", r.LoaderExceptions.Where(e => e is not null).Select(e => e!.Message).Distinct()),
        TargetInvocationException { InnerException: { } inner } => inner.Message,
        _ => ex.Message,
    };
}

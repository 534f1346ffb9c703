namespace MCU.Hub.Host.Plugins;

/// <summary>What became of a plugin found in the plugins folder.</summary>
public enum PluginState
{
    /// <summary>Loaded and configured; its channel can run.</summary>
    Loaded,

    /// <summary>Loaded, but its channel is not enabled in configuration.</summary>
    Disabled,

    /// <summary>Refused: built for another contract version, or not a valid plugin.</summary>
    NotSupported,

    /// <summary>Failed while loading or configuring; the host runs without it.</summary>
    Malfunctioned,
}

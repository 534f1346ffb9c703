namespace MCU.Hub.Plugins.Common;

/// <summary>The part of the shared <c>ContractHttp</c> that names this plugin's external system.</summary>
internal static partial class ContractHttp
{
    /// <summary>The system's name in messages.</summary>
    public const string System = "«Инцидент Менеджмент»";
}

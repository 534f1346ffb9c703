namespace MCU.Hub.Emulators.Common;

/// <summary>The social networks of the emulated contracts (the <c>network</c> field).</summary>
public static class SocialNetworks
{
    /// <summary>ВКонтакте.</summary>
    public const string Vk = "vk";

    /// <summary>Одноклассники.</summary>
    public const string Ok = "ok";

    /// <summary>Telegram.</summary>
    public const string Telegram = "telegram";

    /// <summary>Gets every network the emulators use.</summary>
    public static IReadOnlyList<string> All { get; } = [Vk, Ok, Telegram];
}

namespace MCU.Hub.Emulators.GovPublics;

/// <summary>The organisation that owns an official page: JSON <c>{ "id": "5299000011", "name": "..." }</c>.</summary>
/// <param name="Id">The organisation's id in «Госпаблики» (the emulator uses a ten-digit ИНН-like number).</param>
/// <param name="Name">The organisation's name.</param>
public sealed record GovPublicsOwner(string Id, string Name);

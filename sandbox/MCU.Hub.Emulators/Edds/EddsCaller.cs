namespace MCU.Hub.Emulators.Edds;

/// <summary>Who called: JSON <c>{ "name", "phone" }</c>; either may be null.</summary>
/// <param name="Name">The name the caller gave.</param>
/// <param name="Phone">The number the call came from, in E.164 form.</param>
public sealed record EddsCaller(string? Name, string? Phone);

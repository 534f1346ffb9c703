namespace MCU.Hub.Emulators.PayAttention;

/// <summary>The author of a portal message: JSON <c>{ "name", "phone", "email" }</c>; any of them may be null.</summary>
/// <param name="Name">The name as the resident gave it.</param>
/// <param name="Phone">The phone number in E.164 form (<c>+79161234567</c>).</param>
/// <param name="Email">The e-mail address.</param>
public sealed record PayAttentionAuthor(string? Name, string? Phone, string? Email);

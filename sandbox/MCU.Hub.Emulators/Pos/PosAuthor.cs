namespace MCU.Hub.Emulators.Pos;

/// <summary>The author of a ПОС message: JSON <c>{ "name", "phone", "email" }</c>; any of them may be null.</summary>
/// <param name="Name">The name as the citizen gave it (usually «Фамилия Имя Отчество»).</param>
/// <param name="Phone">The phone number in E.164 form (<c>+79161234567</c>).</param>
/// <param name="Email">The e-mail address.</param>
public sealed record PosAuthor(string? Name, string? Phone, string? Email);

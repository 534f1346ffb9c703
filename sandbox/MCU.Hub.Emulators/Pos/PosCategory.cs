namespace MCU.Hub.Emulators.Pos;

/// <summary>A ПОС category or subcategory: JSON <c>{ "id": 1, "name": "Дороги" }</c>.</summary>
/// <param name="Id">The platform's numeric id of the category.</param>
/// <param name="Name">The category's Russian name as the platform shows it.</param>
public sealed record PosCategory(int Id, string Name);

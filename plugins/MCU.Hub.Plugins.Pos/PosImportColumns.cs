using MCU.Hub.Plugins.Common.Import;

namespace MCU.Hub.Plugins.Pos;

/// <summary>
/// The columns of the ПОС export (the .xlsx or .csv that staff download from the cabinet): the keys used in
/// <see cref="PosImportOptions.Columns"/>. No public description of the export exists; these are the headers as staff
/// see them, documented in the plugin's README and renamable in configuration.
/// </summary>
public static class PosImportColumns
{
    /// <summary>«Номер сообщения» (required): the message id, the same as <c>id</c> of the API.</summary>
    public const string Id = "Id";

    /// <summary>«Дата создания» (required): when the citizen sent the message.</summary>
    public const string CreatedAt = "CreatedAt";

    /// <summary>«Категория».</summary>
    public const string Category = "Category";

    /// <summary>«Подкатегория».</summary>
    public const string Subcategory = "Subcategory";

    /// <summary>«Текст сообщения» (required).</summary>
    public const string Text = "Text";

    /// <summary>«Заявитель»: the author's name.</summary>
    public const string Author = "Author";

    /// <summary>«Телефон».</summary>
    public const string Phone = "Phone";

    /// <summary>«E-mail».</summary>
    public const string Email = "Email";

    /// <summary>«Адрес»: the address of the problem.</summary>
    public const string Address = "Address";

    /// <summary>«Широта» (WGS 84 degrees; a decimal point or comma).</summary>
    public const string Latitude = "Latitude";

    /// <summary>«Долгота» (WGS 84 degrees).</summary>
    public const string Longitude = "Longitude";

    /// <summary>«Срок ответа»: the deadline the platform set.</summary>
    public const string DueAt = "DueAt";

    /// <summary>«Статус»: the status as the cabinet shows it.</summary>
    public const string Status = "Status";

    /// <summary>Gets the columns with their default headers, in the order of the export.</summary>
    internal static IReadOnlyList<ImportColumn> Defaults { get; } =
    [
        new(Id, true, ["Номер сообщения"]),
        new(CreatedAt, true, ["Дата создания"]),
        new(Category, false, ["Категория"]),
        new(Subcategory, false, ["Подкатегория"]),
        new(Text, true, ["Текст сообщения"]),
        new(Author, false, ["Заявитель"]),
        new(Phone, false, ["Телефон"]),
        new(Email, false, ["E-mail"]),
        new(Address, false, ["Адрес"]),
        new(Latitude, false, ["Широта"]),
        new(Longitude, false, ["Долгота"]),
        new(DueAt, false, ["Срок ответа"]),
        new(Status, false, ["Статус"]),
    ];
}

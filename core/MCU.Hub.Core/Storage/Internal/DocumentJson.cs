using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace MCU.Hub.Storage.Internal;

/// <summary>
/// The stored form of working-cycle documents: JSON, the same on every backend, so a document type needs no mapping
/// of its own and moves between stores unchanged.
/// </summary>
internal static partial class DocumentJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize<T>(T document) => JsonSerializer.Serialize(document, Options);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new InvalidDataException($"Пустой документ {typeof(T).Name} в хранилище");

    /// <summary>Checks a collection name before it becomes part of a collection or table key.</summary>
    public static string CollectionOf<T>() where T : IStoredDocument
    {
        var name = T.Collection;
        if (!CollectionName().IsMatch(name))
            throw new InvalidOperationException($"Имя коллекции документов «{name}» ({typeof(T).Name}) должно состоять из строчных латинских букв, цифр и «_».");
        return name;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,40}$")]
    private static partial Regex CollectionName();
}

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MCU.Hub.Storage.PostgreSql.Internal;

/// <summary>The JSON form of the hub's documents in jsonb columns: property names as in C#, enums by name.</summary>
internal static class StoreJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,

        // Cyrillic as it is rather than \uXXXX: a third of the bytes to send; jsonb keeps the same text either way.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new InvalidDataException($"Пустой документ {typeof(T).Name} в базе данных");

    /// <summary>An instant as UTC ticks: exact and ordered.</summary>
    public static long Ticks(DateTimeOffset value) => value.UtcTicks;
}

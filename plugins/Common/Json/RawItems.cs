using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MCU.Hub.Channels;

namespace MCU.Hub.Plugins.Common;

/// <summary>
/// Reads the items of a page one at a time from their raw JSON, so that an item that breaks the contract becomes an
/// <see cref="InvalidDataException"/> naming its field (and then a quarantined failure) instead of failing the page.
/// </summary>
internal static class RawItems
{
    /// <summary>
    /// Reads every item of a page with <paramref name="read"/>. An item that throws <see cref="InvalidDataException"/>
    /// becomes an <see cref="InboundFailure"/> (its raw JSON and the reason) and the rest of the page is kept.
    /// </summary>
    /// <typeparam name="T">What an item reads into.</typeparam>
    /// <param name="items">The page's items as raw JSON.</param>
    /// <param name="where">The page, for messages (<c>ПОС GET api/v1/messages</c>); <c>: items[i]</c> is appended.</param>
    /// <param name="read">Reads one item, given its JSON and where it is.</param>
    /// <param name="failures">Receives the failures.</param>
    /// <param name="onFailure">Called for each failure (the connector logs it).</param>
    /// <returns>The items read, in page order.</returns>
    public static List<T> ReadEach<T>(
        IReadOnlyList<JsonElement> items,
        string where,
        Func<JsonElement, string, T> read,
        List<InboundFailure> failures,
        Action<InboundFailure> onFailure)
    {
        var result = new List<T>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var raw = items[i];
            try
            {
                result.Add(read(raw, $"{where}: {At(i)}"));
            }
            catch (InvalidDataException ex)
            {
                var failure = new InboundFailure { ExternalId = PeekId(raw), RawPayload = raw.GetRawText(), Reason = ex.Message };
                failures.Add(failure);
                onFailure(failure);
            }
        }

        return result;
    }

    /// <summary>Reads one item.</summary>
    /// <param name="element">The item's JSON.</param>
    /// <param name="type">The wire type.</param>
    /// <param name="where">Where the item is, for the message (<c>ПОС GET api/v1/messages: items[3]</c>).</param>
    /// <exception cref="InvalidDataException">The item is null or does not match the wire type; the message names the field.</exception>
    public static T Read<T>(JsonElement element, JsonTypeInfo<T> type, string where)
        where T : class
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"{where} is {Describe(element.ValueKind)}, not an object.");

        try
        {
            return element.Deserialize(type) ?? throw new InvalidDataException($"{where} is null.");
        }
        catch (JsonException ex)
        {
            // The path is relative to the item ("$.created_at"); a missing required property is named in the message.
            var field = ex.Path is { Length: > 1 } path && path.StartsWith('$') ? path[1..] : string.Empty;
            throw new InvalidDataException($"{where}{field} does not match the contract: {ex.Message}", ex);
        }
    }

    /// <summary>Reads one item from a raw payload, as <see cref="Read{T}(JsonElement, JsonTypeInfo{T}, string)"/> does.</summary>
    /// <exception cref="InvalidDataException">The payload is not JSON, or the item does not match the wire type.</exception>
    public static T Read<T>(string rawPayload, JsonTypeInfo<T> type, string where)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(rawPayload);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(rawPayload);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{where} is not JSON: {ex.Message}", ex);
        }

        // The wire types copy every value, so the document can go as soon as the item is read.
        using (document)
            return Read(document.RootElement, type, where);
    }

    /// <summary>Gets the item's <c>id</c> when it can be read (a non-empty string or a number), for the failure record.</summary>
    public static string? PeekId(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("id", out var id))
            return null;

        return id.ValueKind switch
        {
            JsonValueKind.String when !string.IsNullOrWhiteSpace(id.GetString()) => id.GetString(),
            JsonValueKind.Number => id.GetRawText(),
            _ => null,
        };
    }

    /// <summary>Formats an item's position in a page: <c>items[3]</c>.</summary>
    public static string At(int index) => "items[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "empty",
    };
}

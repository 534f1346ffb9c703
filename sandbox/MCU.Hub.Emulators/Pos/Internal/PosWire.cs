using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MCU.Hub.Emulators.Pos.Internal;

/// <summary>The body of <c>GET /api/v1/messages</c>.</summary>
internal sealed record PosMessagePage(IReadOnlyList<PosMessage> Items, string NextCursor, bool HasMore);

/// <summary>The body of a successful <c>POST /api/v1/messages/{id}/answers</c>.</summary>
internal sealed record PosAnswerReceipt(string AnswerId);

/// <summary>The body of every error: <c>{ "error": "code", "message": "field: what is wrong" }</c>.</summary>
internal sealed record PosError(string Error, string Message);

/// <summary>JSON settings and cursor encoding of the emulated contract.</summary>
internal static class PosWire
{
    private const string CursorPrefix = "pos-log:";

    /// <summary>
    /// snake_case names. Relaxed escaping keeps Cyrillic, «», № and + readable in the demo's JSON; the API never
    /// serves HTML, so HTML-sensitive characters need no escaping.
    /// </summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Makes the opaque cursor that stands after <paramref name="sequence"/> items of the log.</summary>
    public static string EncodeCursor(long sequence) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(CursorPrefix + sequence.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Reads a cursor made by <see cref="EncodeCursor"/>.</summary>
    public static bool TryDecodeCursor(string cursor, out long sequence)
    {
        sequence = 0;
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(cursor);
        }
        catch (FormatException)
        {
            return false;
        }

        var text = Encoding.ASCII.GetString(bytes);
        return text.StartsWith(CursorPrefix, StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(CursorPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }
}

using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MCU.Hub.Emulators.Common;

/// <summary>The body of every error: <c>{ "error": "code", "message": "field: what is wrong" }</c>.</summary>
internal sealed record EmulatorError(string Error, string Message);

/// <summary>A page of a list endpoint: <c>{ "items": [...], "next_cursor": "...", "has_more": false }</c>.</summary>
internal sealed record EmulatorPage<T>(IReadOnlyList<T> Items, string NextCursor, bool HasMore);

/// <summary>JSON settings, opaque cursors and paging shared by the emulated contracts.</summary>
internal static class EmulatorJson
{
    /// <summary>The page size used when a request gives no <c>limit</c>.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>The largest page an emulator returns; a larger <c>limit</c> is cut to it.</summary>
    public const int MaxPageSize = 500;

    /// <summary>
    /// snake_case names. Relaxed escaping keeps Cyrillic, «», № and + readable; the APIs never serve HTML, so
    /// HTML-sensitive characters need no escaping.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Makes the opaque cursor that stands after <paramref name="sequence"/> entries of the log named <paramref name="log"/>.</summary>
    public static string EncodeCursor(string log, long sequence) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(log + ":" + sequence.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Reads a cursor made by <see cref="EncodeCursor"/> for the same log.</summary>
    public static bool TryDecodeCursor(string log, string cursor, out long sequence)
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
        var prefix = log + ":";
        return text.StartsWith(prefix, StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }

    /// <summary>Reads <c>limit</c>; the error result names the parameter.</summary>
    public static bool TryReadLimit(string? limit, out int pageSize, out IResult? error)
    {
        error = null;
        pageSize = DefaultPageSize;
        if (!string.IsNullOrEmpty(limit)
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1))
        {
            error = EmulatorServer.Error(StatusCodes.Status400BadRequest, "invalid_limit", $"limit: ожидается целое число от 1 до {MaxPageSize.ToString(CultureInfo.InvariantCulture)}");
            return false;
        }

        pageSize = Math.Min(pageSize, MaxPageSize);
        return true;
    }

    /// <summary>
    /// Serves one page of <paramref name="log"/> after the cursor <paramref name="after"/>. Call under the emulator's lock.
    /// </summary>
    /// <param name="logName">The name baked into the cursors of this log.</param>
    /// <param name="log">The append-only log.</param>
    /// <param name="after">The cursor, or empty for the beginning.</param>
    /// <param name="limit">The raw <c>limit</c> parameter.</param>
    /// <param name="served">Grows by the number of entries served.</param>
    public static IResult ServePage<T>(string logName, List<T> log, string? after, string? limit, ref int served)
    {
        if (!TryReadLimit(limit, out var pageSize, out var error))
            return error!;

        long start = 0;
        if (!string.IsNullOrEmpty(after) && (!TryDecodeCursor(logName, after, out start) || start > log.Count))
            return EmulatorServer.Error(StatusCodes.Status400BadRequest, "invalid_cursor", "after: курсор не выдан этим сервером");

        var count = (int)Math.Min(pageSize, log.Count - start);
        var items = log.GetRange((int)start, count).ToArray();
        served += count;
        return Results.Json(new EmulatorPage<T>(items, EncodeCursor(logName, start + count), start + count < log.Count), EmulatorJson.Options);
    }
}

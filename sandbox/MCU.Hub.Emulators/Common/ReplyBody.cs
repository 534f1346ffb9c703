using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MCU.Hub.Emulators.Common;

/// <summary>
/// The body of a reply or answer in the emulated contracts:
/// <c>{ "text", "status", "idempotency_key", "attachments", "changed_at", "expected_by" }</c> (<c>expected_by</c>: the
/// date of the final answer that an interim answer names, where the contract has one).
/// </summary>
internal sealed record ReplyBody(string? Text, string Status, string IdempotencyKey, IReadOnlyList<string> Attachments, DateTimeOffset? ChangedAt, DateTimeOffset? ExpectedBy = null)
{
    /// <summary>Reads and checks the body; on failure the error result names the field.</summary>
    /// <param name="request">The request.</param>
    /// <param name="statuses">The statuses the contract accepts.</param>
    public static async Task<(ReplyBody? Body, IResult? Error)> ReadAsync(HttpRequest request, IReadOnlyList<string> statuses)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException ex)
        {
            return (null, EmulatorServer.Error(StatusCodes.Status400BadRequest, "invalid_json", "body: " + ex.Message));
        }

        using (document)
        {
            return TryRead(document.RootElement, statuses, out var body, out var problem)
                ? (body, null)
                : (null, EmulatorServer.Error(StatusCodes.Status400BadRequest, "invalid_body", problem));
        }
    }

    private static bool TryRead(JsonElement root, IReadOnlyList<string> statuses, out ReplyBody body, out string problem)
    {
        body = null!;
        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = "body: ожидается объект JSON";
            return false;
        }

        if (!TryReadString(root, "status", required: true, out var status, out problem)
            || !TryReadString(root, "idempotency_key", required: true, out var key, out problem)
            || !TryReadString(root, "text", required: false, out var text, out problem))
            return false;

        if (!statuses.Contains(status!))
        {
            problem = $"status: «{status}» не из списка {string.Join(", ", statuses)}";
            return false;
        }

        var attachments = new List<string>();
        if (root.TryGetProperty("attachments", out var list) && list.ValueKind != JsonValueKind.Null)
        {
            if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(a => a.ValueKind != JsonValueKind.String))
            {
                problem = "attachments: ожидается массив строк";
                return false;
            }

            attachments.AddRange(list.EnumerateArray().Select(a => a.GetString()!));
        }

        DateTimeOffset? changedAt = null;
        if (root.TryGetProperty("changed_at", out var changed) && changed.ValueKind != JsonValueKind.Null)
        {
            if (changed.ValueKind != JsonValueKind.String || !changed.TryGetDateTimeOffset(out var value))
            {
                problem = "changed_at: ожидается дата ISO 8601 со смещением";
                return false;
            }

            changedAt = value;
        }

        DateTimeOffset? expectedBy = null;
        if (root.TryGetProperty("expected_by", out var expected) && expected.ValueKind != JsonValueKind.Null)
        {
            if (expected.ValueKind != JsonValueKind.String || !expected.TryGetDateTimeOffset(out var value))
            {
                problem = "expected_by: ожидается дата ISO 8601 со смещением";
                return false;
            }

            expectedBy = value;
        }

        body = new ReplyBody(text, status!, key!, attachments, changedAt, expectedBy);
        problem = string.Empty;
        return true;
    }

    private static bool TryReadString(JsonElement root, string name, bool required, out string? value, out string problem)
    {
        value = null;
        problem = string.Empty;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            if (required)
                problem = $"{name}: обязательное поле";
            return !required;
        }

        if (element.ValueKind != JsonValueKind.String || (required && element.GetString()!.Length == 0))
        {
            problem = $"{name}: ожидается непустая строка";
            return false;
        }

        value = element.GetString();
        return true;
    }
}

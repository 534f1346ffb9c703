using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MCU.Hub.Plugins.Common;

/// <summary>
/// Turns HTTP answers into the connector's failure semantics: non-success and contract breaks throw. Each plugin that
/// compiles this file in declares the other part, with the <c>System</c> constant that names its external system.
/// </summary>
internal static partial class ContractHttp
{
    private const int MaxErrorDetail = 300;

    /// <summary>Throws <see cref="HttpRequestException"/> with the status, the server's error text and Retry-After.</summary>
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
            return;

        var detail = await response.Content.ReadAsStringAsync(cancellationToken);
        if (detail.Length > MaxErrorDetail)
            detail = detail[..MaxErrorDetail] + "…";

        var retryAfter = response.Headers.RetryAfter?.Delta is { } delta
            ? $" (Retry-After {delta.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s)"
            : string.Empty;
        throw new HttpRequestException(
            $"{System} {operation} answered {((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)} {response.ReasonPhrase}{retryAfter}: {detail}",
            inner: null,
            response.StatusCode);
    }

    /// <summary>Reads the body; a body that does not match the contract throws <see cref="InvalidDataException"/> with its JSON path.</summary>
    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, string operation, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(type, cancellationToken)
                ?? throw new InvalidDataException($"{System} {operation}: the body is JSON null.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{System} {operation}: the body does not match the contract at {ex.Path ?? "$"}: {ex.Message}", ex);
        }
    }

    /// <summary>Says that a field of the answer breaks the contract.</summary>
    public static InvalidDataException Broken(string operation, string field, string problem) =>
        new($"{System} {operation}: {field} {problem}.");
}

using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using MCU.Hub;
using MCU.Hub.Channels;

namespace MyChannel;

/// <summary>
/// Pulls messages from the external system and posts answers back. It throws on every failure: the host retries,
/// backs off and records the attempt.
/// </summary>
/// <remarks>
/// The contract assumed here (adapt it to the real system): <c>GET items?after={cursor}&amp;limit={n}</c> returns
/// <c>{"items":[{"id","text","created_at","address"}],"next_cursor","has_more"}</c>; <c>POST items/{id}/answers</c> takes
/// <c>{"text","status","idempotency_key"}</c> and returns <c>{"answer_id"}</c>, the same id for a repeated key.
/// </remarks>
public sealed class ChannelConnector(IHttpClientFactory httpClients) : IChannelConnector
{
    /// <inheritdoc />
    public async Task<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(ChannelPlugin.Code);
        var url = $"items?limit={request.MaxItems.ToString(CultureInfo.InvariantCulture)}"
            + (request.Checkpoint is null ? "" : "&after=" + Uri.EscapeDataString(request.Checkpoint));
        var page = await http.GetFromJsonAsync<Page>(url, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException("Пустой ответ вместо страницы сообщений.");
        var items = page.Items.Select(i => new InboundItem
        {
            ExternalId = i.Id ?? throw new InvalidDataException("items[].id: не указан"),
            Kind = MessageKind.Message,
            Text = i.Text ?? "",
            CreatedAt = i.CreatedAt,
            Address = i.Address,
        }).ToList();
        return new PullResult(items, page.NextCursor ?? request.Checkpoint, page.HasMore && items.Count > 0);
    }

    /// <inheritdoc />
    public async Task<ReplyReceipt> SendReplyAsync(ChannelReply reply, CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(ChannelPlugin.Code);
        using var response = await http.PostAsJsonAsync(
            $"items/{Uri.EscapeDataString(reply.ExternalId)}/answers",
            new Answer(reply.Text, reply.Status, reply.IdempotencyKey),
            cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var receipt = await response.Content.ReadFromJsonAsync<AnswerReceipt>(cancellationToken).ConfigureAwait(false);
        return new ReplyReceipt(receipt?.AnswerId);
    }

    private sealed record Page(
        [property: JsonPropertyName("items")] List<Item> Items,
        [property: JsonPropertyName("next_cursor")] string? NextCursor,
        [property: JsonPropertyName("has_more")] bool HasMore);

    private sealed record Item(
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("text")] string? Text,
        [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
        [property: JsonPropertyName("address")] string? Address);

    private sealed record Answer(
        [property: JsonPropertyName("text")] string? Text,
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("idempotency_key")] string IdempotencyKey);

    private sealed record AnswerReceipt([property: JsonPropertyName("answer_id")] string? AnswerId);
}

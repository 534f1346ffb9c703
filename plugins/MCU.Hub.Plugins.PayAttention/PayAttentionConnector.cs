using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using MCU.Hub.Channels;
using MCU.Hub.Plugins.Common;
using MCU.Hub.Plugins.PayAttention.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Plugins.PayAttention;

/// <summary>
/// Pulls residents' messages from the regional portal «Обращаем внимание» and delivers answers and status changes
/// back, over the contract described in the plugin's README.
/// </summary>
/// <remarks>
/// <para>
/// Failure semantics: any non-success status throws <see cref="HttpRequestException"/> with
/// <see cref="HttpRequestException.StatusCode"/> set; a page whose envelope does not match the contract (not JSON, no
/// <c>items</c> array, no <c>next_cursor</c> or <c>has_more</c>) throws <see cref="InvalidDataException"/> naming the
/// field. Nothing is retried here: the host's pipeline on the named client <c>"pay-attention"</c> retries. A single
/// message that cannot be read is not thrown: it goes to <see cref="PullResult.Failures"/> with its raw JSON and the
/// rest of the page is kept; <see cref="Parse"/> reads such a payload again after a fix.
/// </para>
/// <para>Thread-safety: safe for concurrent use; it keeps no state between calls.</para>
/// </remarks>
public sealed class PayAttentionConnector : IChannelConnector, IRawItemParser
{
    private const string ListOperation = "GET api/v1/messages";
    private const string AnswerOperation = "POST api/v1/messages/{id}/answers";

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly PayAttentionOptions _options;
    private readonly ILogger<PayAttentionConnector> _logger;

    /// <summary>Creates the connector.</summary>
    /// <param name="httpClientFactory">Gives the named client <c>"pay-attention"</c>.</param>
    /// <param name="options">The connector's settings; reading them here runs their validation.</param>
    /// <param name="logger">The log.</param>
    public PayAttentionConnector(IHttpClientFactory httpClientFactory, IOptions<PayAttentionOptions> options, ILogger<PayAttentionConnector> logger)
    {
        _httpClientFactory = httpClientFactory;
        _options = options.Value;
        _logger = logger;
    }

    /// <inheritdoc />
    /// <exception cref="HttpRequestException">The portal answered with a non-success status, or the transport failed.</exception>
    /// <exception cref="InvalidDataException">The page's envelope does not match the contract; the message names the field.</exception>
    public async Task<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.MaxItems, 1, nameof(request));

        var limit = Math.Min(request.MaxItems, _options.PageSize);
        var limitText = limit.ToString(CultureInfo.InvariantCulture);
        var path = string.IsNullOrEmpty(request.Checkpoint)
            ? $"api/v1/messages?limit={limitText}"
            : $"api/v1/messages?after={Uri.EscapeDataString(request.Checkpoint)}&limit={limitText}";

        var client = _httpClientFactory.CreateClient(PayAttentionPlugin.Code);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await ContractHttp.EnsureSuccessAsync(response, ListOperation, cancellationToken);
        var page = await ContractHttp.ReadAsync(response, PayAttentionJsonContext.Default.MessagePageDto, ListOperation, cancellationToken);
        if (page.NextCursor.Length == 0 && page.Items.Count > 0)
            throw ContractHttp.Broken(ListOperation, "next_cursor", "is empty although the page has items");

        var failures = new List<InboundFailure>();
        var items = RawItems.ReadEach(page.Items, $"{ContractHttp.System} {ListOperation}", Read, failures, f => Log.ItemFailed(_logger, f.ExternalId, f.Reason));

        // A page that claims more but brings nothing would make the host pull in a tight loop.
        var hasMore = page.HasMore && page.Items.Count > 0;
        Log.Pulled(_logger, items.Count, failures.Count, limit, hasMore);
        return new PullResult(items, page.NextCursor.Length == 0 ? request.Checkpoint : page.NextCursor, hasMore) { Failures = failures };
    }

    /// <summary>Reads a message that <see cref="PullAsync"/> once reported in <see cref="PullResult.Failures"/>, with the same mapping.</summary>
    /// <param name="rawPayload">The message's JSON, as quarantined.</param>
    /// <returns>The item.</returns>
    /// <exception cref="InvalidDataException">The payload still breaks the contract; the message names the field.</exception>
    public InboundItem Parse(string rawPayload)
    {
        const string Where = ContractHttp.System + " message";
        return Map(RawItems.Read(rawPayload, PayAttentionJsonContext.Default.MessageDto, Where), Where);
    }

    /// <inheritdoc />
    /// <exception cref="HttpRequestException">
    /// The portal answered with a non-success status (400: a status it does not know; 404: no such message; 409: the
    /// idempotency key belongs to another message), or the transport failed.
    /// </exception>
    /// <exception cref="InvalidDataException">The answer does not match the contract.</exception>
    public async Task<ReplyReceipt> SendReplyAsync(ChannelReply reply, CancellationToken cancellationToken)
    {
        var status = _options.StatusMap.TryGetValue(reply.Status, out var mapped) ? mapped : reply.Status;
        var body = new AnswerRequestDto(reply.Text, status, reply.IdempotencyKey, reply.Attachments, reply.ChangedAt, reply.IsInterim ? reply.ExpectedBy : null);
        var path = $"api/v1/messages/{Uri.EscapeDataString(reply.ExternalId)}/answers";

        var client = _httpClientFactory.CreateClient(PayAttentionPlugin.Code);
        using var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, PayAttentionJsonContext.Default.AnswerRequestDto, cancellationToken);
        await ContractHttp.EnsureSuccessAsync(response, AnswerOperation, cancellationToken);
        var receipt = await ContractHttp.ReadAsync(response, PayAttentionJsonContext.Default.AnswerReceiptDto, AnswerOperation, cancellationToken);
        if (string.IsNullOrWhiteSpace(receipt.AnswerId))
            throw ContractHttp.Broken(AnswerOperation, "answer_id", "is empty");

        Log.Answered(_logger, receipt.AnswerId, reply.ExternalId, status);
        return new ReplyReceipt(receipt.AnswerId);
    }

    private InboundItem Read(JsonElement raw, string where) =>
        Map(RawItems.Read(raw, PayAttentionJsonContext.Default.MessageDto, where), where);

    private InboundItem Map(MessageDto message, string where)
    {
        if (string.IsNullOrWhiteSpace(message.Id))
            throw new InvalidDataException($"{where}.id is empty.");

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (message.Category is { Length: > 0 } category)
            metadata["category"] = category;
        if (message.Subcategory is { Length: > 0 } subcategory)
            metadata["subcategory"] = subcategory;
        if (message.Status is { Length: > 0 } status)
            metadata["status"] = status;
        if (message.District is { Length: > 0 } district)
            metadata["district"] = district;
        if (message.AnswerDue is { } due)
            metadata["answer_due"] = due.ToString("O", CultureInfo.InvariantCulture);

        double? latitude = null, longitude = null;
        if (message.Location is { } point)
        {
            if (point.Lat is >= -90 and <= 90 && point.Lon is >= -180 and <= 180)
                (latitude, longitude) = (point.Lat, point.Lon);
            else
                Log.LocationOutOfRange(_logger, message.Id, point.Lat, point.Lon);
        }

        return new InboundItem
        {
            ExternalId = message.Id,
            Kind = MessageKind.Message,
            Text = message.Text,
            CreatedAt = message.CreatedAt,
            Author = MapAuthor(message.Author),
            Address = string.IsNullOrWhiteSpace(message.Address) ? null : message.Address,
            Latitude = latitude,
            Longitude = longitude,
            SourceCategory = string.IsNullOrEmpty(message.Category) ? null : MapName(message.Category),
            SourceSubcategory = string.IsNullOrEmpty(message.Subcategory) ? null : MapSubcategory(message.Category, message.Subcategory),
            DueAt = message.AnswerDue,
            Attachments = message.Photos?.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!).ToArray() ?? [],
            Metadata = metadata,
        };
    }

    private static AuthorInfo? MapAuthor(AuthorDto? author) =>
        author is null || (string.IsNullOrWhiteSpace(author.Name) && string.IsNullOrWhiteSpace(author.Phone) && string.IsNullOrWhiteSpace(author.Email))
            ? null
            : new AuthorInfo { Name = author.Name, Phone = author.Phone, Email = author.Email };

    private string MapName(string name) =>
        _options.CategoryMap.TryGetValue(name, out var mapped) ? mapped : name;

    private string MapSubcategory(string? category, string subcategory) =>
        category is { Length: > 0 } && _options.CategoryMap.TryGetValue(category + "/" + subcategory, out var qualified) ? qualified
        : MapName(subcategory);
}

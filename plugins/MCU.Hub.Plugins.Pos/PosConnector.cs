using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MCU.Hub.Channels;
using MCU.Hub.Plugins.Common;
using MCU.Hub.Plugins.Pos.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Plugins.Pos;

/// <summary>
/// Pulls citizens' messages from ПОС and delivers answers and status changes back, over the contract described
/// in the plugin's README.
/// </summary>
/// <remarks>
/// <para>
/// Failure semantics: any non-success status throws <see cref="HttpRequestException"/> with
/// <see cref="HttpRequestException.StatusCode"/> set; a page whose envelope does not match the contract (not JSON, no
/// <c>items</c> array, no <c>next_cursor</c> or <c>has_more</c>) throws <see cref="InvalidDataException"/> naming the
/// field. Nothing is retried here: the host's pipeline on the named client <c>"pos"</c> retries. A single message that
/// cannot be read is not thrown: it goes to <see cref="PullResult.Failures"/> with its raw JSON and the rest of the page
/// is kept; <see cref="Parse"/> reads such a payload again after a fix.
/// </para>
/// <para>Thread-safety: safe for concurrent use; it keeps no state between calls.</para>
/// </remarks>
public sealed class PosConnector : IChannelConnector, IRawItemParser
{
    /// <summary>The ПОС status of an interim answer (промежуточный ответ).</summary>
    public const string InterimStatus = "intermediate_answer";

    /// <summary>
    /// The hub's statuses that ПОС has no name for, and the ПОС status that means the same to the citizen: a reopened
    /// message is being worked on again; a new, routed or returned one is registered, not yet in work. ПОС refuses an
    /// answer with any other status (400), so passing these through would leave the delivery failing for good.
    /// </summary>
    private static readonly Dictionary<string, string> HubStatusesPosLacks = new(StringComparer.OrdinalIgnoreCase)
    {
        ["new"] = "registered",
        ["routed"] = "registered",
        ["returned"] = "registered",
        ["reopened"] = "in_progress",
    };

    private const int MaxErrorDetail = 300;
    private const string ListOperation = "GET api/v1/messages";

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly PosOptions _options;
    private readonly ILogger<PosConnector> _logger;

    /// <summary>Creates the connector.</summary>
    /// <param name="httpClientFactory">Gives the named client <c>"pos"</c>.</param>
    /// <param name="options">The connector's settings; reading them here runs their validation.</param>
    /// <param name="logger">The log.</param>
    public PosConnector(IHttpClientFactory httpClientFactory, IOptions<PosOptions> options, ILogger<PosConnector> logger)
    {
        _httpClientFactory = httpClientFactory;
        _options = options.Value;
        _logger = logger;
    }

    /// <inheritdoc />
    /// <exception cref="HttpRequestException">ПОС answered with a non-success status, or the transport failed.</exception>
    /// <exception cref="InvalidDataException">The page's envelope does not match the contract; the message names the field.</exception>
    public async Task<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.MaxItems, 1, nameof(request));

        var limit = Math.Min(request.MaxItems, _options.PageSize).ToString(CultureInfo.InvariantCulture);
        var path = string.IsNullOrEmpty(request.Checkpoint)
            ? $"api/v1/messages?limit={limit}"
            : $"api/v1/messages?after={Uri.EscapeDataString(request.Checkpoint)}&limit={limit}";

        var client = _httpClientFactory.CreateClient(PosPlugin.Code);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await EnsureSuccessAsync(response, ListOperation, cancellationToken);
        var page = await ReadAsync(response, PosJsonContext.Default.PosMessagePageDto, ListOperation, cancellationToken);
        if (page.NextCursor.Length == 0 && page.Items.Count > 0)
            throw new InvalidDataException($"ПОС {ListOperation}: next_cursor is empty although the page has items.");

        var failures = new List<InboundFailure>();
        var items = RawItems.ReadEach(page.Items, $"ПОС {ListOperation}", Read, failures, f => Log.ItemFailed(_logger, f.ExternalId, f.Reason));

        // A page that claims more but brings nothing would make the host pull in a tight loop.
        var hasMore = page.HasMore && page.Items.Count > 0;
        Log.Pulled(_logger, items.Count, failures.Count, Math.Min(request.MaxItems, _options.PageSize), hasMore);
        return new PullResult(items, page.NextCursor.Length == 0 ? request.Checkpoint : page.NextCursor, hasMore) { Failures = failures };
    }

    /// <summary>Reads a message that <see cref="PullAsync"/> once reported in <see cref="PullResult.Failures"/>, with the same mapping.</summary>
    /// <param name="rawPayload">The message's JSON, as quarantined.</param>
    /// <returns>The item.</returns>
    /// <exception cref="InvalidDataException">The payload still breaks the contract; the message names the field.</exception>
    public InboundItem Parse(string rawPayload) =>
        Map(RawItems.Read(rawPayload, PosJsonContext.Default.PosMessageDto, "ПОС message"), "ПОС message");

    private InboundItem Read(JsonElement raw, string where) =>
        Map(RawItems.Read(raw, PosJsonContext.Default.PosMessageDto, where), where);

    /// <inheritdoc />
    /// <exception cref="HttpRequestException">
    /// ПОС answered with a non-success status (404: no such message; 409: the idempotency key belongs to another
    /// message), or the transport failed.
    /// </exception>
    /// <exception cref="InvalidDataException">The answer does not match the contract.</exception>
    public async Task<ReplyReceipt> SendReplyAsync(ChannelReply reply, CancellationToken cancellationToken)
    {
        // An interim answer is ПОС's «Промежуточный ответ» unless the municipality maps interim_answer to another status.
        var status = _options.StatusMap.TryGetValue(reply.Status, out var mapped) ? mapped
            : reply.IsInterim ? InterimStatus
            : HubStatusesPosLacks.GetValueOrDefault(reply.Status, reply.Status);
        var body = new PosAnswerRequestDto(reply.Text, status, reply.IdempotencyKey, reply.Attachments, reply.ChangedAt, reply.IsInterim ? reply.ExpectedBy : null);
        var path = $"api/v1/messages/{Uri.EscapeDataString(reply.ExternalId)}/answers";
        const string Operation = "POST api/v1/messages/{id}/answers";

        var client = _httpClientFactory.CreateClient(PosPlugin.Code);
        using var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, PosJsonContext.Default.PosAnswerRequestDto, cancellationToken);
        await EnsureSuccessAsync(response, Operation, cancellationToken);
        var receipt = await ReadAsync(response, PosJsonContext.Default.PosAnswerReceiptDto, Operation, cancellationToken);
        if (string.IsNullOrWhiteSpace(receipt.AnswerId))
            throw new InvalidDataException($"ПОС {Operation}: answer_id is empty.");

        Log.Answered(_logger, receipt.AnswerId, reply.ExternalId, status);
        return new ReplyReceipt(receipt.AnswerId);
    }

    private InboundItem Map(PosMessageDto message, string where)
    {
        if (string.IsNullOrWhiteSpace(message.Id))
            throw new InvalidDataException($"{where}.id is empty.");

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["fast_track"] = message.FastTrack ? "true" : "false",
        };
        if (message.Status is { Length: > 0 } status)
            metadata["status"] = status;
        // The citizen's own rating of the answer: the hub takes it instead of sending a survey of its own.
        if (message.Rating is >= 1 and <= 5)
            metadata["satisfaction"] = message.Rating.Value.ToString(CultureInfo.InvariantCulture);
        if (message.Deadline is { } deadline)
            metadata["deadline"] = deadline.ToString("O", CultureInfo.InvariantCulture);
        AddCategory(metadata, "category", message.Category);
        AddCategory(metadata, "subcategory", message.Subcategory);

        double? latitude = null, longitude = null;
        if (message.Coordinates is { } point)
        {
            if (point.Lat is >= -90 and <= 90 && point.Lon is >= -180 and <= 180)
            {
                latitude = point.Lat;
                longitude = point.Lon;
            }
            else
            {
                // A bad point must not block the whole channel: the host would retry the same page forever.
                Log.CoordinatesOutOfRange(_logger, message.Id, point.Lat, point.Lon);
            }
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
            SourceCategory = message.Category is null ? null : PosNames.Category(_options, message.Category.Name),
            SourceSubcategory = message.Subcategory is null ? null : PosNames.Subcategory(_options, message.Category?.Name, message.Subcategory.Name),
            DueAt = message.Deadline,
            Attachments = message.Photos?.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!).ToArray() ?? [],
            Metadata = metadata,
        };
    }

    private static void AddCategory(Dictionary<string, string> metadata, string field, PosCategoryDto? category)
    {
        if (category is null)
            return;

        metadata[field] = category.Name;
        if (category.Id is { } id)
            metadata[field + "_id"] = id.ToString(CultureInfo.InvariantCulture);
    }

    private static AuthorInfo? MapAuthor(PosAuthorDto? author) =>
        author is null || (string.IsNullOrWhiteSpace(author.Name) && string.IsNullOrWhiteSpace(author.Phone) && string.IsNullOrWhiteSpace(author.Email))
            ? null
            : new AuthorInfo { Name = author.Name, Phone = author.Phone, Email = author.Email };

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
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
            $"ПОС {operation} answered {((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)} {response.ReasonPhrase}{retryAfter}: {detail}",
            inner: null,
            response.StatusCode);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, string operation, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(type, cancellationToken)
                ?? throw new InvalidDataException($"ПОС {operation}: the body is JSON null.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"ПОС {operation}: the body does not match the contract at {ex.Path ?? "$"}: {ex.Message}", ex);
        }
    }
}

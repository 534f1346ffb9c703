using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using MCU.Hub.Channels;
using MCU.Hub.Plugins.Common;
using MCU.Hub.Plugins.IncidentManagement.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Plugins.IncidentManagement;

/// <summary>
/// Pulls incidents from «Инцидент Менеджмент» and publishes replies and status changes back, over the contract
/// described in the plugin's README.
/// </summary>
/// <remarks>
/// <para>
/// Failure semantics: any non-success status throws <see cref="HttpRequestException"/> with
/// <see cref="HttpRequestException.StatusCode"/> set; a page whose envelope does not match the contract (not JSON, no
/// <c>items</c> array, no <c>next_cursor</c> or <c>has_more</c>) throws <see cref="InvalidDataException"/> naming the
/// field. Nothing is retried here: the host's pipeline on the named client <c>"incident-management"</c> retries. A
/// single incident that cannot be read is not thrown: it goes to <see cref="PullResult.Failures"/> with its raw JSON and
/// the rest of the page is kept; <see cref="Parse"/> reads such a payload again after a fix.
/// </para>
/// <para>Thread-safety: safe for concurrent use; it keeps no state between calls.</para>
/// </remarks>
public sealed class IncidentManagementConnector : IChannelConnector, IRawItemParser
{
    private const string ListOperation = "GET api/v1/incidents";
    private const string ReplyOperation = "POST api/v1/incidents/{id}/replies";

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IncidentManagementOptions _options;
    private readonly ILogger<IncidentManagementConnector> _logger;

    /// <summary>Creates the connector.</summary>
    /// <param name="httpClientFactory">Gives the named client <c>"incident-management"</c>.</param>
    /// <param name="options">The connector's settings; reading them here runs their validation.</param>
    /// <param name="logger">The log.</param>
    public IncidentManagementConnector(IHttpClientFactory httpClientFactory, IOptions<IncidentManagementOptions> options, ILogger<IncidentManagementConnector> logger)
    {
        _httpClientFactory = httpClientFactory;
        _options = options.Value;
        _logger = logger;
    }

    /// <inheritdoc />
    /// <exception cref="HttpRequestException">The system answered with a non-success status, or the transport failed.</exception>
    /// <exception cref="InvalidDataException">The page's envelope does not match the contract; the message names the field.</exception>
    public async Task<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.MaxItems, 1, nameof(request));

        var limit = Math.Min(request.MaxItems, _options.PageSize);
        var limitText = limit.ToString(CultureInfo.InvariantCulture);
        var path = string.IsNullOrEmpty(request.Checkpoint)
            ? $"api/v1/incidents?limit={limitText}"
            : $"api/v1/incidents?after={Uri.EscapeDataString(request.Checkpoint)}&limit={limitText}";

        var client = _httpClientFactory.CreateClient(IncidentManagementPlugin.Code);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await ContractHttp.EnsureSuccessAsync(response, ListOperation, cancellationToken);
        var page = await ContractHttp.ReadAsync(response, IncidentJsonContext.Default.IncidentPageDto, ListOperation, cancellationToken);
        if (page.NextCursor.Length == 0 && page.Items.Count > 0)
            throw ContractHttp.Broken(ListOperation, "next_cursor", "is empty although the page has items");

        var failures = new List<InboundFailure>();
        var items = RawItems.ReadEach(page.Items, $"{ContractHttp.System} {ListOperation}", Read, failures, f => Log.ItemFailed(_logger, f.ExternalId, f.Reason));

        // A page that claims more but brings nothing would make the host pull in a tight loop.
        var hasMore = page.HasMore && page.Items.Count > 0;
        Log.Pulled(_logger, items.Count, failures.Count, limit, hasMore);
        return new PullResult(items, page.NextCursor.Length == 0 ? request.Checkpoint : page.NextCursor, hasMore) { Failures = failures };
    }

    /// <summary>Reads an incident that <see cref="PullAsync"/> once reported in <see cref="PullResult.Failures"/>, with the same mapping.</summary>
    /// <param name="rawPayload">The incident's JSON, as quarantined.</param>
    /// <returns>The item.</returns>
    /// <exception cref="InvalidDataException">The payload still breaks the contract; the message names the field.</exception>
    public InboundItem Parse(string rawPayload)
    {
        const string Where = ContractHttp.System + " incident";
        return Map(RawItems.Read(rawPayload, IncidentJsonContext.Default.IncidentDto, Where), Where);
    }

    /// <inheritdoc />
    /// <exception cref="HttpRequestException">
    /// The system answered with a non-success status (404: no such incident; 409: the idempotency key belongs to
    /// another incident), or the transport failed.
    /// </exception>
    /// <exception cref="InvalidDataException">The answer does not match the contract.</exception>
    public async Task<ReplyReceipt> SendReplyAsync(ChannelReply reply, CancellationToken cancellationToken)
    {
        var status = _options.StatusMap.TryGetValue(reply.Status, out var mapped) ? mapped : reply.Status;
        var body = new ReplyRequestDto(reply.Text, status, reply.IdempotencyKey, reply.Attachments, reply.ChangedAt);
        var path = $"api/v1/incidents/{Uri.EscapeDataString(reply.ExternalId)}/replies";

        var client = _httpClientFactory.CreateClient(IncidentManagementPlugin.Code);
        using var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, IncidentJsonContext.Default.ReplyRequestDto, cancellationToken);
        await ContractHttp.EnsureSuccessAsync(response, ReplyOperation, cancellationToken);
        var receipt = await ContractHttp.ReadAsync(response, IncidentJsonContext.Default.ReplyReceiptDto, ReplyOperation, cancellationToken);
        if (string.IsNullOrWhiteSpace(receipt.ReplyId))
            throw ContractHttp.Broken(ReplyOperation, "reply_id", "is empty");

        Log.Replied(_logger, receipt.ReplyId, reply.ExternalId, status, receipt.PublishedUrl);
        return new ReplyReceipt(receipt.ReplyId);
    }

    private InboundItem Read(JsonElement raw, string where) =>
        Map(RawItems.Read(raw, IncidentJsonContext.Default.IncidentDto, where), where);

    private InboundItem Map(IncidentDto incident, string where)
    {
        if (string.IsNullOrWhiteSpace(incident.Id))
            throw new InvalidDataException($"{where}.id is empty.");
        if (string.IsNullOrWhiteSpace(incident.Network))
            throw new InvalidDataException($"{where}.network is empty.");
        if (string.IsNullOrWhiteSpace(incident.PostUrl))
            throw new InvalidDataException($"{where}.post_url is empty.");

        var network = IncidentNames.Network(_options, incident.Network);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["network"] = network,
            ["post_url"] = incident.PostUrl,
            ["important"] = incident.Important ? "true" : "false",
            ["detected_at"] = Format(incident.DetectedAt),
        };
        if (incident.Topic is { Length: > 0 } topic)
            metadata["topic"] = topic;
        if (incident.Category is { Length: > 0 } category)
            metadata["category"] = category;
        if (incident.Status is { Length: > 0 } status)
            metadata["status"] = status;
        if (incident.PublishedAt is { } publishedAt)
            metadata["published_at"] = Format(publishedAt);
        if (incident.Author?.ProfileUrl is { Length: > 0 } profile)
            metadata["author_url"] = profile;

        DateTimeOffset? dueAt = null;
        if (incident.ResponseDeadlineHours is { } hours)
        {
            if (double.IsFinite(hours) && hours > 0 && hours <= 24 * 366)
            {
                dueAt = incident.DetectedAt.AddHours(hours);
                metadata["response_deadline_hours"] = hours.ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                // A bad value must not block the channel: the host's own incident deadline applies instead.
                Log.DeadlineOutOfRange(_logger, incident.Id, hours);
            }
        }

        double? latitude = null, longitude = null;
        if (incident.Coordinates is { } point)
        {
            if (point.Lat is >= -90 and <= 90 && point.Lon is >= -180 and <= 180)
                (latitude, longitude) = (point.Lat, point.Lon);
            else
                Log.CoordinatesOutOfRange(_logger, incident.Id, point.Lat, point.Lon);
        }

        return new InboundItem
        {
            ExternalId = incident.Id,
            Kind = MessageKind.Incident,
            Text = incident.Text,
            CreatedAt = incident.PublishedAt ?? incident.DetectedAt,
            Author = MapAuthor(incident.Author),
            Address = string.IsNullOrWhiteSpace(incident.Address) ? null : incident.Address,
            Latitude = latitude,
            Longitude = longitude,
            SourceCategory = string.IsNullOrEmpty(incident.Category) ? null : IncidentNames.Name(_options, incident.Category),
            SourceSubcategory = string.IsNullOrEmpty(incident.Topic) ? null : IncidentNames.Topic(_options, incident.Category, incident.Topic),
            DueAt = dueAt,
            Attachments = incident.Attachments?.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!).ToArray() ?? [],
            Metadata = metadata,
        };
    }

    private static AuthorInfo? MapAuthor(IncidentAuthorDto? author) =>
        author is null || string.IsNullOrWhiteSpace(author.Name)
            ? null
            : new AuthorInfo { Name = author.Name, IsOrganisation = author.IsOrganisation };

    private static string Format(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);
}

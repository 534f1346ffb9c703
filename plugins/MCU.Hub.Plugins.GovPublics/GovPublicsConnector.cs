using System.Globalization;
using MCU.Hub.Channels;
using MCU.Hub.Plugins.GovPublics.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Plugins.GovPublics;

/// <summary>
/// Pulls official pages and their publications from «Госпаблики» as channel records, over the contract described in
/// the plugin's README: page versions first, then publications, both through one checkpoint.
/// </summary>
/// <remarks>
/// <para>
/// Failure semantics: any non-success status throws <see cref="HttpRequestException"/> with
/// <see cref="HttpRequestException.StatusCode"/> set; a body that does not match the contract throws
/// <see cref="InvalidDataException"/> naming the field. Nothing is retried here: the host's pipeline on the named
/// client <c>"gov-publics"</c> retries. A failure after the pages were read loses nothing: the checkpoint was not
/// returned, so the next pull reads the same pages again and the hub keeps the newest version of each record.
/// </para>
/// <para>Thread-safety: safe for concurrent use; it keeps no state between calls.</para>
/// </remarks>
public sealed class GovPublicsConnector : IChannelConnector
{
    /// <summary>The record type of an official page.</summary>
    public const string PageRecordType = "page";

    /// <summary>The record type of a publication.</summary>
    public const string PublicationRecordType = "publication";

    private const string PagesOperation = "GET api/v1/pages";
    private const string PublicationsOperation = "GET api/v1/publications";

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly GovPublicsOptions _options;
    private readonly ILogger<GovPublicsConnector> _logger;

    /// <summary>Creates the connector.</summary>
    /// <param name="httpClientFactory">Gives the named client <c>"gov-publics"</c>.</param>
    /// <param name="options">The connector's settings; reading them here runs their validation.</param>
    /// <param name="logger">The log.</param>
    public GovPublicsConnector(IHttpClientFactory httpClientFactory, IOptions<GovPublicsOptions> options, ILogger<GovPublicsConnector> logger)
    {
        _httpClientFactory = httpClientFactory;
        _options = options.Value;
        _logger = logger;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Returns no <see cref="PullResult.Items"/>: pages and publications come as <see cref="PullResult.Records"/>, at most
    /// <c>min(MaxItems, PageSize)</c> of them together.
    /// </remarks>
    /// <exception cref="ArgumentException">The checkpoint was not made by this connector.</exception>
    /// <exception cref="HttpRequestException">The system answered with a non-success status, or the transport failed.</exception>
    /// <exception cref="InvalidDataException">The answer does not match the contract; the message names the field.</exception>
    public async Task<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.MaxItems, 1, nameof(request));

        var checkpoint = GovPublicsCheckpoint.Parse(request.Checkpoint);
        var limit = Math.Min(request.MaxItems, _options.PageSize);
        var client = _httpClientFactory.CreateClient(GovPublicsPlugin.Code);

        var pages = await GetAsync(client, "api/v1/pages", checkpoint.Pages, limit, GovPublicsJsonContext.Default.PageFeedDto, PagesOperation, cancellationToken);
        var records = new List<ChannelRecord>(limit);
        for (var i = 0; i < pages.Items.Count; i++)
            records.Add(MapPage(pages.Items[i], i));

        checkpoint = checkpoint with { Pages = string.IsNullOrEmpty(pages.NextCursor) ? checkpoint.Pages : pages.NextCursor };
        var pageCount = records.Count;

        // Pages go first, so a publication's page is known no later than the publication itself.
        bool hasMore;
        if (pages.HasMore && pageCount > 0)
        {
            hasMore = true;
        }
        else if (pageCount >= limit)
        {
            hasMore = true;
        }
        else
        {
            var publications = await GetAsync(client, "api/v1/publications", checkpoint.Publications, limit - pageCount, GovPublicsJsonContext.Default.PublicationFeedDto, PublicationsOperation, cancellationToken);
            for (var i = 0; i < publications.Items.Count; i++)
                records.Add(MapPublication(publications.Items[i], i));

            checkpoint = checkpoint with { Publications = string.IsNullOrEmpty(publications.NextCursor) ? checkpoint.Publications : publications.NextCursor };

            // A feed that claims more but brings nothing would make the host pull in a tight loop.
            hasMore = publications.HasMore && publications.Items.Count > 0;
        }

        Log.Pulled(_logger, pageCount, records.Count - pageCount, limit, hasMore);
        return new PullResult([], checkpoint.Format(), hasMore) { Records = records };
    }

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always: «Госпаблики» takes no replies; the channel only polls.</exception>
    public Task<ReplyReceipt> SendReplyAsync(ChannelReply reply, CancellationToken cancellationToken) =>
        throw new NotSupportedException("«Госпаблики» takes no replies: the channel brings pages and publications only (capability Poll).");

    private static async Task<T> GetAsync<T>(HttpClient client, string resource, string? after, int limit, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string operation, CancellationToken cancellationToken)
    {
        var limitText = limit.ToString(CultureInfo.InvariantCulture);
        var path = string.IsNullOrEmpty(after)
            ? $"{resource}?limit={limitText}"
            : $"{resource}?after={Uri.EscapeDataString(after)}&limit={limitText}";

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await ContractHttp.EnsureSuccessAsync(response, operation, cancellationToken);
        return await ContractHttp.ReadAsync(response, type, operation, cancellationToken);
    }

    private ChannelRecord MapPage(PageDto page, int index)
    {
        var at = $"items[{index.ToString(CultureInfo.InvariantCulture)}]";
        Require(PagesOperation, at + ".id", page.Id);
        Require(PagesOperation, at + ".owner.id", page.Owner.Id);
        Require(PagesOperation, at + ".network", page.Network);
        Require(PagesOperation, at + ".url", page.Url);

        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["owner"] = MapOwner(page.Owner.Id),
            ["owner_id"] = page.Owner.Id,
            ["network"] = MapNetwork(page.Network),
            ["url"] = page.Url,
            ["verified"] = page.Verified ? "true" : "false",
            ["name"] = page.Name,
        };
        if (!string.IsNullOrWhiteSpace(page.Owner.Name))
            fields["owner_name"] = page.Owner.Name;
        if (page.Followers is { } followers)
            fields["followers"] = followers.ToString(CultureInfo.InvariantCulture);
        if (page.CreatedAt is { } createdAt)
            fields["created_at"] = Format(createdAt);

        return new ChannelRecord { Type = PageRecordType, ExternalId = page.Id, OccurredAt = page.UpdatedAt, Fields = fields };
    }

    private ChannelRecord MapPublication(PublicationDto publication, int index)
    {
        var at = $"items[{index.ToString(CultureInfo.InvariantCulture)}]";
        Require(PublicationsOperation, at + ".id", publication.Id);
        Require(PublicationsOperation, at + ".page_id", publication.PageId);
        Require(PublicationsOperation, at + ".owner_id", publication.OwnerId);
        Require(PublicationsOperation, at + ".network", publication.Network);

        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["page_id"] = publication.PageId,
            ["owner"] = MapOwner(publication.OwnerId),
            ["owner_id"] = publication.OwnerId,
            ["network"] = MapNetwork(publication.Network),
            ["url"] = publication.Url,
            ["text"] = publication.Text,
            ["published_at"] = Format(publication.PublishedAt),
        };
        if (publication.ReportsOn is { } reference)
        {
            Require(PublicationsOperation, at + ".reports_on.id", reference.Id);
            fields["reports_on"] = reference.Id;
            if (!string.IsNullOrWhiteSpace(reference.Type))
                fields["reports_on_type"] = reference.Type;
        }

        return new ChannelRecord
        {
            Type = PublicationRecordType,
            ExternalId = publication.Id,
            OccurredAt = publication.UpdatedAt is { } updatedAt && updatedAt > publication.PublishedAt ? updatedAt : publication.PublishedAt,
            Fields = fields,
        };
    }

    private static void Require(string operation, string field, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw ContractHttp.Broken(operation, field, "is empty");
    }

    private string MapOwner(string ownerId) => _options.OwnerMap.TryGetValue(ownerId, out var code) ? code : ownerId;

    private string MapNetwork(string network) => _options.NetworkMap.TryGetValue(network, out var mapped) ? mapped : network;

    private static string Format(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);
}

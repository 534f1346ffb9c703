using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MCU.Hub.Channels;
using MCU.Hub.Plugins.Common;
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
/// <see cref="HttpRequestException.StatusCode"/> set; a feed page whose envelope does not match the contract (not JSON,
/// no <c>items</c> array, no <c>next_cursor</c> or <c>has_more</c>) throws <see cref="InvalidDataException"/> naming the
/// field. Nothing is retried here: the host's pipeline on the named client <c>"gov-publics"</c> retries. A failure after
/// the pages were read loses nothing: the checkpoint was not returned, so the next pull reads the same pages again and
/// the hub keeps the newest version of each record. A single page version or publication that cannot be read is not
/// thrown: it goes to <see cref="PullResult.Failures"/> with its raw JSON (the reason names the feed and the field) and
/// the rest is kept. The channel brings records only, so the connector has no <see cref="IRawItemParser"/>.
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
    /// <exception cref="InvalidDataException">A feed page's envelope does not match the contract; the message names the field.</exception>
    public async Task<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.MaxItems, 1, nameof(request));

        var checkpoint = GovPublicsCheckpoint.Parse(request.Checkpoint);
        var limit = Math.Min(request.MaxItems, _options.PageSize);
        var client = _httpClientFactory.CreateClient(GovPublicsPlugin.Code);

        var pages = await GetAsync(client, "api/v1/pages", checkpoint.Pages, limit, GovPublicsJsonContext.Default.PageFeedDto, PagesOperation, cancellationToken);
        CheckCursor(pages.NextCursor, pages.Items.Count, PagesOperation);
        var records = new List<ChannelRecord>(limit);
        var failures = new List<InboundFailure>();
        ReadAll(pages.Items, PagesOperation, GovPublicsJsonContext.Default.PageDto, MapPage, records, failures);

        checkpoint = checkpoint with { Pages = pages.NextCursor.Length == 0 ? checkpoint.Pages : pages.NextCursor };
        var pageCount = pages.Items.Count;

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
            CheckCursor(publications.NextCursor, publications.Items.Count, PublicationsOperation);
            ReadAll(publications.Items, PublicationsOperation, GovPublicsJsonContext.Default.PublicationDto, MapPublication, records, failures);

            checkpoint = checkpoint with { Publications = publications.NextCursor.Length == 0 ? checkpoint.Publications : publications.NextCursor };

            // A feed that claims more but brings nothing would make the host pull in a tight loop.
            hasMore = publications.HasMore && publications.Items.Count > 0;
        }

        var pageRecords = records.Count(r => r.Type == PageRecordType);
        Log.Pulled(_logger, pageRecords, records.Count - pageRecords, failures.Count, limit, hasMore);
        return new PullResult([], checkpoint.Format(), hasMore) { Records = records, Failures = failures };
    }

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always: «Госпаблики» takes no replies; the channel only polls.</exception>
    public Task<ReplyReceipt> SendReplyAsync(ChannelReply reply, CancellationToken cancellationToken) =>
        throw new NotSupportedException("«Госпаблики» takes no replies: the channel brings pages and publications only (capability Poll).");

    private static async Task<T> GetAsync<T>(HttpClient client, string resource, string? after, int limit, JsonTypeInfo<T> type, string operation, CancellationToken cancellationToken)
    {
        var limitText = limit.ToString(CultureInfo.InvariantCulture);
        var path = string.IsNullOrEmpty(after)
            ? $"{resource}?limit={limitText}"
            : $"{resource}?after={Uri.EscapeDataString(after)}&limit={limitText}";

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await ContractHttp.EnsureSuccessAsync(response, operation, cancellationToken);
        return await ContractHttp.ReadAsync(response, type, operation, cancellationToken);
    }

    private static void CheckCursor(string nextCursor, int count, string operation)
    {
        if (nextCursor.Length == 0 && count > 0)
            throw ContractHttp.Broken(operation, "next_cursor", "is empty although the page has items");
    }

    private void ReadAll<T>(
        IReadOnlyList<JsonElement> items,
        string operation,
        JsonTypeInfo<T> type,
        Func<T, string, ChannelRecord> map,
        List<ChannelRecord> records,
        List<InboundFailure> failures)
        where T : class
    {
        records.AddRange(RawItems.ReadEach(
            items,
            $"{ContractHttp.System} {operation}",
            (raw, where) => map(RawItems.Read(raw, type, where), where),
            failures,
            f => Log.RecordFailed(_logger, f.ExternalId, f.Reason)));
    }

    private ChannelRecord MapPage(PageDto page, string where)
    {
        Require(where + ".id", page.Id);
        Require(where + ".owner.id", page.Owner.Id);
        Require(where + ".network", page.Network);
        Require(where + ".url", page.Url);

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

    private ChannelRecord MapPublication(PublicationDto publication, string where)
    {
        Require(where + ".id", publication.Id);
        Require(where + ".page_id", publication.PageId);
        Require(where + ".owner_id", publication.OwnerId);
        Require(where + ".network", publication.Network);

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
            Require(where + ".reports_on.id", reference.Id);
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

    private static void Require(string field, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new InvalidDataException($"{field} is empty.");
    }

    private string MapOwner(string ownerId) => _options.OwnerMap.TryGetValue(ownerId, out var code) ? code : ownerId;

    private string MapNetwork(string network) => _options.NetworkMap.TryGetValue(network, out var mapped) ? mapped : network;

    private static string Format(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);
}

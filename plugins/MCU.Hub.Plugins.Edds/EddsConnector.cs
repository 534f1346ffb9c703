using System.Globalization;
using System.Text;
using System.Text.Json;
using MCU.Hub.Channels;
using MCU.Hub.Plugins.Common;
using MCU.Hub.Plugins.Edds.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Plugins.Edds;

/// <summary>
/// Pulls the ЕДДС card feed over the contract described in the plugin's README: every card version becomes a
/// <c>call</c> record, and a card that needs a municipal recipient also becomes an emergency-call item.
/// </summary>
/// <remarks>
/// <para>
/// A card is delivered again whenever it changes; its record then carries a later <see cref="ChannelRecord.OccurredAt"/>
/// (the card's <c>updated_at</c>), so the hub keeps the newest version. The item of a re-delivered card has the same
/// <see cref="InboundItem.ExternalId"/> and is deduplicated by the hub.
/// </para>
/// <para>
/// Failure semantics: any non-success status throws <see cref="HttpRequestException"/> with
/// <see cref="HttpRequestException.StatusCode"/> set; a page whose envelope does not match the contract (not JSON, no
/// <c>items</c> array, no <c>next_cursor</c> or <c>has_more</c>) throws <see cref="InvalidDataException"/> naming the
/// field. Nothing is retried here: the host's pipeline on the named client <c>"edds"</c> retries. A single card that
/// cannot be read is not thrown: it goes to <see cref="PullResult.Failures"/> with its raw JSON (neither its record nor
/// its item is returned) and the rest of the page is kept; <see cref="Parse"/> reads such a payload again after a fix.
/// </para>
/// <para>Thread-safety: safe for concurrent use; it keeps no state between calls.</para>
/// </remarks>
public sealed class EddsConnector : IChannelConnector, IRawItemParser
{
    /// <summary>The record type of a card.</summary>
    public const string CallRecordType = "call";

    private const string ListOperation = "GET api/v1/cards";

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly EddsOptions _options;
    private readonly HashSet<string> _municipalTypes;
    private readonly ILogger<EddsConnector> _logger;

    /// <summary>Creates the connector.</summary>
    /// <param name="httpClientFactory">Gives the named client <c>"edds"</c>.</param>
    /// <param name="options">The connector's settings; reading them here runs their validation.</param>
    /// <param name="logger">The log.</param>
    public EddsConnector(IHttpClientFactory httpClientFactory, IOptions<EddsOptions> options, ILogger<EddsConnector> logger)
    {
        _httpClientFactory = httpClientFactory;
        _options = options.Value;
        _municipalTypes = new HashSet<string>(_options.MunicipalTypes, StringComparer.OrdinalIgnoreCase);
        _logger = logger;
    }

    /// <inheritdoc />
    /// <remarks>
    /// At most <c>min(MaxItems, PageSize)</c> card versions are read; each gives one record and at most one item.
    /// </remarks>
    /// <exception cref="HttpRequestException">The feed answered with a non-success status, or the transport failed.</exception>
    /// <exception cref="InvalidDataException">The page's envelope does not match the contract; the message names the field.</exception>
    public async Task<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.MaxItems, 1, nameof(request));

        var limit = Math.Min(request.MaxItems, _options.PageSize);
        var limitText = limit.ToString(CultureInfo.InvariantCulture);
        var path = string.IsNullOrEmpty(request.Checkpoint)
            ? $"api/v1/cards?limit={limitText}"
            : $"api/v1/cards?after={Uri.EscapeDataString(request.Checkpoint)}&limit={limitText}";

        var client = _httpClientFactory.CreateClient(EddsPlugin.Code);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await ContractHttp.EnsureSuccessAsync(response, ListOperation, cancellationToken);
        var feed = await ContractHttp.ReadAsync(response, EddsJsonContext.Default.CardFeedDto, ListOperation, cancellationToken);
        if (feed.NextCursor.Length == 0 && feed.Items.Count > 0)
            throw ContractHttp.Broken(ListOperation, "next_cursor", "is empty although the page has items");

        var failures = new List<InboundFailure>();
        var cards = RawItems.ReadEach(
            feed.Items,
            $"{ContractHttp.System} {ListOperation}",
            (raw, where) =>
            {
                var card = ReadCard(raw, where);
                var services = MapServices(card);
                return (Record: MapRecord(card, services), Item: NeedsMunicipalRecipient(card) ? MapItem(card, services) : null);
            },
            failures,
            f => Log.CardFailed(_logger, f.ExternalId, f.Reason));
        var records = cards.Select(c => c.Record).ToList();
        var items = cards.Where(c => c.Item is not null).Select(c => c.Item!).ToList();

        // A page that claims more but brings nothing would make the host pull in a tight loop.
        var hasMore = feed.HasMore && feed.Items.Count > 0;
        Log.Pulled(_logger, records.Count, items.Count, failures.Count, limit, hasMore);
        return new PullResult(items, feed.NextCursor.Length == 0 ? request.Checkpoint : feed.NextCursor, hasMore) { Records = records, Failures = failures };
    }

    /// <summary>
    /// Reads a card that <see cref="PullAsync"/> once reported in <see cref="PullResult.Failures"/> and gives its
    /// emergency-call item, with the same mapping.
    /// </summary>
    /// <param name="rawPayload">The card's JSON, as quarantined.</param>
    /// <returns>The item.</returns>
    /// <exception cref="InvalidDataException">
    /// The payload still breaks the contract (the message names the field), or the card needs no municipal recipient: such
    /// a card yields only a <c>call</c> record, which this interface cannot return.
    /// </exception>
    public InboundItem Parse(string rawPayload)
    {
        const string Where = ContractHttp.System + " card";
        var card = ReadCard(rawPayload, Where);
        if (!NeedsMunicipalRecipient(card))
        {
            throw new InvalidDataException(
                $"{Where} {card.Id}: needs_municipal_response is not set and neither type nor category is listed in MunicipalTypes (or no_response_reason is set), so the card yields a call record only, not an item.");
        }

        return MapItem(card, MapServices(card));
    }

    private static CardDto ReadCard(JsonElement raw, string where) => Check(RawItems.Read(raw, EddsJsonContext.Default.CardDto, where), where);

    private static CardDto ReadCard(string raw, string where) => Check(RawItems.Read(raw, EddsJsonContext.Default.CardDto, where), where);

    private static CardDto Check(CardDto card, string where)
    {
        if (string.IsNullOrWhiteSpace(card.Id))
            throw new InvalidDataException($"{where}.id is empty.");
        if (string.IsNullOrWhiteSpace(card.Type))
            throw new InvalidDataException($"{where}.type is empty.");
        return card;
    }

    private string[] MapServices(CardDto card) =>
        card.Services?.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => MapService(s!)).ToArray() ?? [];

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always: the ЕДДС feed takes nothing back; the channel only polls.</exception>
    public Task<ReplyReceipt> SendReplyAsync(ChannelReply reply, CancellationToken cancellationToken) =>
        throw new NotSupportedException("ЕДДС takes no replies: the channel brings call cards only (capability Poll).");

    private static ChannelRecord MapRecord(CardDto card, string[] services)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["received_at"] = Format(card.ReceivedAt),
            ["type"] = card.Type,
            ["needs_municipal_response"] = card.NeedsMunicipalResponse ? "true" : "false",
        };
        Add(fields, "address", card.Address);
        Add(fields, "severity", card.Severity);
        if (services.Length > 0)
            fields["service"] = string.Join(',', services);
        if (card.ClosedAt is { } closedAt)
            fields["closed_at"] = Format(closedAt);
        Add(fields, "no_response_reason", card.NoResponseReason);
        Add(fields, "category", card.Category);
        Add(fields, "status", card.Status);
        Add(fields, "source", card.Source);

        return new ChannelRecord { Type = CallRecordType, ExternalId = card.Id, OccurredAt = card.UpdatedAt, Fields = fields };
    }

    private bool NeedsMunicipalRecipient(CardDto card) =>
        string.IsNullOrEmpty(card.NoResponseReason)
        && (card.NeedsMunicipalResponse
            || _municipalTypes.Contains(card.Type)
            || (card.Category is { Length: > 0 } category && _municipalTypes.Contains(category)));

    private InboundItem MapItem(CardDto card, string[] services)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["card_id"] = card.Id,
            ["type"] = card.Type,
            ["updated_at"] = Format(card.UpdatedAt),
        };
        Add(metadata, "category", card.Category);
        Add(metadata, "severity", card.Severity);
        Add(metadata, "status", card.Status);
        Add(metadata, "source", card.Source);
        if (services.Length > 0)
            metadata["service"] = string.Join(',', services);
        if (card.ClosedAt is { } closedAt)
            metadata["closed_at"] = Format(closedAt);

        double? latitude = null, longitude = null;
        if (card.Coordinates is { } point)
        {
            if (point.Lat is >= -90 and <= 90 && point.Lon is >= -180 and <= 180)
                (latitude, longitude) = (point.Lat, point.Lon);
            else
                Log.CoordinatesOutOfRange(_logger, card.Id, point.Lat, point.Lon);
        }

        return new InboundItem
        {
            ExternalId = card.Id,
            Kind = MessageKind.EmergencyCall,
            Text = Describe(card, services),
            CreatedAt = card.ReceivedAt,
            Author = card.Caller is { } caller && (!string.IsNullOrWhiteSpace(caller.Name) || !string.IsNullOrWhiteSpace(caller.Phone))
                ? new AuthorInfo { Name = NullIfBlank(caller.Name), Phone = NullIfBlank(caller.Phone) }
                : null,
            Address = NullIfBlank(card.Address),
            Latitude = latitude,
            Longitude = longitude,
            SourceCategory = string.IsNullOrEmpty(card.Category) ? null : MapName(card.Category),
            SourceSubcategory = MapType(card.Category, card.Type),
            Metadata = metadata,
        };
    }

    /// <summary>
    /// The text of the item, in Russian, from the card («Карточка ЕДДС № 800123 от 10.03.2025 09:15: Авария на сетях
    /// водоснабжения. Порыв водопровода… Адрес: … Передано: ЖКХ. Критичность: высокая.»); the time is shown with the
    /// card's own UTC offset.
    /// </summary>
    private static string Describe(CardDto card, string[] services)
    {
        var text = new StringBuilder()
            .Append("Карточка ЕДДС № ").Append(card.Id)
            .Append(" от ").Append(card.ReceivedAt.ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture))
            .Append(": ").Append(EndSentence(card.Type));
        if (!string.IsNullOrWhiteSpace(card.Description))
            text.Append(' ').Append(EndSentence(card.Description.Trim()));
        if (!string.IsNullOrWhiteSpace(card.Address))
            text.Append(" Адрес: ").Append(EndSentence(card.Address.Trim()));
        if (services.Length > 0)
            text.Append(" Передано: ").Append(string.Join(", ", services)).Append('.');
        if (!string.IsNullOrWhiteSpace(card.Severity))
            text.Append(" Критичность: ").Append(SeverityInRussian(card.Severity)).Append('.');

        return text.ToString();
    }

    private static string EndSentence(string text) =>
        text.EndsWith('.') || text.EndsWith('!') || text.EndsWith('?') ? text : text + ".";

    private static string SeverityInRussian(string severity) => severity.ToUpperInvariant() switch
    {
        "LOW" => "низкая",
        "MEDIUM" => "средняя",
        "HIGH" => "высокая",
        "CRITICAL" => "чрезвычайная",
        _ => severity,
    };

    private string MapService(string service) => _options.ServiceMap.TryGetValue(service, out var mapped) ? mapped : service;

    private string MapName(string name) => _options.CategoryMap.TryGetValue(name, out var mapped) ? mapped : name;

    private string MapType(string? category, string type) =>
        category is { Length: > 0 } && _options.CategoryMap.TryGetValue(category + "/" + type, out var qualified) ? qualified
        : MapName(type);

    private static void Add(Dictionary<string, string> fields, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
            fields[name] = value;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string Format(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);
}

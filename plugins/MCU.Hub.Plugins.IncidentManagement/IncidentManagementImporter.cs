using System.Globalization;
using MCU.Hub.Channels;
using MCU.Hub.Plugins.Common.Import;
using MCU.Hub.Plugins.IncidentManagement.Internal;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Plugins.IncidentManagement;

/// <summary>
/// Reads the «Инцидент Менеджмент» export, .xlsx or .csv, into incidents: the columns are found by their headers
/// (<see cref="IncidentManagementImportColumns"/>, renamable through <see cref="IncidentManagementImportOptions.Columns"/>)
/// in any order, unknown columns are ignored, and a bad row is reported with its row number and column while the good
/// rows are kept.
/// </summary>
/// <remarks>
/// Items carry the same <see cref="InboundItem.ExternalId"/> as the API delivers («ID инцидента»), so an incident that
/// comes both ways is deduplicated by the hub. Thread-safety: stateless; safe for concurrent use.
/// </remarks>
public sealed class IncidentManagementImporter : IChannelImporter
{
    private readonly IncidentManagementOptions _options;
    private readonly TableImporter _table;

    /// <summary>Creates the importer.</summary>
    /// <param name="options">The channel's settings: <see cref="IncidentManagementOptions.Import"/>, the category and network maps.</param>
    public IncidentManagementImporter(IOptions<IncidentManagementOptions> options)
    {
        _options = options.Value;
        var columns = ImportColumn.Configure(IncidentManagementImportColumns.Defaults, _options.Import.Columns);
        _table = new TableImporter("«Инцидент Менеджмент»", columns, IncidentManagementImportColumns.Id, _options.Import.UtcOffset);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions => TableImporter.Extensions;

    /// <inheritdoc />
    public Task<ImportParseResult> ParseAsync(Stream content, string fileName, CancellationToken cancellationToken) =>
        _table.ParseAsync(content, fileName, Map, cancellationToken);

    private InboundItem Map(ImportRow row)
    {
        var id = row.RequiredText(IncidentManagementImportColumns.Id);
        var network = IncidentNames.NetworkByName(_options, row.RequiredText(IncidentManagementImportColumns.Network));
        var postUrl = row.RequiredText(IncidentManagementImportColumns.PostUrl);
        if (!Uri.TryCreate(postUrl, UriKind.Absolute, out var link) || (link.Scheme != Uri.UriSchemeHttp && link.Scheme != Uri.UriSchemeHttps))
            throw row.Error(IncidentManagementImportColumns.PostUrl, $"ожидается ссылка http(s) на пост, а не {ImportText.Quote(postUrl)}.");

        var text = row.RequiredText(IncidentManagementImportColumns.Text);
        var publishedAt = row.RequiredDate(IncidentManagementImportColumns.PublishedAt);
        var detectedAt = row.Date(IncidentManagementImportColumns.DetectedAt);
        var important = row.Flag(IncidentManagementImportColumns.Important) ?? false;
        var category = row.Text(IncidentManagementImportColumns.Category);
        var topic = row.Text(IncidentManagementImportColumns.Topic);
        var author = row.Text(IncidentManagementImportColumns.Author);

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["network"] = network,
            ["post_url"] = postUrl,
            ["important"] = important ? "true" : "false",
            ["published_at"] = Format(publishedAt),
        };
        if (detectedAt is { } detected)
            metadata["detected_at"] = Format(detected);
        if (topic is not null)
            metadata["topic"] = topic;
        if (category is not null)
            metadata["category"] = category;
        if (row.Text(IncidentManagementImportColumns.Status) is { } status)
            metadata["status"] = status;

        return new InboundItem
        {
            ExternalId = id,
            Kind = MessageKind.Incident,
            Text = text,
            CreatedAt = publishedAt,
            Author = author is null ? null : new AuthorInfo { Name = author },
            SourceCategory = category is null ? null : IncidentNames.Name(_options, category),
            SourceSubcategory = topic is null ? null : IncidentNames.Topic(_options, category, topic),
            Metadata = metadata,
        };
    }

    private static string Format(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);
}

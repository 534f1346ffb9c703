using System.Globalization;
using MCU.Hub.Channels;
using MCU.Hub.Plugins.Common.Import;
using MCU.Hub.Plugins.Pos.Internal;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Plugins.Pos;

/// <summary>
/// Reads the ПОС export that staff download from the cabinet, .xlsx or .csv, into messages: the columns are found by
/// their headers (<see cref="PosImportColumns"/>, renamable through <see cref="PosImportOptions.Columns"/>) in any order,
/// unknown columns are ignored, and a bad row is reported with its row number and column while the good rows are kept.
/// </summary>
/// <remarks>
/// Items carry the same <see cref="InboundItem.ExternalId"/> as the API delivers («Номер сообщения»), so a message that
/// comes both ways is deduplicated by the hub. Thread-safety: stateless; safe for concurrent use.
/// </remarks>
public sealed class PosImporter : IChannelImporter
{
    private readonly PosOptions _options;
    private readonly TableImporter _table;

    /// <summary>Creates the importer.</summary>
    /// <param name="options">The channel's settings: <see cref="PosOptions.Import"/> and <see cref="PosOptions.CategoryMap"/>.</param>
    public PosImporter(IOptions<PosOptions> options)
    {
        _options = options.Value;
        var columns = ImportColumn.Configure(PosImportColumns.Defaults, _options.Import.Columns);
        _table = new TableImporter("ПОС", columns, PosImportColumns.Id, _options.Import.UtcOffset);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions => TableImporter.Extensions;

    /// <inheritdoc />
    public Task<ImportParseResult> ParseAsync(Stream content, string fileName, CancellationToken cancellationToken) =>
        _table.ParseAsync(content, fileName, Map, cancellationToken);

    private InboundItem Map(ImportRow row)
    {
        var id = row.RequiredText(PosImportColumns.Id);
        var createdAt = row.RequiredDate(PosImportColumns.CreatedAt);
        var text = row.RequiredText(PosImportColumns.Text);
        var category = row.Text(PosImportColumns.Category);
        var subcategory = row.Text(PosImportColumns.Subcategory);
        var dueAt = row.Date(PosImportColumns.DueAt);
        var (latitude, longitude) = ReadPoint(row);

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (category is not null)
            metadata["category"] = category;
        if (subcategory is not null)
            metadata["subcategory"] = subcategory;
        if (row.Text(PosImportColumns.Status) is { } status)
            metadata["status"] = status;
        if (dueAt is { } deadline)
            metadata["deadline"] = deadline.ToString("O", CultureInfo.InvariantCulture);

        var name = row.Text(PosImportColumns.Author);
        var phone = row.Text(PosImportColumns.Phone);
        var email = row.Text(PosImportColumns.Email);

        return new InboundItem
        {
            ExternalId = id,
            Kind = MessageKind.Message,
            Text = text,
            CreatedAt = createdAt,
            Author = name is null && phone is null && email is null ? null : new AuthorInfo { Name = name, Phone = phone, Email = email },
            Address = row.Text(PosImportColumns.Address),
            Latitude = latitude,
            Longitude = longitude,
            SourceCategory = category is null ? null : PosNames.Category(_options, category),
            SourceSubcategory = subcategory is null ? null : PosNames.Subcategory(_options, category, subcategory),
            DueAt = dueAt,
            Metadata = metadata,
        };
    }

    private static (double? Latitude, double? Longitude) ReadPoint(ImportRow row)
    {
        var latitude = row.Number(PosImportColumns.Latitude);
        var longitude = row.Number(PosImportColumns.Longitude);
        if (latitude is null && longitude is null)
            return (null, null);
        if (latitude is null)
            throw row.Error(PosImportColumns.Latitude, "указана долгота, но не указана широта.");
        if (longitude is null)
            throw row.Error(PosImportColumns.Longitude, "указана широта, но не указана долгота.");
        if (latitude is < -90 or > 90)
            throw row.Error(PosImportColumns.Latitude, $"широта {ImportText.Number(latitude.Value)} вне диапазона −90…90.");
        if (longitude is < -180 or > 180)
            throw row.Error(PosImportColumns.Longitude, $"долгота {ImportText.Number(longitude.Value)} вне диапазона −180…180.");
        return (latitude, longitude);
    }
}

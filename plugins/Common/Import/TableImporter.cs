using MCU.Hub.Channels;

namespace MCU.Hub.Plugins.Common.Import;

/// <summary>
/// Reads an export file (.xlsx or .csv) of a channel into items: finds the header row, maps columns by header in any
/// order, turns each data row into an item through the channel's mapping, and reports a bad row without losing the
/// good ones. A file that cannot be used as a whole throws <see cref="ImportFormatException"/> with a Russian message.
/// </summary>
internal sealed class TableImporter
{
    /// <summary>How many non-empty rows at the top of a file may come before the header row (titles, report periods ...).</summary>
    public const int HeaderSearchRows = 10;

    private const int CancellationCheckRows = 256;
    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] LegacyExcelSignature = [0xD0, 0xCF, 0x11, 0xE0];

    private readonly string _system;
    private readonly IReadOnlyList<ImportColumn> _columns;
    private readonly string _idKey;
    private readonly TimeSpan _utcOffset;

    /// <summary>Creates the importer.</summary>
    /// <param name="system">The channel's name in messages («ПОС»).</param>
    /// <param name="columns">The columns, with configured headers applied.</param>
    /// <param name="idKey">The key of the column that holds the item's id; a repeated id is a row error.</param>
    /// <param name="utcOffset">The offset of dates written without one.</param>
    public TableImporter(string system, IReadOnlyList<ImportColumn> columns, string idKey, TimeSpan utcOffset)
    {
        _system = system;
        _columns = columns;
        _idKey = idKey;
        _utcOffset = utcOffset;
    }

    /// <summary>Gets the extensions read.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".xlsx", ".csv"];

    /// <summary>Reads a file.</summary>
    /// <param name="content">The file's content.</param>
    /// <param name="fileName">The file's name: its extension picks the format.</param>
    /// <param name="map">Turns a data row into an item; throws <see cref="ImportCellException"/> for a bad cell.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="ImportFormatException">The file is of another format, corrupt, empty, or has no recognisable header row.</exception>
    public async Task<ImportParseResult> ParseAsync(Stream content, string fileName, Func<ImportRow, InboundItem> map, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(map);

        var name = Path.GetFileName(fileName);
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (!Extensions.Contains(extension))
        {
            throw new ImportFormatException(
                $"Файл «{name}»: формат {(extension.Length == 0 ? "без расширения" : "«" + extension + "»")} не поддерживается. {_system}: загрузите выгрузку .xlsx или .csv.");
        }

        await using var seekable = await SeekableContent.OpenAsync(content, cancellationToken);
        var stream = seekable.Stream;
        if (stream.Length == 0)
            throw new ImportFormatException($"Файл «{name}» пуст.");

        Span<byte> head = stackalloc byte[4];
        var headLength = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        var isZip = headLength == 4 && head.SequenceEqual(ZipSignature);
        IEnumerable<TableRow> rows;
        if (extension == ".xlsx")
        {
            if (headLength == 4 && head.SequenceEqual(LegacyExcelSignature))
                throw new ImportFormatException($"Файл «{name}» — книга Excel 97–2003 (.xls), а не .xlsx. Откройте её в Excel и сохраните как «Книга Excel (.xlsx)».");
            if (!isZip)
                throw new ImportFormatException($"Файл «{name}» не является книгой Excel .xlsx: он повреждён или это файл другого формата (например, CSV с расширением .xlsx).");
            rows = XlsxRows.Read(stream);
        }
        else
        {
            if (isZip)
                throw new ImportFormatException($"Файл «{name}» — книга Excel, а не текст CSV. Загрузите его с расширением .xlsx или сохраните в Excel как «CSV UTF-8».");
            rows = CsvRows.Read(stream, fields => ColumnMap.Score(_columns, fields));
        }

        return Parse(rows, name, extension, map, cancellationToken);
    }

    private ImportParseResult Parse(IEnumerable<TableRow> rows, string name, string extension, Func<ImportRow, InboundItem> map, CancellationToken cancellationToken)
    {
        var items = new List<InboundItem>();
        var errors = new List<ImportRowError>();
        var firstRowOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        ColumnMap? columns = null;
        ImportRow? reader = null;
        var rowsBeforeHeader = 0;
        (int Score, int Row, IReadOnlyList<ImportColumn> Missing) best = (0, 0, []);
        var count = 0;

        using var enumerator = rows.GetEnumerator();
        while (Next(enumerator, name, extension))
        {
            if (++count % CancellationCheckRows == 0)
                cancellationToken.ThrowIfCancellationRequested();

            var row = enumerator.Current;
            if (row.IsEmpty)
                continue;

            if (columns is null || reader is null)
            {
                rowsBeforeHeader++;
                columns = ColumnMap.TryCreate(_columns, row, out var missing);
                if (columns is not null)
                {
                    reader = new ImportRow(_columns, columns, _utcOffset);
                    continue;
                }

                var score = ColumnMap.Score(_columns, row.Cells);
                if (score > best.Score)
                    best = (score, row.Number, missing);
                if (rowsBeforeHeader >= HeaderSearchRows)
                    break;
                continue;
            }

            if (row.Defect is { } defect)
            {
                errors.Add(new ImportRowError(row.Number, null, defect));
                continue;
            }

            reader.MoveTo(row);
            try
            {
                var item = map(reader);
                if (firstRowOfId.TryGetValue(item.ExternalId, out var first))
                {
                    errors.Add(new ImportRowError(row.Number, reader.Header(_idKey), $"значение {ImportText.Quote(item.ExternalId)} уже встречалось в строке {first}; строка пропущена."));
                    continue;
                }

                firstRowOfId[item.ExternalId] = row.Number;
                items.Add(item);
            }
            catch (ImportCellException ex)
            {
                errors.Add(new ImportRowError(row.Number, ex.Column, ex.Message));
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (columns is null)
            throw NoHeader(name, rowsBeforeHeader, best);

        return new ImportParseResult(items, errors);
    }

    private ImportFormatException NoHeader(string name, int rowsSeen, (int Score, int Row, IReadOnlyList<ImportColumn> Missing) best)
    {
        if (rowsSeen == 0)
            return new ImportFormatException($"Файл «{name}» пуст: в нём нет ни одной заполненной строки.");

        var required = _columns.Where(c => c.Required).Select(c => c.Title);
        if (best.Score == 0)
        {
            return new ImportFormatException(
                $"В файле «{name}» не найдена строка заголовков выгрузки {_system}: в первых {HeaderSearchRows} заполненных строках нет ни одного известного столбца. " +
                $"Обязательные столбцы: {ImportText.List(required)}. Возможно, это выгрузка другой системы или заголовки переименованы (их можно задать в настройках канала).");
        }

        return new ImportFormatException(
            $"В файле «{name}» нет обязательных столбцов: {ImportText.List(best.Missing.Select(c => c.Title))} (строка заголовков — {best.Row}). " +
            $"Обязательные столбцы выгрузки {_system}: {ImportText.List(required)}.");
    }

    private static bool Next(IEnumerator<TableRow> rows, string name, string extension)
    {
        try
        {
            return rows.MoveNext();
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or ImportFormatException or OutOfMemoryException))
        {
            // The readers throw whatever their parsers throw on a corrupt file (zip, XML, encoding errors ...).
            throw new ImportFormatException(
                extension == ".xlsx"
                    ? $"Книга «{name}» повреждена и не читается: {ex.Message}"
                    : $"Файл «{name}» не читается как CSV: {ex.Message}",
                ex);
        }
    }
}

using System.Text;
using CsvHelper;

namespace MCU.Hub.Plugins.Common.Import;

/// <summary>
/// Reads a CSV export: UTF-8 with or without a byte order mark, UTF-16 with one, or Windows-1251 when the bytes are not
/// valid UTF-8; the separator (<c>;</c>, <c>,</c> or tab) is the one under which the header row is recognised.
/// </summary>
internal static class CsvRows
{
    private const int SampleBytes = 64 * 1024;
    private const int SampleRecords = 10;
    private static readonly char[] Separators = [';', ',', '\t'];

    /// <summary>Enumerates the records as rows, numbered as a spreadsheet program shows them (empty lines count).</summary>
    /// <param name="content">The file, seekable, at its start.</param>
    /// <param name="headerScore">How many known headers a record carries; picks the separator.</param>
    public static IEnumerable<TableRow> Read(Stream content, Func<IReadOnlyList<string>, int> headerScore)
    {
        var start = content.Position;
        var encoding = DetectEncoding(content);
        content.Position = start;
        var separator = DetectSeparator(content, encoding, headerScore);
        content.Position = start;

        string? defect = null;
        var options = new CsvReaderOptions
        {
            HasHeader = false,
            Separator = separator,
            Encoding = encoding,
            SkipEmptyLines = false,
            OnMalformedRecord = record =>
            {
                if (record.Reason == CsvMalformedReason.UnterminatedQuote)
                    defect = "в строке не закрыта кавычка, и всё до конца файла прочитано как одно значение: проверьте кавычки в этой строке.";
            },
        };

        using var reader = CsvReader.Create(content, options, leaveOpen: true);
        var number = 0;
        while (reader.Read())
        {
            number++;
            var cells = new object?[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++)
                cells[i] = reader.GetString(i);

            yield return new TableRow(number, cells, defect);
            defect = null;
        }
    }

    /// <summary>
    /// Gets <see langword="null"/> (the reader honours byte order marks and assumes UTF-8) unless the bytes are not valid
    /// UTF-8, which is how Excel's «CSV (разделители — запятые)» saves on Russian Windows: then Windows-1251.
    /// </summary>
    private static Encoding? DetectEncoding(Stream content)
    {
        Span<byte> bom = stackalloc byte[3];
        var read = content.ReadAtLeast(bom, bom.Length, throwOnEndOfStream: false);
        if ((read >= 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF) || (read >= 2 && ((bom[0] == 0xFF && bom[1] == 0xFE) || (bom[0] == 0xFE && bom[1] == 0xFF))))
            return null;

        content.Seek(-read, SeekOrigin.Current);
        var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
        var bytes = new byte[SampleBytes];
        var chars = new char[SampleBytes + 4];
        try
        {
            int count;
            while ((count = content.Read(bytes, 0, bytes.Length)) > 0)
                decoder.GetChars(bytes, 0, count, chars, 0, flush: false);
            decoder.GetChars(bytes, 0, 0, chars, 0, flush: true);
            return null;
        }
        catch (DecoderFallbackException)
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(1251);
        }
    }

    private static char? DetectSeparator(Stream content, Encoding? encoding, Func<IReadOnlyList<string>, int> headerScore)
    {
        var bytes = new byte[SampleBytes];
        var count = content.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        using var sampleReader = new StreamReader(new MemoryStream(bytes, 0, count), encoding ?? Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var sample = sampleReader.ReadToEnd();

        char? best = null;
        var bestScore = 0;
        foreach (var separator in Separators)
        {
            using var reader = CsvReader.FromText(sample, new CsvReaderOptions { HasHeader = false, Separator = separator });
            for (var records = 0; records < SampleRecords && reader.Read(); records++)
            {
                var fields = new string[reader.FieldCount];
                for (var i = 0; i < fields.Length; i++)
                    fields[i] = reader.GetString(i);

                var score = headerScore(fields);
                if (score > bestScore)
                    (best, bestScore) = (separator, score);
            }
        }

        // No header under any separator: let the reader guess; the missing header is reported afterwards anyway.
        return best;
    }
}

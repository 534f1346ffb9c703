using Grpc.Core;
using MCU.Hub.Channels;
using MCU.Hub.Grpc.V1;
using MCU.Hub.Host.Security;
using MCU.Hub.People;
using MCU.Hub.Intake;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using RowError = MCU.Hub.Grpc.V1.ImportRowError;

namespace MCU.Hub.Host.Grpc;

/// <summary>The <c>mcu.hub.v1.ImportService</c>: export files through the channels' importers.</summary>
[Authorize(Policy = Permissions.Administer)]
internal sealed class ImportGrpcService(
    IServiceProvider services,
    ChannelRegistry channels,
    IMessageIntake intake,
    IOptions<McuHubHostOptions> options) : ImportService.ImportServiceBase
{
    private const int StoreBatch = 1000;
    private const int MaxErrorsListed = 1000;

    public override async Task<ImportFileResponse> ImportFile(IAsyncStreamReader<ImportFileChunk> requestStream, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var caller = Caller.Of(context);
        if (!await requestStream.MoveNext(ct) || requestStream.Current.PartCase != ImportFileChunk.PartOneofCase.Header)
            throw new HubValidationException("header", "первая часть потока должна описывать файл (канал и имя)");
        var header = requestStream.Current.Header;
        if (!channels.Contains(header.Channel))
            throw new HubValidationException("channel", $"неизвестный канал '{header.Channel}'");
        var importer = services.GetKeyedService<IChannelImporter>(header.Channel)
            ?? throw new HubValidationException("channel", $"канал '{header.Channel}' не поддерживает импорт выгрузок");
        var extension = Path.GetExtension(header.FileName).ToLowerInvariant();
        if (!importer.Extensions.Contains(extension))
            throw new HubValidationException("file_name", $"файл «{header.FileName}»: канал принимает {string.Join(", ", importer.Extensions)}");

        // Read the whole file before storing anything: an oversized or malformed file must change nothing.
        var limit = options.Value.MaxImportBytes;
        await using var content = new MemoryStream();
        while (await requestStream.MoveNext(ct))
        {
            var chunk = requestStream.Current;
            if (chunk.PartCase != ImportFileChunk.PartOneofCase.Data)
                throw new HubValidationException("data", "после описания файла ожидаются только его данные");
            if (content.Length + chunk.Data.Length > limit)
                throw new RpcException(new Status(StatusCode.ResourceExhausted, $"file: файл больше допустимых {limit / (1024 * 1024)} МБ"));
            chunk.Data.WriteTo(content);
        }

        if (content.Length == 0)
            throw new HubValidationException("file", $"файл «{header.FileName}» пуст");
        content.Position = 0;

        ImportParseResult parsed;
        try
        {
            parsed = await importer.ParseAsync(content, header.FileName, ct);
        }
        catch (ImportFormatException ex)
        {
            throw new HubValidationException("file", $"файл «{header.FileName}» не принят: {ex.Message}");
        }

        var response = new ImportFileResponse { Rows = parsed.Items.Count };
        response.Errors.AddRange(parsed.Errors.Select(e => new RowError { Row = e.Row, Column = e.Column ?? "", Message = e.Message }));
        var actor = caller.Actor + " import:" + header.FileName;
        for (var offset = 0; offset < parsed.Items.Count || (offset == 0 && parsed.Records.Count > 0); offset += StoreBatch)
        {
            var items = parsed.Items.Skip(offset).Take(StoreBatch).ToList();
            if (offset == 0 && parsed.Records.Count > 0)
            {
                var stored = await intake.SubmitPullAsync(header.Channel, new PullResult([], null, false) { Records = parsed.Records }, actor, CancellationToken.None);
                response.Records = stored.RecordsAccepted;
                response.Errors.AddRange(stored.RecordErrors.Select(e => new RowError { Column = e.Field, Message = e.Problem }));
            }

            // Bad rows are reported to the person importing, not quarantined: they fix the file and import it again.
            // The file's items belong to the municipality that imports it.
            var outcomes = await intake.SubmitBatchAsync(caller.Tenant, header.Channel, items, checkpoint: null, actor, CancellationToken.None);
            for (var i = 0; i < outcomes.Count; i++)
            {
                var result = outcomes[i];
                if (result.Error is { } error)
                {
                    var index = offset + i;
                    var row = index < parsed.ItemRows.Count ? parsed.ItemRows[index] : 0;
                    response.Errors.Add(new RowError { Row = row, Column = error.Field, Message = error.Problem });
                }
                else if (result.Duplicate)
                {
                    response.Duplicates++;
                }
                else
                {
                    response.Accepted++;
                }
            }
        }

        var sorted = response.Errors.OrderBy(e => e.Row).ToList();
        response.ErrorCount = sorted.Count;
        response.Errors.Clear();
        response.Errors.AddRange(sorted.Take(MaxErrorsListed));
        return response;
    }
}

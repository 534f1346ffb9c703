using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MCU.Hub.Grpc.V1;
using MCU.Hub.Host.Security;
using MCU.Hub.People;
using MCU.Hub.Intake;
using Microsoft.AspNetCore.Authorization;
using MCU.Hub.Reports;
using CoreReports = MCU.Hub.Reports;

namespace MCU.Hub.Host.Grpc;

/// <summary>
/// The <c>mcu.hub.v1.ReportService</c>: generate, list and download reports of the caller's municipality (a region
/// caller lists and downloads those of its municipalities: reports hold aggregates only).
/// </summary>
[Authorize(Policy = Permissions.ReadMessages)]
internal sealed class ReportGrpcService(CoreReports.ReportService reports) : Hub.Grpc.V1.ReportService.ReportServiceBase
{
    /// <summary>The size of one downloaded chunk: well under gRPC's default 4 MB message limit.</summary>
    internal const int ChunkSize = 64 * 1024;

    [Authorize(Policy = Permissions.WriteMessages)]
    public override async Task<Report> GenerateReport(GenerateReportRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        if (request.Kind == Hub.Grpc.V1.ReportKind.Unspecified || !System.Enum.IsDefined(request.Kind))
            throw new HubValidationException("kind", "вид отчёта не указан или неизвестен");
        var period = ReportPeriod.Parse(ToCore(request.Kind), request.Period);
        var stored = await reports.GenerateAsync(caller.Tenant, period, request.Formats, "api", caller.Actor, context.CancellationToken);
        return ToProto(stored);
    }

    public override async Task<ListReportsResponse> ListReports(ListReportsRequest request, ServerCallContext context)
    {
        if (request.PageSize is < 0 or > 1000)
            throw new HubValidationException("page_size", "размер страницы должен быть от 1 до 1000");
        if (!System.Enum.IsDefined(request.Kind))
            throw new HubValidationException("kind", $"неизвестный вид отчёта {(int)request.Kind}");
        var kind = request.Kind == Hub.Grpc.V1.ReportKind.Unspecified ? (CoreReports.ReportKind?)null : ToCore(request.Kind);
        var list = await reports.ListAsync(Caller.Of(context).Visible, kind, request.Period.Length == 0 ? null : request.Period, request.PageSize == 0 ? 100 : request.PageSize, context.CancellationToken);
        var response = new ListReportsResponse();
        response.Reports.AddRange(list.Select(ToProto));
        return response;
    }

    public override async Task DownloadReport(DownloadReportRequest request, IServerStreamWriter<ReportChunk> responseStream, ServerCallContext context)
    {
        var report = await reports.GetAsync(request.Id, context.CancellationToken);
        if (report is null || !Caller.Of(context).Sees(reports.TenantOf(report)))
            throw new RpcException(new Status(StatusCode.NotFound, $"id: отчёт '{request.Id}' не найден"));
        var file = report.Files.FirstOrDefault(f => f.Format == request.Format)
            ?? throw new HubValidationException("format", $"у отчёта нет файла «{request.Format}» (есть: {string.Join(", ", report.Files.Select(f => f.Format))})");
        var bytes = await reports.GetContentAsync(report.Id, file.Format, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"id: файл отчёта '{request.Id}' не найден"));
        for (var offset = 0; offset < bytes.Length || offset == 0; offset += ChunkSize)
        {
            var chunk = new ReportChunk { Data = ByteString.CopyFrom(bytes, offset, Math.Min(ChunkSize, bytes.Length - offset)) };
            if (offset == 0)
                chunk.File = ToProto(file);
            await responseStream.WriteAsync(chunk, context.CancellationToken);
            if (bytes.Length == 0)
                break;
        }
    }

    internal static CoreReports.ReportKind ToCore(Hub.Grpc.V1.ReportKind kind) => (CoreReports.ReportKind)((int)kind - 1);

    private Report ToProto(StoredReport r)
    {
        var proto = new Report
        {
            Id = r.Id, Tenant = reports.TenantOf(r), Kind = (Hub.Grpc.V1.ReportKind)((int)r.Kind + 1), Period = r.Period, From = r.From, To = r.To, Title = r.Title,
            GeneratedAt = Timestamp.FromDateTimeOffset(r.GeneratedAt), DueAt = Timestamp.FromDateTimeOffset(r.DueAt), Trigger = r.Trigger,
        };
        proto.Parameters.Add(r.Parameters);
        proto.Files.AddRange(r.Files.Select(ToProto));
        return proto;
    }

    private static ReportFile ToProto(StoredReportFile f) => new() { Format = f.Format, ContentType = f.ContentType, FileName = f.FileName, Length = f.Length, Sha256 = f.Sha256 };
}

using System.Collections.Concurrent;
using LiteDB;
using MCU.Hub.Storage.Internal;

namespace MCU.Hub.Reports.Internal;

/// <summary>Reports in the hub's LiteDB file: the description in a collection, the files in LiteDB's file storage.</summary>
internal sealed class LiteDbReportStore : IReportStore
{
    private readonly LiteDatabase _db;
    private readonly LiteDbWriteGate _writeGate;
    private readonly ILiteCollection<StoredReport> _reports;
    private readonly ILiteStorage<string> _files;

    public LiteDbReportStore(LiteDatabase db, LiteDbWriteGate writeGate)
    {
        _db = db;
        _writeGate = writeGate;
        _reports = db.GetCollection<StoredReport>("reports");
        _reports.EnsureIndex(r => r.Period);
        _files = db.GetStorage<string>("report_files", "report_chunks");
    }

    public Task SaveAsync(StoredReport report, IReadOnlyDictionary<string, byte[]> contents, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using (_writeGate.Enter())
        {
            _db.BeginTrans();
            try
            {
                foreach (var file in report.Files)
                {
                    using var stream = new MemoryStream(contents[file.Format], writable: false);
                    _files.Upload(FileId(report.Id, file.Format), file.FileName, stream);
                }

                _reports.Upsert(report);
                _db.Commit();
            }
            catch
            {
                _db.Rollback();
                throw;
            }

            _db.Checkpoint();
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredReport>> ListAsync(ReportKind? kind, string? period, int maxCount, CancellationToken cancellationToken)
    {
        var q = _reports.Query();
        if (kind is { } k)
            q = q.Where(LiteQuery.Eq("Kind", k.ToString()));
        if (period is not null)
            q = q.Where(LiteQuery.Eq("Period", period));
        return Task.FromResult<IReadOnlyList<StoredReport>>(q.OrderByDescending("_id").Limit(maxCount).ToList());
    }

    public Task<StoredReport?> GetAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult<StoredReport?>(_reports.FindById(id));

    public Task<byte[]?> GetContentAsync(string id, string format, CancellationToken cancellationToken)
    {
        var file = _files.FindById(FileId(id, format));
        if (file is null)
            return Task.FromResult<byte[]?>(null);
        using var output = new MemoryStream();
        file.CopyTo(output);
        return Task.FromResult<byte[]?>(output.ToArray());
    }

    private static string FileId(string id, string format) => id + "." + format;
}

/// <summary>Reports in memory, for a hub whose store is not LiteDB and that registers no report store of its own.</summary>
internal sealed class InMemoryReportStore : IReportStore
{
    private readonly ConcurrentDictionary<string, (StoredReport Report, IReadOnlyDictionary<string, byte[]> Contents)> _reports = new(StringComparer.Ordinal);

    public Task SaveAsync(StoredReport report, IReadOnlyDictionary<string, byte[]> contents, CancellationToken cancellationToken)
    {
        _reports[report.Id] = (report, contents);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredReport>> ListAsync(ReportKind? kind, string? period, int maxCount, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredReport>>([.. _reports.Values.Select(v => v.Report)
            .Where(r => (kind is null || r.Kind == kind) && (period is null || r.Period == period))
            .OrderByDescending(r => r.Id, StringComparer.Ordinal).Take(maxCount)]);

    public Task<StoredReport?> GetAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(_reports.TryGetValue(id, out var v) ? v.Report : null);

    public Task<byte[]?> GetContentAsync(string id, string format, CancellationToken cancellationToken) =>
        Task.FromResult(_reports.TryGetValue(id, out var v) && v.Contents.TryGetValue(format, out var bytes) ? bytes : null);
}

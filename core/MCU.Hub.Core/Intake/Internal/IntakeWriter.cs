using System.Threading.Channels;
using MCU.Hub.Storage;
using Microsoft.Extensions.Logging;

namespace MCU.Hub.Intake.Internal;

/// <summary>
/// Group commit: collects the intake requests waiting at one moment and writes them in one store transaction,
/// because a commit costs far more than a document (see the store's remarks).
/// </summary>
internal sealed partial class IntakeWriter : IAsyncDisposable
{
    private readonly IHubStore _store;
    private readonly int _maxBatch;
    private readonly ILogger _logger;
    private readonly Channel<Request> _queue = Channel.CreateUnbounded<Request>(new() { SingleReader = true });
    private readonly Task _loop;

    public IntakeWriter(IHubStore store, int maxBatch, ILogger logger)
    {
        _store = store;
        _maxBatch = maxBatch;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    public Task<IReadOnlyList<IntakeOutcome>> WriteAsync(IntakeBatch batch, CancellationToken cancellationToken)
    {
        var request = new Request(batch, new(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(request))
            throw new ObjectDisposedException(nameof(IntakeWriter), "Приём сообщений остановлен.");
        return request.Completion.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var group = new List<Request>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            group.Clear();
            var size = 0;
            while (size < _maxBatch && _queue.Reader.TryRead(out var request))
            {
                group.Add(request);
                size += request.Batch.Items.Count;
            }

            await CommitAsync(group).ConfigureAwait(false);
        }
    }

    private async Task CommitAsync(List<Request> group)
    {
        if (group.Count == 1)
        {
            await CommitOneAsync(group[0]).ConfigureAwait(false);
            return;
        }

        var items = group.SelectMany(r => r.Batch.Items).ToList();
        var checkpoints = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var request in group)
        {
            foreach (var (channel, checkpoint) in request.Batch.Checkpoints)
                checkpoints[channel] = checkpoint;
        }

        IReadOnlyList<IntakeOutcome> outcomes;
        try
        {
            var merged = new IntakeBatch(items, checkpoints)
            {
                Records = [.. group.SelectMany(r => r.Batch.Records)],
                Quarantine = [.. group.SelectMany(r => r.Batch.Quarantine)],
                Audit = MergeAudit(group),
            };
            outcomes = await _store.CommitIntakeAsync(merged, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // One bad request must not fail its neighbours: commit each on its own so only the culprit fails.
            LogGroupFailed(_logger, group.Count, ex);
            foreach (var request in group)
                await CommitOneAsync(request).ConfigureAwait(false);
            return;
        }

        var offset = 0;
        foreach (var request in group)
        {
            var count = request.Batch.Items.Count;
            request.Completion.TrySetResult(outcomes.Skip(offset).Take(count).ToArray());
            offset += count;
        }
    }

    /// <summary>The requests' audit entries, their target items moved by the items of the requests before them.</summary>
    private static List<IntakeAudit> MergeAudit(List<Request> group)
    {
        var audit = new List<IntakeAudit>();
        var offset = 0;
        foreach (var request in group)
        {
            foreach (var entry in request.Batch.Audit)
                audit.Add(entry.TargetItem < 0 ? entry : entry with { TargetItem = entry.TargetItem + offset });
            offset += request.Batch.Items.Count;
        }

        return audit;
    }

    private async Task CommitOneAsync(Request request)
    {
        try
        {
            request.Completion.TrySetResult(await _store.CommitIntakeAsync(request.Batch, CancellationToken.None).ConfigureAwait(false));
        }
        catch (Exception ex)
        {
            request.Completion.TrySetException(ex);
        }
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "A group commit of {Requests} intake requests failed; committing them one by one")]
    private static partial void LogGroupFailed(ILogger logger, int requests, Exception exception);

    private sealed record Request(IntakeBatch Batch, TaskCompletionSource<IReadOnlyList<IntakeOutcome>> Completion);
}

namespace MCU.Hub.Events;

/// <summary>
/// Tells subscribers in this process that new events were stored; they read the events themselves from the store,
/// from their own sequence number, so a slow subscriber never loses one.
/// </summary>
public sealed class HubEventFeed
{
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastSequence;

    /// <summary>Gets the highest sequence number published so far in this process.</summary>
    public long LastSequence => Interlocked.Read(ref _lastSequence);

    /// <summary>Announces that events up to <paramref name="sequence"/> are stored.</summary>
    /// <param name="sequence">The highest stored sequence number.</param>
    public void Publish(long sequence)
    {
        long current;
        do
        {
            current = Interlocked.Read(ref _lastSequence);
            if (sequence <= current)
                return;
        }
        while (Interlocked.CompareExchange(ref _lastSequence, sequence, current) != current);

        Interlocked.Exchange(ref _signal, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Waits until an event after <paramref name="afterSequence"/> is published.</summary>
    /// <param name="afterSequence">The last sequence number the subscriber has seen.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>A task that completes when there is something new.</returns>
    public Task WaitAsync(long afterSequence, CancellationToken cancellationToken)
    {
        var signal = Volatile.Read(ref _signal).Task;
        return LastSequence > afterSequence ? Task.CompletedTask : signal.WaitAsync(cancellationToken);
    }
}

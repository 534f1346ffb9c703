namespace MCU.Hub.Host.Channels;

/// <summary>The live state of one channel's connector, for logs, health and the dashboard.</summary>
public sealed class ChannelStatus
{
    private long _ingested;
    private long _duplicates;
    private long _rejected;
    private long _records;
    private int _failures;

    /// <summary>Creates the status of a channel.</summary>
    /// <param name="code">The channel code.</param>
    /// <param name="displayName">The channel's Russian name.</param>
    public ChannelStatus(string code, string displayName)
    {
        Code = code;
        DisplayName = displayName;
    }

    /// <summary>Gets the channel code.</summary>
    public string Code { get; }

    /// <summary>Gets the channel's Russian name.</summary>
    public string DisplayName { get; }

    /// <summary>Gets the items stored so far by this process.</summary>
    public long Ingested => Interlocked.Read(ref _ingested);

    /// <summary>Gets the redelivered items ignored so far by this process.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Gets the items refused as invalid so far by this process.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Gets the records (pages, publications, call cards) stored so far by this process.</summary>
    public long Records => Interlocked.Read(ref _records);

    /// <summary>Gets the failures since the last success.</summary>
    public int ConsecutiveFailures => Volatile.Read(ref _failures);

    /// <summary>Gets the last error, or <see langword="null"/> after a success.</summary>
    public string? LastError { get; private set; }

    /// <summary>Gets when the channel last answered successfully.</summary>
    public DateTimeOffset? LastSuccessAt { get; private set; }

    /// <summary>Gets a value indicating whether the worker runs.</summary>
    public bool Running { get; internal set; }

    internal void RecordSuccess(DateTimeOffset at, int ingested, int duplicates, int rejected, int records)
    {
        Interlocked.Add(ref _records, records);
        Interlocked.Add(ref _ingested, ingested);
        Interlocked.Add(ref _duplicates, duplicates);
        Interlocked.Add(ref _rejected, rejected);
        Volatile.Write(ref _failures, 0);
        LastError = null;
        LastSuccessAt = at;
    }

    internal int RecordFailure(string error)
    {
        LastError = error;
        return Interlocked.Increment(ref _failures);
    }
}

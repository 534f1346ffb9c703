namespace MCU.Hub.Bench.All;

/// <summary>The options of <c>all</c>, <c>endtoend</c> and <c>grpc</c>.</summary>
/// <param name="Messages">Messages the ПОС emulator publishes and the hub ingests.</param>
/// <param name="Batch">Items per pull (and page size).</param>
/// <param name="MemoryAt">Where the first memory sample is taken.</param>
/// <param name="GrpcMessages">Messages streamed through <c>SubmitMessages</c>.</param>
/// <param name="Streams">Concurrent <c>SubmitMessages</c> calls.</param>
/// <param name="Concurrency">Concurrent <c>SubmitMessage</c> callers.</param>
/// <param name="Seconds">Duration of the unary run, seconds.</param>
/// <param name="EscalationScan"><c>McuHub:Escalation:ScanInterval</c> of the host; <see langword="null"/> keeps the host's.</param>
/// <param name="Keep">Whether the files are kept for inspection.</param>
internal sealed record AllOptions(int Messages, int Batch, int MemoryAt, int GrpcMessages, int Streams, int Concurrency, double Seconds, string? EscalationScan, bool Keep);

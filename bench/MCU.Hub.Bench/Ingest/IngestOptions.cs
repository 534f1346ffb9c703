namespace MCU.Hub.Bench.Ingest;

/// <summary>The options of <c>ingest</c>.</summary>
/// <param name="Messages">Messages.</param>
/// <param name="Batch">Messages per batch.</param>
internal sealed record IngestOptions(int Messages, int Batch);

namespace MCU.Hub.Bench.Storage;

/// <summary>The options of <c>store</c>.</summary>
/// <param name="Backends">Backends to run.</param>
/// <param name="Messages">Messages.</param>
/// <param name="Batch">Intake batch size.</param>
/// <param name="Writers">Concurrent writers.</param>
/// <param name="Connection">PostgreSQL server; <see langword="null"/> when none is configured.</param>
internal sealed record StoreOptions(IReadOnlyList<string> Backends, int Messages, int Batch, int Writers, string? Connection);

namespace MCU.Hub.Channels;

/// <summary>
/// Reads an export file of the external system (for example the .xlsx that staff download from the ПОС cabinet).
/// Register it keyed by the channel code: <c>services.AddKeyedSingleton&lt;IChannelImporter, MyImporter&gt;(code)</c>.
/// </summary>
/// <remarks>
/// The host checks size and emptiness before calling, stores nothing until the whole file is read, then keeps the good
/// rows and reports the bad ones. Throw <see cref="ImportFormatException"/> when the file as a whole is unusable.
/// </remarks>
public interface IChannelImporter
{
    /// <summary>Gets the file extensions this importer reads, lower-case with the dot (<c>.xlsx</c>, <c>.csv</c>).</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>Reads a file.</summary>
    /// <param name="content">The file's content.</param>
    /// <param name="fileName">The file's name, for its extension and for messages.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The items and records read, and an error per bad row.</returns>
    /// <exception cref="ImportFormatException">The file is malformed, has no recognisable header, or is of another format.</exception>
    Task<ImportParseResult> ParseAsync(Stream content, string fileName, CancellationToken cancellationToken);
}

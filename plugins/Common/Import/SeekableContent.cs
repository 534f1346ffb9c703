namespace MCU.Hub.Plugins.Common.Import;

/// <summary>
/// The uploaded content as a seekable stream at position 0: the caller's own stream when it already is one, otherwise a
/// temporary file that is deleted when this is disposed. A workbook is a zip archive, read from its end first.
/// </summary>
internal sealed class SeekableContent : IAsyncDisposable
{
    private const int BufferSize = 81920;
    private readonly bool _owned;

    private SeekableContent(Stream stream, bool owned)
    {
        Stream = stream;
        _owned = owned;
    }

    /// <summary>Gets the seekable stream.</summary>
    public Stream Stream { get; }

    /// <summary>Gets the content as a seekable stream, copying it to a temporary file when it is not one.</summary>
    public static async Task<SeekableContent> OpenAsync(Stream content, CancellationToken cancellationToken)
    {
        if (content.CanSeek && content.Position == 0)
            return new SeekableContent(content, owned: false);

        var temporary = new FileStream(
            Path.Combine(Path.GetTempPath(), "mcu-import-" + Guid.NewGuid().ToString("N") + ".tmp"),
            FileMode.CreateNew,
            FileAccess.ReadWrite,
            FileShare.None,
            BufferSize,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await content.CopyToAsync(temporary, BufferSize, cancellationToken);
            temporary.Position = 0;
            return new SeekableContent(temporary, owned: true);
        }
        catch
        {
            await temporary.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _owned ? Stream.DisposeAsync() : ValueTask.CompletedTask;
}

using MCU.Hub.Messages;

namespace MCU.Hub.Storage;

/// <summary>
/// Optional for an <see cref="IHubStore"/> whose reads cost a round trip (a server database): many messages by id in one
/// read. The indicator projection uses it to catch up with changes made by other instances.
/// </summary>
public interface IBulkMessageReader
{
    /// <summary>Gets the messages with the given ids that exist, in no particular order.</summary>
    /// <param name="ids">The hub's ids.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The messages found.</returns>
    Task<IReadOnlyList<HubMessage>> GetMessagesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>Streams every stored message in one read, rather than page by page (the projection's first load).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The messages, in no particular order.</returns>
    IAsyncEnumerable<HubMessage> ReadAllAsync(CancellationToken cancellationToken);
}

namespace MCU.Hub.Storage;

/// <summary>
/// A small document of the МЦУ's working cycle that the hub keeps beside its messages: a roadmap, a fast-track
/// catalogue entry, a survey, an account, an answer template. Each type names its collection.
/// </summary>
public interface IStoredDocument
{
    /// <summary>Gets the name of the collection that holds documents of this type (lower case, letters, digits and <c>_</c>).</summary>
    static abstract string Collection { get; }

    /// <summary>Gets or sets the id, unique in the collection.</summary>
    string Id { get; set; }

    /// <summary>Gets or sets the municipality (ОКТМО) the document belongs to; empty on a hub with no code.</summary>
    string Tenant { get; set; }

    /// <summary>
    /// Gets the secondary lookup key (a survey's token hash, an account's login, the message a link is about), or
    /// <see langword="null"/>. Not unique: <see cref="IDocumentStore.ListAsync{T}"/> finds every document with it.
    /// </summary>
    string? Key { get; }

    /// <summary>Gets or sets the version the store holds: 0 before the first save, then 1, 2, …</summary>
    int Version { get; set; }
}

/// <summary>Which documents of a collection to list.</summary>
public sealed record DocumentQuery
{
    /// <summary>Gets the municipalities to list; empty lists every municipality.</summary>
    public IReadOnlyCollection<string> Tenants { get; init; } = [];

    /// <summary>Gets the lookup key the documents must have, or <see langword="null"/> for any.</summary>
    public string? Key { get; init; }

    /// <summary>Gets the id after which to start (ids in ordinal order), for paging; <see langword="null"/> from the start.</summary>
    public string? After { get; init; }

    /// <summary>Gets the most documents to return.</summary>
    public int Limit { get; init; } = 1_000;
}

/// <summary>
/// Versioned documents of the working cycle, durable in the hub's store (the LiteDB file or PostgreSQL). Writes use
/// optimistic concurrency: a save names the version it read, and loses to a concurrent save of the same document.
/// </summary>
public interface IDocumentStore
{
    /// <summary>Reads a document.</summary>
    /// <typeparam name="T">The document type.</typeparam>
    /// <param name="id">Its id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The document, or <see langword="null"/> when there is none.</returns>
    Task<T?> GetAsync<T>(string id, CancellationToken cancellationToken) where T : class, IStoredDocument;

    /// <summary>
    /// Saves a document when the store still holds the version it carries (0: it must not exist yet), and sets its
    /// <see cref="IStoredDocument.Version"/> to the new one. Durable when the task completes.
    /// </summary>
    /// <typeparam name="T">The document type.</typeparam>
    /// <param name="document">The document.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="false"/> when another save came first (the document is left unchanged); read it again and retry.</returns>
    Task<bool> SaveAsync<T>(T document, CancellationToken cancellationToken) where T : class, IStoredDocument;

    /// <summary>Deletes a document if the store still holds the version it carries.</summary>
    /// <typeparam name="T">The document type.</typeparam>
    /// <param name="document">The document, as read.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="false"/> when it is gone or was changed meanwhile.</returns>
    Task<bool> DeleteAsync<T>(T document, CancellationToken cancellationToken) where T : class, IStoredDocument;

    /// <summary>Lists documents in the order of their ids.</summary>
    /// <typeparam name="T">The document type.</typeparam>
    /// <param name="query">Which documents.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>At most <see cref="DocumentQuery.Limit"/> documents.</returns>
    Task<IReadOnlyList<T>> ListAsync<T>(DocumentQuery query, CancellationToken cancellationToken) where T : class, IStoredDocument;
}

using System.Reflection;
using LiteDB;

namespace MCU.Hub.Storage.Internal;

/// <summary>
/// Bounds the pages LiteDB's open transactions may hold in its page cache together, and so the cache itself.
/// </summary>
/// <remarks>
/// <para>
/// LiteDB 5.0.x lets the open transactions of one file hold up to 100,000 pages (800 MB) and its page cache never gives
/// memory back while the file is open: it grows whenever the pages in use leave fewer than one segment (1,000 pages)
/// free to reuse. A transaction that touches many pages — an intake commit into large indexes, one scan of a large
/// collection — therefore keeps the process bigger for good, and the bigger the stored volume, the bigger it is.
/// </para>
/// <para>
/// LiteDB counts those pages itself (<c>TransactionMonitor</c>: each transaction starts with 1,000 and asks for 1,000
/// more while the shared budget has them; over its share it writes its changed pages to the log and drops the rest, its
/// "safepoint"), but has no setting for the total. This sets the counter of the shared budget once, right after the file
/// is opened, with no transaction open; LiteDB keeps it from then on. The cache then stays below the budget plus the
/// pages LiteDB keeps free for reuse, 13–16 MB (its segments are 12, 50, 100, 500 and then 1,000 pages): measured, 21 MB
/// with a budget of 1,000 pages and 21–29 MB with 2,048.
/// </para>
/// <para>
/// The counter is a private field of the pinned LiteDB version; on a version without it <see cref="TryApply"/> changes
/// nothing and says so, and the store's tests fail, so an upgrade cannot lose the bound unnoticed.
/// </para>
/// </remarks>
internal static class LiteDbPageBudget
{
    /// <summary>LiteDB's page size, in bytes.</summary>
    public const int PageSize = 8192;

    /// <summary>The pages LiteDB grants a transaction at once; a budget below it leaves transactions none.</summary>
    public const int MinPages = 1000;

    private const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Instance;

    /// <summary>Sets the shared transaction budget of a just-opened database.</summary>
    /// <param name="database">The database, with no transaction open.</param>
    /// <param name="pages">The budget in pages, at least <see cref="MinPages"/>.</param>
    /// <returns><see langword="true"/> if the budget was set; <see langword="false"/> on a LiteDB version without the counter, or with a transaction open.</returns>
    public static bool TryApply(LiteDatabase database, int pages)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentOutOfRangeException.ThrowIfLessThan(pages, MinPages);
        var monitor = Field(Field(database, "_engine"), "_monitor");
        var free = monitor?.GetType().GetField("_freePages", Private);
        if (monitor is null || free?.FieldType != typeof(int) || Field(monitor, "_transactions") is not System.Collections.IDictionary open)
            return false;

        // The monitor changes the counter under this lock; with transactions open their shares would come back on top.
        lock (open)
        {
            if (open.Count > 0)
                return false;
            free.SetValue(monitor, pages);
            return true;
        }
    }

    /// <summary>The memory LiteDB's page cache holds (it never shrinks while the file is open), or 0 if it cannot be read.</summary>
    /// <param name="database">The database.</param>
    /// <returns>The bytes of every page buffer the cache has allocated.</returns>
    public static long CacheBytes(LiteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var cache = Field(Field(Field(database, "_engine"), "_disk"), "_cache");
        return cache?.GetType().GetProperty("ExtendPages")?.GetValue(cache) is int pages ? pages * (long)PageSize : 0;
    }

    private static object? Field(object? owner, string name) => owner?.GetType().GetField(name, Private)?.GetValue(owner);
}

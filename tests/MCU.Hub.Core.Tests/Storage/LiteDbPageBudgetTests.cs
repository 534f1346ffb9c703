using LiteDB;
using MCU.Hub.Storage;
using MCU.Hub.Storage.Internal;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Core.Tests.Storage;

public sealed class LiteDbPageBudgetTests : IDisposable
{
    // 6,000 documents of about 7 KB: one data page each, 47 MB in all.
    private const int Documents = 6_000;
    private const long Mb = 1024 * 1024;

    // Above the pages in use LiteDB keeps 13–16 MB free for reuse (its segments are 12, 50, 100, 500, then 1,000 pages),
    // so a budget of 1,000 pages leaves the cache under 30 MB (21 MB measured); without it the scan keeps every page.
    private const long BoundedCacheMb = 30;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mcu-hub-tests", Guid.NewGuid().ToString("N"));

    public LiteDbPageBudgetTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public void TryApply_AScanOfMoreDataThanTheBudget_KeepsTheCacheNearTheBudget_WhereLiteDbAloneKeepsEveryPage()
    {
        using var unbounded = Open("unbounded.db");
        using var bounded = Open("bounded.db");

        Assert.True(LiteDbPageBudget.TryApply(bounded, LiteDbPageBudget.MinPages));
        Assert.Equal(Documents, FillAndScan(unbounded));
        Assert.Equal(Documents, FillAndScan(bounded));

        Assert.True(LiteDbPageBudget.CacheBytes(unbounded) > 40 * Mb, $"LiteDB alone: {LiteDbPageBudget.CacheBytes(unbounded) / Mb} MB");
        Assert.InRange(LiteDbPageBudget.CacheBytes(bounded), 1, BoundedCacheMb * Mb);
    }

    [Fact]
    public void TryApply_WithATransactionOpen_ChangesNothingAndSaysSo()
    {
        using var db = Open("open.db");
        db.BeginTrans();
        db.GetCollection("docs").Insert(new BsonDocument { ["n"] = 1 });

        Assert.False(LiteDbPageBudget.TryApply(db, LiteDbPageBudget.MinPages));
        db.Commit();
        Assert.Throws<ArgumentOutOfRangeException>(() => LiteDbPageBudget.TryApply(db, LiteDbPageBudget.MinPages - 1));
    }

    [Fact]
    public void LiteDbHubStore_OpensItsFileWithTheConfiguredBudget()
    {
        var options = Options.Create(new McuHubOptions { DatabasePath = Path.Combine(_folder, "hub.db"), LiteDbCacheMb = 8 });
        using var store = new LiteDbHubStore(options);

        Assert.True(store.CacheBounded);
        Assert.Equal(Documents, FillAndScan(store.Database));
        Assert.InRange(store.CacheBytes, 1, BoundedCacheMb * Mb);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private LiteDatabase Open(string name) =>
        new(new ConnectionString { Filename = Path.Combine(_folder, name), Connection = ConnectionType.Direct });

    /// <summary>Inserts the documents 500 per transaction, then reads every one of them in a single query.</summary>
    private static int FillAndScan(LiteDatabase db)
    {
        var docs = db.GetCollection("scratch");
        var text = new string('я', 3_500);
        foreach (var chunk in Enumerable.Range(0, Documents).Chunk(500))
            docs.InsertBulk(chunk.Select(n => new BsonDocument { ["n"] = n, ["text"] = text }));

        return docs.FindAll().Count(d => d["text"].AsString.Length == text.Length);
    }
}

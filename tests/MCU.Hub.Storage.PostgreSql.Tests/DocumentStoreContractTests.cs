namespace MCU.Hub.Storage.PostgreSql.Tests;

/// <summary>The contract of <see cref="IDocumentStore"/> on every backend: versions, conflicts, lookups, durability.</summary>
public abstract class DocumentStoreContractTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private StoreBackend _backend = null!;
    private IHubStore _hub = null!;

    private IDocumentStore Documents { get; set; } = null!;

    public async Task InitializeAsync()
    {
        _backend = await CreateBackendAsync();
        _hub = _backend.Open();
        Documents = _backend.Documents(_hub);
    }

    public async Task DisposeAsync() => await _backend.DisposeAsync();

    protected abstract Task<StoreBackend> CreateBackendAsync();

    [Fact]
    public async Task Save_NewThenChanged_BumpsTheVersionAndReadsBackEveryField()
    {
        var note = new Note { Id = "n-1", Tenant = "45000000", Lookup = "m-1", Text = "Ямочный ремонт", Due = new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.FromHours(3)), Items = ["a", "б"] };

        Assert.True(await Documents.SaveAsync(note, None));
        Assert.Equal(1, note.Version);
        note.Text = "Ремонт выполнен";
        Assert.True(await Documents.SaveAsync(note, None));

        var read = await Documents.GetAsync<Note>("n-1", None);
        Assert.NotNull(read);
        Assert.Equal(2, read.Version);
        Assert.Equal("Ремонт выполнен", read.Text);
        Assert.Equal(note.Due, read.Due);
        Assert.Equal(["a", "б"], read.Items);
        Assert.Null(await Documents.GetAsync<Note>("n-2", None));
        Assert.Null(await Documents.GetAsync<OtherNote>("n-1", None));
    }

    [Fact]
    public async Task Save_StaleVersion_LosesAndLeavesTheStoredDocument()
    {
        var first = new Note { Id = "n-1", Text = "один" };
        await Documents.SaveAsync(first, None);
        var a = (await Documents.GetAsync<Note>("n-1", None))!;
        var b = (await Documents.GetAsync<Note>("n-1", None))!;

        a.Text = "от первого";
        b.Text = "от второго";
        Assert.True(await Documents.SaveAsync(a, None));
        Assert.False(await Documents.SaveAsync(b, None));
        Assert.Equal(1, b.Version);
        Assert.False(await Documents.SaveAsync(new Note { Id = "n-1", Text = "ещё раз новый" }, None));

        Assert.Equal("от первого", (await Documents.GetAsync<Note>("n-1", None))!.Text);
    }

    [Fact]
    public async Task SaveNew_ConcurrentlyFromManyCallers_ExactlyOneWins()
    {
        var wins = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => Documents.SaveAsync(new Note { Id = "same", Text = $"#{i}" }, None))));

        Assert.Equal(1, wins.Count(w => w));
        Assert.Equal(1, (await Documents.GetAsync<Note>("same", None))!.Version);
    }

    [Fact]
    public async Task List_ByTenantKeyAndPage_ReturnsMatchingDocumentsInIdOrder()
    {
        foreach (var (id, tenant, key) in new[] { ("c", "45000000", "m-1"), ("a", "45000000", "m-2"), ("b", "46000000", "m-1"), ("d", "", null) })
            await Documents.SaveAsync(new Note { Id = id, Tenant = tenant, Lookup = key }, None);

        Assert.Equal(["a", "b", "c", "d"], (await Documents.ListAsync<Note>(new DocumentQuery(), None)).Select(n => n.Id));
        Assert.Equal(["a", "c"], (await Documents.ListAsync<Note>(new DocumentQuery { Tenants = ["45000000"] }, None)).Select(n => n.Id));
        Assert.Equal(["d"], (await Documents.ListAsync<Note>(new DocumentQuery { Tenants = [""] }, None)).Select(n => n.Id));
        Assert.Equal(["b", "c"], (await Documents.ListAsync<Note>(new DocumentQuery { Key = "m-1" }, None)).Select(n => n.Id));
        Assert.Equal(["c", "d"], (await Documents.ListAsync<Note>(new DocumentQuery { After = "b", Limit = 2 }, None)).Select(n => n.Id));
        Assert.Empty(await Documents.ListAsync<OtherNote>(new DocumentQuery(), None));
    }

    [Fact]
    public async Task Delete_OnlyTheVersionRead()
    {
        var note = new Note { Id = "n-1" };
        await Documents.SaveAsync(note, None);
        var stale = (await Documents.GetAsync<Note>("n-1", None))!;
        await Documents.SaveAsync(note, None);

        Assert.False(await Documents.DeleteAsync(stale, None));
        Assert.True(await Documents.DeleteAsync(note, None));
        Assert.Null(await Documents.GetAsync<Note>("n-1", None));
        Assert.False(await Documents.DeleteAsync(note, None));
    }

    [Fact]
    public async Task Save_IsThereAfterARestart()
    {
        await Documents.SaveAsync(new Note { Id = "n-1", Text = "до перезапуска" }, None);

        var reopened = _backend.Open();
        var read = await _backend.Documents(reopened).GetAsync<Note>("n-1", None);

        Assert.Equal("до перезапуска", read!.Text);
    }

    private sealed class Note : IStoredDocument
    {
        public static string Collection => "test_notes";

        public string Id { get; set; } = "";

        public string Tenant { get; set; } = "";

        public string? Key => Lookup;

        public string? Lookup { get; set; }

        public int Version { get; set; }

        public string Text { get; set; } = "";

        public DateTimeOffset Due { get; set; }

        public List<string> Items { get; set; } = [];
    }

    private sealed class OtherNote : IStoredDocument
    {
        public static string Collection => "test_other_notes";

        public string Id { get; set; } = "";

        public string Tenant { get; set; } = "";

        public string? Key => null;

        public int Version { get; set; }
    }
}

public sealed class LiteDbDocumentStoreContractTests : DocumentStoreContractTests
{
    protected override Task<StoreBackend> CreateBackendAsync() => Task.FromResult<StoreBackend>(new LiteDbBackend());
}

public sealed class PostgreSqlDocumentStoreContractTests : DocumentStoreContractTests
{
    protected override async Task<StoreBackend> CreateBackendAsync() => await PostgreSqlBackend.CreateAsync();
}

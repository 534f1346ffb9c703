namespace MCU.Hub.Plugins.PosMail.Tests.Imap;

/// <summary>One Dovecot for every test class of <see cref="DovecotCollection"/>; each test reads its own folder.</summary>
public sealed class DovecotFixture : IAsyncLifetime
{
    private DovecotServer? _server;

    internal DovecotServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    /// <inheritdoc />
    public async Task InitializeAsync() => _server = await DovecotServer.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }
}

/// <summary>The test classes that share <see cref="DovecotFixture"/>; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class DovecotCollection : ICollectionFixture<DovecotFixture>
{
    public const string Name = "dovecot";
}

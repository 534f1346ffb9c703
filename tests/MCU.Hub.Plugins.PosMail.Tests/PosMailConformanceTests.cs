using MCU.Hub.Channels;
using MCU.Hub.Plugins.PosMail.Tests.Imap;
using MCU.Hub.Testing;

namespace MCU.Hub.Plugins.PosMail.Tests;

/// <summary>
/// A Dovecot of its own, with twenty notifications in INBOX, as the conformance suite's external system.
/// </summary>
/// <remarks>
/// An IMAP server has no "answer the next request with 500": <see cref="FailNext"/> changes the mailbox password
/// instead and waits until Dovecot refuses it, so that the connector's next logins fail (it throws), and
/// <c>FailNext(0, …)</c> restores it. The count is not honoured request by request; the suite only ever asks for
/// "fail from now" and "stop failing".
/// </remarks>
public sealed class PosMailConformanceFixture : IConnectorTestFixture, IAsyncLifetime
{
    private DovecotServer? _server;
    private IReadOnlyList<string> _expected = [];

    /// <inheritdoc />
    public IChannelPlugin Plugin => new PosMailPlugin();

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string?> Settings => Server.Settings();

    /// <inheritdoc />
    public IReadOnlyList<string> ExpectedExternalIds => _expected;

    /// <inheritdoc />
    public int ExpectedRecordCount => 0;

    private DovecotServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    /// <inheritdoc />
    public void FailNext(int count, int statusCode) => Server.RefuseLoginsAsync(count > 0).GetAwaiter().GetResult();

    /// <inheritdoc />
    public int RepliesRecorded(string externalId) => 0;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _server = await DovecotServer.StartAsync();
        var notifications = Enumerable.Range(200, 20).Select(Notification.Sample).ToList();
        await _server.DeliverAsync("INBOX", notifications.Select((n, i) => (i % 3) switch
        {
            0 => n.ToHtmlMail(),
            1 => n.ToPlainMail(),
            _ => n.ToAlternativeMail(),
        }));
        _expected = [.. notifications.Select(n => n.Number)];
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }
}

/// <summary>The ПОС-by-mail connector passes the suite every connector must pass.</summary>
public sealed class PosMailConformanceTests(PosMailConformanceFixture fixture)
    : ChannelConnectorConformanceTests<PosMailConformanceFixture>(fixture), IClassFixture<PosMailConformanceFixture>;

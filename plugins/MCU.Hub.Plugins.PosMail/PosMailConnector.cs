using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MCU.Hub.Channels;
using MCU.Hub.Plugins.PosMail.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MCU.Hub.Plugins.PosMail;

/// <summary>
/// Reads ПОС notification e-mails from an IMAP folder, read-only, and turns each into an item; the format it
/// expects is described in the plugin's README.
/// </summary>
/// <remarks>
/// <para>
/// Failure semantics: a connection, TLS, login or folder failure throws (MailKit's exceptions, <see cref="IOException"/>,
/// <see cref="System.Net.Sockets.SocketException"/>), and the host retries. A single mail that cannot be read never
/// throws: it is reported in <see cref="PullResult.Failures"/> with its raw MIME and the reason, and the checkpoint
/// moves past it. Nothing in the mailbox is changed: the folder is opened read-only, so mails are neither flagged
/// nor marked as read.
/// </para>
/// <para>
/// The checkpoint is <c>UIDVALIDITY:LASTUID</c>. When the server reports another UIDVALIDITY the folder is read
/// from the start again; the hub drops the duplicates by <see cref="InboundItem.ExternalId"/>.
/// </para>
/// <para>Thread-safety: safe for concurrent use; every pull opens its own connection and keeps nothing after it.</para>
/// </remarks>
public sealed class PosMailConnector : IChannelConnector, IRawItemParser
{
    /// <summary>The largest raw MIME kept whole in a failure; a larger mail is kept as its headers and text.</summary>
    private const int MaxRawPayloadBytes = 1024 * 1024;

    private readonly PosMailOptions _options;
    private readonly ILogger<PosMailConnector> _logger;
    private readonly NotificationParser _parser;
    private readonly SearchQuery? _senders;

    /// <summary>Creates the connector.</summary>
    /// <param name="options">The connector's settings; reading them here runs their validation.</param>
    /// <param name="logger">The log.</param>
    public PosMailConnector(IOptions<PosMailOptions> options, ILogger<PosMailConnector> logger)
    {
        // Russian mail still comes in windows-1251 and koi8-r, which .NET decodes only with the code-page provider.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        _options = options.Value;
        _logger = logger;
        _parser = new NotificationParser(_options);
        _senders = LabelReader.SplitAlternatives(_options.SenderFilter)
            .Select(sender => (SearchQuery)SearchQuery.FromContains(sender.Trim()))
            .Aggregate((SearchQuery?)null, (all, one) => all is null ? one : SearchQuery.Or(all, one));
    }

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">The checkpoint is not one this connector wrote.</exception>
    /// <exception cref="IOException">The connection failed or was closed.</exception>
    /// <exception cref="System.Net.Sockets.SocketException">The server cannot be reached.</exception>
    /// <exception cref="AuthenticationException">The server refused the user name or password.</exception>
    /// <exception cref="FolderNotFoundException">The folder does not exist.</exception>
    /// <exception cref="ProtocolException">The server broke the IMAP protocol.</exception>
    public async Task<PullResult> PullAsync(PullRequest request, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.MaxItems, 1, nameof(request));
        var since = MailCheckpoint.Parse(request.Checkpoint);
        var limit = Math.Min(request.MaxItems, _options.PageSize);

        using var client = new ImapClient
        {
            Timeout = (int)_options.Timeout.TotalMilliseconds,
            CheckCertificateRevocation = _options.CheckCertificateRevocation,
        };
        await client.ConnectAsync(_options.Host!.Trim(), Port(_options), SocketOptions(_options.Security), cancellationToken);
        await client.AuthenticateAsync(_options.UserName!, _options.Password!, cancellationToken);

        var folder = string.Equals(_options.Folder, PosMailOptions.DefaultFolder, StringComparison.OrdinalIgnoreCase)
            ? client.Inbox
            : await client.GetFolderAsync(_options.Folder, cancellationToken);
        await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken);

        var uidValidity = folder.UidValidity;
        var last = 0u;
        if (since is { } checkpoint)
        {
            if (checkpoint.UidValidity == uidValidity)
                last = checkpoint.LastUid;
            else
                Log.UidValidityChanged(_logger, _options.Folder, checkpoint.UidValidity, uidValidity);
        }

        var newer = last == uint.MaxValue ? [] : await SearchAfterAsync(folder, uidValidity, last, cancellationToken);
        var page = newer.Take(limit).ToList();
        var hasMore = newer.Count > page.Count;

        var items = new List<InboundItem>(page.Count);
        var failures = new List<InboundFailure>();
        if (page.Count > 0)
        {
            var fetch = new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.Size | MessageSummaryItems.InternalDate | MessageSummaryItems.BodyStructure);
            var summaries = await folder.FetchAsync(page, fetch, cancellationToken);
            foreach (var summary in summaries.OrderBy(s => s.UniqueId.Id))
            {
                var (item, failure) = await ReadAsync(folder, summary, cancellationToken);
                if (item is not null)
                    items.Add(item);
                if (failure is not null)
                {
                    failures.Add(failure);
                    Log.Unreadable(_logger, _options.Folder, summary.UniqueId.Id, failure.Reason);
                }
            }
        }

        var lastRead = page.Count > 0 ? page[^1].Id : last;

        // Everything below UIDNEXT existed when the folder was opened, and the search ran after that: when nothing
        // matching is left, mails skipped by the sender filter need not be searched again.
        if (!hasMore && folder.UidNext is { } next && next.Id > 0)
            lastRead = Math.Max(lastRead, next.Id - 1);

        await client.DisconnectAsync(quit: true, cancellationToken);

        Log.Pulled(_logger, _options.Folder, items.Count, failures.Count, limit, hasMore);
        return new PullResult(items, new MailCheckpoint(uidValidity, lastRead).ToString(), hasMore) { Failures = failures };
    }

    /// <summary>Not supported: answers to ПОС messages are given in the ПОС cabinet; this channel only reads notifications.</summary>
    /// <param name="reply">Ignored.</param>
    /// <param name="cancellationToken">Ignored.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always.</exception>
    public Task<ReplyReceipt> SendReplyAsync(ChannelReply reply, CancellationToken cancellationToken) =>
        throw new NotSupportedException("ПОС по почте: канал только читает уведомления; ответ даётся в кабинете ПОС.");

    /// <inheritdoc />
    /// <remarks>Reads the raw MIME reported in a failure (a whole mail, or its headers and text).</remarks>
    public InboundItem Parse(string rawPayload)
    {
        ArgumentNullException.ThrowIfNull(rawPayload);

        MimeMessage message;
        try
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(rawPayload));
            message = MimeMessage.Load(stream);
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"ПОС по почте: это не письмо в формате MIME: {ex.Message}", ex);
        }

        ParsedMail parsed;
        try
        {
            parsed = _parser.Parse(message, receivedAt: null);
        }
        catch (RegexMatchTimeoutException ex)
        {
            throw new InvalidDataException("ПОС по почте: разбор письма превысил ограничение времени.", ex);
        }

        return parsed.Item ?? throw new InvalidDataException("ПОС по почте: " + parsed.Error);
    }

    private async Task<IReadOnlyList<UniqueId>> SearchAfterAsync(IMailFolder folder, uint uidValidity, uint last, CancellationToken cancellationToken)
    {
        var query = last == 0
            ? SearchQuery.All
            : SearchQuery.Uids(new UniqueIdRange(new UniqueId(uidValidity, last + 1), UniqueId.MaxValue));
        if (_senders is not null)
            query = query.And(_senders);

        var found = await folder.SearchAsync(query, cancellationToken);

        // "n:*" includes the newest mail even when its UID is below n (RFC 3501, 6.4.8): filter on our side.
        return [.. found.Where(uid => uid.Id > last).OrderBy(uid => uid.Id)];
    }

    private async Task<(InboundItem? Item, InboundFailure? Failure)> ReadAsync(IMailFolder folder, IMessageSummary summary, CancellationToken cancellationToken)
    {
        byte[]? bytes = null;
        MimeMessage message;
        try
        {
            if (summary.Size is { } size && size > (uint)_options.MaxMessageBytes)
            {
                Log.LargeMail(_logger, _options.Folder, summary.UniqueId.Id, size);
                message = await ReadHeadersAndTextAsync(folder, summary, cancellationToken);
            }
            else
            {
                using var buffer = new MemoryStream();
                using (var stream = await folder.GetStreamAsync(summary.UniqueId, cancellationToken))
                    await stream.CopyToAsync(buffer, cancellationToken);

                bytes = buffer.ToArray();
                buffer.Position = 0;
                message = await MimeMessage.LoadAsync(buffer, cancellationToken);
            }
        }
        catch (FormatException ex)
        {
            var raw = bytes is null ? string.Empty : Encoding.UTF8.GetString(bytes);
            return (null, new InboundFailure { RawPayload = raw, Reason = "письмо не разбирается как MIME: " + ex.Message });
        }

        ParsedMail parsed;
        try
        {
            parsed = _parser.Parse(message, summary.InternalDate);
        }
        catch (RegexMatchTimeoutException)
        {
            parsed = new ParsedMail(null, null, "разбор письма превысил ограничение времени");
        }

        return parsed.Item is { } item
            ? (item, null)
            : (null, new InboundFailure { ExternalId = parsed.ExternalId, RawPayload = RawPayload(bytes, message), Reason = parsed.Error! });
    }

    private static async Task<MimeMessage> ReadHeadersAndTextAsync(IMailFolder folder, IMessageSummary summary, CancellationToken cancellationToken)
    {
        var headers = await folder.GetHeadersAsync(summary.UniqueId, cancellationToken);
        var parts = new List<MimeEntity>(2);
        foreach (var part in new BodyPart?[] { summary.TextBody, summary.HtmlBody })
        {
            if (part is not null)
                parts.Add(await folder.GetBodyPartAsync(summary.UniqueId, part, cancellationToken));
        }

        return WithText(headers, parts);
    }

    /// <summary>
    /// Gets the raw payload of a failure: the mail as received when it is UTF-8 (or ASCII) and not too large, otherwise
    /// its headers and text parts re-encoded as 7-bit MIME, which <see cref="Parse"/> reads the same way.
    /// </summary>
    private static string RawPayload(byte[]? bytes, MimeMessage message)
    {
        if (bytes is not null && bytes.Length <= MaxRawPayloadBytes && Utf8.IsValid(bytes))
            return Encoding.UTF8.GetString(bytes);

        var parts = new List<MimeEntity>(2);
        if (message.TextBody is { } plain)
            parts.Add(new TextPart(MimeKit.Text.TextFormat.Plain) { Text = plain });
        if (message.HtmlBody is { } html)
            parts.Add(new TextPart(MimeKit.Text.TextFormat.Html) { Text = html });

        var reduced = WithText(message.Headers, parts);
        reduced.Prepare(EncodingConstraint.SevenBit);
        using var stream = new MemoryStream();
        reduced.WriteTo(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static MimeMessage WithText(IEnumerable<Header> headers, List<MimeEntity> parts)
    {
        var message = new MimeMessage(headers.Where(h => !h.Field.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)).ToList());
        if (parts.Count == 1)
        {
            message.Body = parts[0];
        }
        else
        {
            var alternative = new MultipartAlternative();
            foreach (var part in parts)
                alternative.Add(part);
            message.Body = alternative;
        }

        return message;
    }

    private static int Port(PosMailOptions options) =>
        options.Port != 0 ? options.Port : options.Security == PosMailSecurity.SslOnConnect ? 993 : 143;

    private static SecureSocketOptions SocketOptions(PosMailSecurity security) => security switch
    {
        PosMailSecurity.None => SecureSocketOptions.None,
        PosMailSecurity.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.SslOnConnect,
    };
}

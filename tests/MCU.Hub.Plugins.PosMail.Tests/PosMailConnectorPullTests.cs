using MailKit;
using MailKit.Security;
using MCU.Hub.Channels;
using MCU.Hub.Plugins.PosMail.Tests.Imap;
using MCU.Hub.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using MimeKit.Text;

namespace MCU.Hub.Plugins.PosMail.Tests;

/// <summary>The connector against a real Dovecot over IMAP on loopback.</summary>
[Collection(DovecotCollection.Name)]
public sealed class PosMailConnectorPullTests(DovecotFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private DovecotServer Server => fixture.Server;

    [Fact]
    public async Task PullAsync_HtmlPlainAndAlternativeNotifications_MapsEveryField()
    {
        var html = Notification.Sample(1);
        var plain = Notification.Sample(2) with { Name = "Петров Пётр Петрович", Email = null, Deadline = "20.03.2025 18:00" };
        var alternative = Notification.Sample(3) with { Coordinates = null, ApplicantAddress = null };
        await Server.DeliverAsync("mapping", [html.ToHtmlMail(), plain.ToPlainMail(), alternative.ToAlternativeMail()]);
        using var services = Build("mapping");

        var result = await services.Connector(new PosMailPlugin()).PullAsync(new PullRequest(null, 10), None);

        Assert.Empty(result.Failures);
        Assert.False(result.HasMore);
        Assert.Equal([html.Number, plain.Number, alternative.Number], result.Items.Select(i => i.ExternalId));

        var first = result.Items[0];
        Assert.Equal(MessageKind.Message, first.Kind);
        Assert.Equal(html.Text, first.Text);
        Assert.Equal(html.CreatedAt, first.CreatedAt);
        Assert.Equal(TimeSpan.FromHours(3), first.CreatedAt.Offset);
        Assert.Equal(html.Category, first.SourceCategory);
        Assert.Equal(html.Subcategory, first.SourceSubcategory);
        Assert.Equal(html.ProblemAddress, first.Address);
        Assert.Equal(57.399306, first.Latitude);
        Assert.Equal(45.624107, first.Longitude);
        Assert.Equal(new AuthorInfo { Name = html.Name, Phone = html.Phone, Email = html.Email }, first.Author);
        Assert.Equal(new DateTimeOffset(2025, 3, 21, 0, 0, 0, TimeSpan.FromHours(3)), first.DueAt);
        Assert.Equal(html.ApplicantAddress, first.Metadata["applicant_address"]);
        Assert.Equal($"https://pos.example.ru/messages/{html.Number}", first.Metadata["url"]);
        Assert.Equal("html", first.Metadata["mail_body"]);
        Assert.Equal("notification", first.Metadata["date_source"]);
        Assert.Equal(html.Subject, first.Metadata["mail_subject"]);
        Assert.Equal("noreply@pos.example.ru", first.Metadata["mail_from"]);

        var second = result.Items[1];
        Assert.Equal(plain.Text, second.Text);
        Assert.Equal("plain", second.Metadata["mail_body"]);
        Assert.Equal(new AuthorInfo { Name = "Петров Пётр Петрович", Phone = plain.Phone }, second.Author);
        Assert.Equal(new DateTimeOffset(2025, 3, 20, 18, 0, 0, TimeSpan.FromHours(3)), second.DueAt);
        Assert.Equal(plain.ProblemAddress, second.Address);

        var third = result.Items[2];
        Assert.Equal(alternative.Text, third.Text);
        Assert.Equal("html", third.Metadata["mail_body"]);
        Assert.Null(third.Latitude);
        Assert.False(third.Metadata.ContainsKey("applicant_address"));
    }

    [Fact]
    public async Task PullAsync_PagedThroughCheckpointsByNewInstances_ContinuesWithoutGapOrRepeat()
    {
        var notifications = Enumerable.Range(10, 12).Select(Notification.Sample).ToList();
        await Server.DeliverAsync("paging", notifications.Select((n, i) => i % 2 == 0 ? n.ToHtmlMail() : n.ToPlainMail()));

        string? checkpoint = null;
        var seen = new List<string>();
        var more = new List<bool>();
        PullResult page;
        do
        {
            // A new service provider per page: nothing may survive in the connector between pulls.
            using var services = Build("paging");
            page = await services.Connector(new PosMailPlugin()).PullAsync(new PullRequest(checkpoint, 5), None);
            Assert.InRange(page.Items.Count, 1, 5);
            seen.AddRange(page.Items.Select(i => i.ExternalId));
            more.Add(page.HasMore);
            checkpoint = page.NextCheckpoint;
        }
        while (page.HasMore);

        Assert.Equal(notifications.Select(n => n.Number), seen);
        Assert.Equal([true, true, false], more);

        using var again = Build("paging");
        var end = await again.Connector(new PosMailPlugin()).PullAsync(new PullRequest(checkpoint, 5), None);
        Assert.Empty(end.Items);
        Assert.False(end.HasMore);
        Assert.Equal(checkpoint, end.NextCheckpoint);

        var later = Notification.Sample(40);
        await Server.DeliverAsync("paging", [later.ToHtmlMail()]);
        var next = await again.Connector(new PosMailPlugin()).PullAsync(new PullRequest(checkpoint, 5), None);
        Assert.Equal([later.Number], next.Items.Select(i => i.ExternalId));
    }

    [Fact]
    public async Task PullAsync_MailWithoutNumberAndText_ReportsAFailureAndReturnsTheOthers()
    {
        var before = Notification.Sample(50);
        var after = Notification.Sample(51);
        var broken = new MimeMessage { Subject = "Уведомление платформы обратной связи", Date = before.CreatedAt.AddHours(1) };
        broken.From.Add(new MailboxAddress("ПОС", "noreply@pos.example.ru"));
        broken.Body = new TextPart(TextFormat.Html) { Text = "<p>Заявитель: Сидоров</p><p>Телефон: +7 900 000-00-00</p>" };
        broken.Headers.Remove(HeaderId.MessageId);
        await Server.DeliverAsync("failures", [before.ToHtmlMail(), broken, after.ToPlainMail()]);
        using var services = Build("failures");
        var connector = services.Connector(new PosMailPlugin());

        var result = await connector.PullAsync(new PullRequest(null, 10), None);

        Assert.Equal([before.Number, after.Number], result.Items.Select(i => i.ExternalId));
        var failure = Assert.Single(result.Failures);
        Assert.Contains("«Текст сообщения:»", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("нет номера сообщения", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("«Номер сообщения:»", failure.Reason, StringComparison.Ordinal);
        Assert.Null(failure.ExternalId);
        Assert.Contains("Subject: =?utf-8?", failure.RawPayload, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Content-Type: text/html", failure.RawPayload, StringComparison.OrdinalIgnoreCase);

        var replay = Assert.Throws<InvalidDataException>(() => ((IRawItemParser)connector).Parse(failure.RawPayload));
        Assert.Contains("«Текст сообщения:»", replay.Message, StringComparison.Ordinal);

        var rest = await connector.PullAsync(new PullRequest(result.NextCheckpoint, 10), None);
        Assert.Empty(rest.Items);
        Assert.Empty(rest.Failures);
    }

    [Fact]
    public async Task PullAsync_EightBitWindows1251Mail_IsDecoded()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var notification = Notification.Sample(120);
        var mail = notification.ToPlainMail();
        var part = (TextPart)mail.Body!;
        part.SetText("windows-1251", part.Text);
        part.ContentTransferEncoding = ContentEncoding.EightBit;
        await Server.DeliverAsync("cp1251", [mail]);
        using var services = Build("cp1251");

        var item = Assert.Single((await services.Connector(new PosMailPlugin()).PullAsync(new PullRequest(null, 10), None)).Items);

        Assert.Equal(notification.Number, item.ExternalId);
        Assert.Equal(notification.Text, item.Text);
        Assert.Equal(notification.ProblemAddress, item.Address);
    }

    [Fact]
    public async Task PullAsync_UnreadableEightBitKoi8Mail_QuarantinesAsSevenBitMimeThatParseReadsAgain()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var part = new TextPart(TextFormat.Plain) { ContentTransferEncoding = ContentEncoding.EightBit };
        part.SetText("koi8-r", "Номер сообщения: 412000777\nЗаявитель: Сидоров Иван\n");
        var mail = new MimeMessage { Subject = "Уведомление", Date = new DateTimeOffset(2025, 3, 12, 10, 0, 0, TimeSpan.FromHours(3)), Body = part };
        mail.From.Add(new MailboxAddress("ПОС", "noreply@pos.example.ru"));
        await Server.DeliverAsync("koi8", [mail]);
        using var services = Build("koi8");
        var connector = services.Connector(new PosMailPlugin());

        var failure = Assert.Single((await connector.PullAsync(new PullRequest(null, 10), None)).Failures);

        Assert.Equal("412000777", failure.ExternalId);
        Assert.All(failure.RawPayload, c => Assert.True(c < 128, "the payload of a non-UTF-8 mail is re-encoded as 7-bit MIME"));
        using var stored = new MemoryStream(System.Text.Encoding.ASCII.GetBytes(failure.RawPayload));
        Assert.Contains("Сидоров Иван", (await MimeMessage.LoadAsync(stored)).TextBody, StringComparison.Ordinal);
        var replay = Assert.Throws<InvalidDataException>(() => ((IRawItemParser)connector).Parse(failure.RawPayload));
        Assert.Contains("«Текст сообщения:»", replay.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PullAsync_NoNumberAnywhere_UsesTheMessageId()
    {
        var message = new MimeMessage { Subject = "Новое сообщение на платформе", Date = new DateTimeOffset(2025, 4, 1, 10, 0, 0, TimeSpan.FromHours(3)), MessageId = "n1@pos.example.ru" };
        message.From.Add(new MailboxAddress("ПОС", "noreply@pos.example.ru"));
        message.Body = new TextPart(TextFormat.Plain) { Text = "Категория: Дороги\nТекст сообщения: Яма у остановки «Рынок».\n" };
        await Server.DeliverAsync("message-id", [message]);
        using var services = Build("message-id");

        var item = Assert.Single((await services.Connector(new PosMailPlugin()).PullAsync(new PullRequest(null, 10), None)).Items);

        Assert.Equal("<n1@pos.example.ru>", item.ExternalId);
        Assert.Equal("true", item.Metadata["number_missing"]);
        Assert.Equal("mail_date", item.Metadata["date_source"]);
        Assert.Equal(message.Date, item.CreatedAt);
        Assert.Equal("Яма у остановки «Рынок».", item.Text);
    }

    [Fact]
    public async Task PullAsync_WrongPassword_Throws()
    {
        var settings = Server.Settings("INBOX");
        settings["Password"] = "not-the-password";
        using var services = PluginTestHost.Build(new PosMailPlugin(), settings);

        await Assert.ThrowsAsync<AuthenticationException>(() => services.Connector(new PosMailPlugin()).PullAsync(new PullRequest(null, 10), None));
    }

    [Fact]
    public async Task PullAsync_NobodyListens_Throws()
    {
        var settings = Server.Settings("INBOX");
        settings["Port"] = "1";
        using var services = PluginTestHost.Build(new PosMailPlugin(), settings);

        await Assert.ThrowsAnyAsync<Exception>(() => services.Connector(new PosMailPlugin()).PullAsync(new PullRequest(null, 10), None));
    }

    [Fact]
    public async Task PullAsync_MissingFolder_ThrowsFolderNotFound()
    {
        using var services = Build("no-such-folder");

        await Assert.ThrowsAsync<FolderNotFoundException>(() => services.Connector(new PosMailPlugin()).PullAsync(new PullRequest(null, 10), None));
    }

    [Fact]
    public async Task PullAsync_UidValidityChanged_StartsOverFromTheFirstMail()
    {
        await Server.DeliverAsync("recreated", Enumerable.Range(60, 3).Select(i => Notification.Sample(i).ToHtmlMail()));
        using var services = Build("recreated");
        var connector = services.Connector(new PosMailPlugin());
        var firstPass = await connector.PullAllAsync(10);
        Assert.Equal(3, firstPass.Items.Count);

        var validity = await Server.RecreateFolderAsync("recreated");
        var fresh = Enumerable.Range(70, 2).Select(Notification.Sample).ToList();
        await Server.DeliverAsync("recreated", fresh.Select(n => n.ToHtmlMail()));

        // The old checkpoint's LASTUID (3) is above every new UID (1, 2): only the UIDVALIDITY tells they are new.
        var result = await connector.PullAsync(new PullRequest(firstPass.Checkpoint, 10), None);

        Assert.NotEqual(firstPass.Checkpoint!.Split(':')[0], validity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(fresh.Select(n => n.Number), result.Items.Select(i => i.ExternalId));
        Assert.Equal($"{validity}:2", result.NextCheckpoint);
    }

    [Fact]
    public async Task PullAsync_CheckpointOfAnotherUidValidity_ReadsTheFolderAgain()
    {
        var notifications = Enumerable.Range(80, 3).Select(Notification.Sample).ToList();
        await Server.DeliverAsync("validity", notifications.Select(n => n.ToPlainMail()));
        using var services = Build("validity");

        var result = await services.Connector(new PosMailPlugin()).PullAsync(new PullRequest("1:999", 10), None);

        Assert.Equal(notifications.Select(n => n.Number), result.Items.Select(i => i.ExternalId));
    }

    [Fact]
    public async Task PullAsync_SenderFilter_SkipsOtherMailAndMovesPastIt()
    {
        var pos = Notification.Sample(90);
        var spam = Notification.Sample(91) with { From = "newsletter@shop.example.com" };
        var pos2 = Notification.Sample(92);
        var spam2 = Notification.Sample(93) with { From = "newsletter@shop.example.com" };
        await Server.DeliverAsync("filtered", [pos.ToHtmlMail(), spam.ToHtmlMail(), pos2.ToHtmlMail(), spam2.ToHtmlMail()]);
        using var services = Build("filtered", new() { ["SenderFilter"] = "noreply@pos.example.ru|@gosuslugi.example.ru" });

        var result = await services.Connector(new PosMailPlugin()).PullAsync(new PullRequest(null, 10), None);

        Assert.Equal([pos.Number, pos2.Number], result.Items.Select(i => i.ExternalId));
        Assert.EndsWith(":4", result.NextCheckpoint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PullAsync_ReadOnly_LeavesEveryMailUnreadAndUnflagged()
    {
        await Server.DeliverAsync("untouched", Enumerable.Range(100, 3).Select(i => Notification.Sample(i).ToAlternativeMail()));
        using var services = Build("untouched");

        await services.Connector(new PosMailPlugin()).PullAllAsync(2);

        Assert.All(await Server.FlagsAsync("untouched"), flags => Assert.Equal(MessageFlags.None, flags & ~MessageFlags.Recent));
    }

    [Fact]
    public async Task PullAsync_LargeMail_ReadsOnlyHeadersAndText()
    {
        var notification = Notification.Sample(110);
        var message = notification.ToHtmlMail();
        var body = new Multipart("mixed") { message.Body! };
        var photo = new byte[200 * 1024];
        new Random(5).NextBytes(photo);
        body.Add(new MimePart("image", "jpeg") { FileName = "photo.jpg", Content = new MimeContent(new MemoryStream(photo)), ContentTransferEncoding = ContentEncoding.Base64 });
        message.Body = body;
        await Server.DeliverAsync("large", [message]);
        using var services = Build("large", new() { ["MaxMessageBytes"] = "65536" });

        var item = Assert.Single((await services.Connector(new PosMailPlugin()).PullAsync(new PullRequest(null, 10), None)).Items);

        Assert.Equal(notification.Number, item.ExternalId);
        Assert.Equal(notification.Text, item.Text);
    }

    private ServiceProvider Build(string folder, Dictionary<string, string?>? extra = null)
    {
        var settings = Server.Settings(folder);
        foreach (var (key, value) in extra ?? [])
            settings[key] = value;

        return PluginTestHost.Build(new PosMailPlugin(), settings);
    }
}

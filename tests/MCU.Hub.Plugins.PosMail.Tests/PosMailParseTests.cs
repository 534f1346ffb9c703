using System.Diagnostics;
using System.Text;
using MCU.Hub.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;

namespace MCU.Hub.Plugins.PosMail.Tests;

/// <summary><see cref="PosMailConnector.Parse"/>: the replay path of quarantined mails, and the reading rules behind it.</summary>
public sealed class PosMailParseTests
{
    // A quarantined payload as it would be stored: fixed, so that a change in the reading rules shows here.
    private const string FixedPayload = """
        Return-Path: <noreply@pos.example.ru>
        From: =?utf-8?b?0J/Qu9Cw0YLRhNC+0YDQvNCwINC+0LHRgNCw0YLQvdC+0Lkg0YHQstGP0LfQuA==?= <noreply@pos.example.ru>
        To: mcu@novorechinsk.example.ru
        Subject: =?utf-8?b?0J3QvtCy0L7QtSDRgdC+0L7QsdGJ0LXQvdC40LUg4oSWIDQxMjAwMDk5OQ==?=
        Date: Mon, 10 Mar 2025 09:17:00 +0300
        Message-ID: <pos-412000999@pos.example.ru>
        MIME-Version: 1.0
        Content-Type: text/html; charset=utf-8
        Content-Transfer-Encoding: 8bit

        <html><body>
        <h2>Поступило новое сообщение №&nbsp;412000999</h2>
        <table>
        <tr><td>Дата создания:</td><td>10.03.2025 09:15</td></tr>
        <tr><td>Категория:</td><td>Дороги</td></tr>
        <tr><td>Подкатегория:</td><td>Ямы на дороге</td></tr>
        <tr><td>Заявитель:</td><td>Смирнов Олег Иванович</td></tr>
        <tr><td>Телефон:</td><td>+7 900 555-01-02</td></tr>
        <tr><td>Электронная почта:</td><td><a href="mailto:o.smirnov@example.com">o.smirnov@example.com</a></td></tr>
        <tr><td>Адрес заявителя:</td><td>г. Новоречинск, ул. Заречная, д. 7</td></tr>
        <tr><td>Место нахождения проблемы:</td><td>г. Новоречинск, пер. Школьный, напротив д. 2</td></tr>
        <tr><td>Текст сообщения:</td><td>Яма на всю ширину проезда &laquo;у школы&raquo;.<br/>Дети обходят её по газону.</td></tr>
        </table>
        <p>Это письмо сформировано автоматически.</p>
        </body></html>
        """;

    [Fact]
    public void Parse_FixedPayload_ReadsTheNotification()
    {
        var item = Connector().Parse(FixedPayload);

        Assert.Equal("412000999", item.ExternalId);
        Assert.Equal("Яма на всю ширину проезда «у школы».\nДети обходят её по газону.", item.Text);
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 9, 15, 0, TimeSpan.FromHours(3)), item.CreatedAt);
        Assert.Equal("Дороги", item.SourceCategory);
        Assert.Equal("Ямы на дороге", item.SourceSubcategory);
        Assert.Equal("г. Новоречинск, пер. Школьный, напротив д. 2", item.Address);
        Assert.Equal(new AuthorInfo { Name = "Смирнов Олег Иванович", Phone = "+7 900 555-01-02", Email = "o.smirnov@example.com" }, item.Author);
        Assert.Equal("г. Новоречинск, ул. Заречная, д. 7", item.Metadata["applicant_address"]);
        Assert.Equal("Новое сообщение № 412000999", item.Metadata["mail_subject"]);
        Assert.Equal("pos-412000999@pos.example.ru", item.Metadata["mail_message_id"]);
        Assert.Null(item.DueAt);
        Assert.Null(item.Latitude);
    }

    [Fact]
    public void Parse_HiddenHtml_ReadsOnlyWhatAPersonSees()
    {
        var html = """
            <html><head><title>Телефон: из заголовка</title><style>/* Текст сообщения: из стиля */</style></head>
            <body><script>document.write("Телефон: из скрипта")</script><!-- Телефон: из комментария -->
            <div>Номер&#160;сообщения: <b>412000555</b></div>
            <div>Телефон:&nbsp;<span>+7&nbsp;900&nbsp;555-00-00</span></div>
            <div>Текст сообщения:</div><div>Не работает &amp; не чинят</div>
            </body></html>
            """;

        var item = Connector().Parse(Mail(new TextPart(TextFormat.Html) { Text = html }));

        Assert.Equal("412000555", item.ExternalId);
        Assert.Equal("+7 900 555-00-00", item.Author?.Phone);
        Assert.Equal("Не работает & не чинят", item.Text);
    }

    [Fact]
    public void Parse_HeadNeverClosed_StillReadsTheBody()
    {
        var html = "<html><head><meta charset=utf-8><title>ПОС</title><body><p>Номер сообщения: 412000556<p>Текст сообщения: Упало дерево";

        var item = Connector().Parse(Mail(new TextPart(TextFormat.Html) { Text = html }));

        Assert.Equal("412000556", item.ExternalId);
        Assert.Equal("Упало дерево", item.Text);
    }

    [Fact]
    public void Parse_PlainTableWithValuesOnTheNextLine_ReadsThem()
    {
        var text = "Сообщение № 412000557\n*Категория*:\nЭкология\nМесто проблемы:\nберег реки у моста\nТекст сообщения:\nСвалка на берегу.\nПахнет.\n\n-- \nЭто письмо сформировано автоматически";

        var item = Connector().Parse(Mail(new TextPart(TextFormat.Plain) { Text = text }));

        Assert.Equal("412000557", item.ExternalId);
        Assert.Equal("Экология", item.SourceCategory);
        Assert.Equal("берег реки у моста", item.Address);
        Assert.Equal("Свалка на берегу.\nПахнет.", item.Text);
    }

    [Fact]
    public void Parse_ConfiguredLabels_ReadTheMunicipalityTemplate()
    {
        var options = new PosMailOptions
        {
            Host = "imap.example.ru",
            UserName = "u",
            Password = "p",
            NumberPattern = @"обращение\s+(?<number>\d+)",
        };
        options.Labels[PosMailFields.Text] = "Суть обращения";
        options.Labels[PosMailFields.ProblemAddress] = "Где … проблема|Адрес объекта";
        options.Labels[PosMailFields.Date] = "Поступило";
        var text = "Поступило: 2025-03-11T08:00:00+05:00\nГде находится проблема: двор дома 5\nСуть обращения: Нет света в подъезде";

        var item = Connector(options).Parse(Mail(new TextPart(TextFormat.Plain) { Text = text }, subject: "ПОС: обращение 777001"));

        Assert.Equal("777001", item.ExternalId);
        Assert.Equal("Нет света в подъезде", item.Text);
        Assert.Equal("двор дома 5", item.Address);
        Assert.Equal(new DateTimeOffset(2025, 3, 11, 8, 0, 0, TimeSpan.FromHours(5)), item.CreatedAt);
    }

    [Fact]
    public void Parse_UnreadableDate_FallsBackToTheMailDateAndKeepsTheText()
    {
        var text = "Номер сообщения: 412000558\nДата создания: вчера вечером\nТекст сообщения: Шумят соседи";
        var mail = Mail(new TextPart(TextFormat.Plain) { Text = text });

        var item = Connector().Parse(mail);

        Assert.Equal(new DateTimeOffset(2025, 3, 12, 10, 0, 0, TimeSpan.FromHours(3)), item.CreatedAt);
        Assert.Equal("вчера вечером", item.Metadata["date_text"]);
        Assert.Equal("mail_date", item.Metadata["date_source"]);
    }

    [Fact]
    public void Parse_NoText_ThrowsNamingTheLabels()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            Connector().Parse(Mail(new TextPart(TextFormat.Plain) { Text = "Номер сообщения: 412000559\nТелефон: +7 900 000-00-00" })));

        Assert.Contains("«Текст сообщения:»", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("номера", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotAMail_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => Connector().Parse("это не письмо, а просто строка"));
    }

    [Fact]
    public void Parse_HostileInput_FinishesQuickly()
    {
        // Long lines that almost match a label with «…», and deep unclosed markup: linear work or a time limit, never a hang.
        var line = new StringBuilder("Место ");
        for (var i = 0; i < 20_000; i++)
            line.Append("возникновения ");
        var html = new StringBuilder();
        for (var i = 0; i < 20_000; i++)
            html.Append("<div><td>Место <b>");
        var text = line + "\n" + new string(':', 100_000) + "\n" + html;
        var stopwatch = Stopwatch.StartNew();

        Assert.Throws<InvalidDataException>(() => Connector().Parse(Mail(new TextPart(TextFormat.Plain) { Text = text })));
        Assert.Throws<InvalidDataException>(() => Connector().Parse(Mail(new TextPart(TextFormat.Html) { Text = html.ToString() })));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
    }

    private static PosMailConnector Connector(PosMailOptions? options = null) =>
        new(Options.Create(options ?? new PosMailOptions { Host = "imap.example.ru", UserName = "u", Password = "p" }), NullLogger<PosMailConnector>.Instance);

    private static string Mail(MimeEntity body, string subject = "Уведомление")
    {
        var message = new MimeMessage { Subject = subject, Date = new DateTimeOffset(2025, 3, 12, 10, 0, 0, TimeSpan.FromHours(3)), Body = body };
        message.From.Add(new MailboxAddress("ПОС", "noreply@pos.example.ru"));
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

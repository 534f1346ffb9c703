namespace MCU.Hub.Plugins.PosMail;

/// <summary>
/// Settings of the connector that reads ПОС notifications from an IMAP mailbox, bound from the channel's section
/// <c>McuHub:Channels:pos-mail:Settings</c> and validated when the host starts.
/// </summary>
/// <remarks>
/// Settings that take several values (<see cref="SenderFilter"/>, the values of <see cref="Labels"/>,
/// <see cref="TextEndMarkers"/>) separate them with <c>|</c>, so that a configured value replaces the default whole
/// instead of being appended to it.
/// </remarks>
public sealed class PosMailOptions
{
    /// <summary>The default of <see cref="PageSize"/>.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>The largest <see cref="PageSize"/> accepted.</summary>
    public const int MaxPageSize = 500;

    /// <summary>The default of <see cref="Folder"/>.</summary>
    public const string DefaultFolder = "INBOX";

    /// <summary>The default of <see cref="TimeZone"/>.</summary>
    public const string DefaultTimeZone = "Europe/Moscow";

    /// <summary>The default of <see cref="MaxMessageBytes"/>: 10 MiB.</summary>
    public const int DefaultMaxMessageBytes = 10 * 1024 * 1024;

    /// <summary>The default of <see cref="NumberPattern"/>: «№» followed by 4 to 20 digits.</summary>
    public const string DefaultNumberPattern = @"№\s*(?<number>\d{4,20})";

    /// <summary>The default of <see cref="TextEndMarkers"/>.</summary>
    public const string DefaultTextEndMarkers =
        "Это письмо сформировано автоматически|Это сообщение сформировано автоматически|Не отвечайте на это письмо|С уважением|-- ";

    /// <summary>Gets the labels a notification is read by, per field of <see cref="PosMailFields"/>.</summary>
    public static IReadOnlyDictionary<string, string> DefaultLabels { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [PosMailFields.Number] = "Номер сообщения|№ сообщения|Номер обращения",
        [PosMailFields.Date] = "Дата создания|Дата поступления|Дата подачи|Дата регистрации|Дата сообщения|Дата",
        [PosMailFields.Category] = "Категория",
        [PosMailFields.Subcategory] = "Подкатегория",
        [PosMailFields.Name] = "Заявитель|ФИО заявителя|ФИО|Автор|Автор сообщения",
        [PosMailFields.Phone] = "Телефон|Телефон заявителя|Контактный телефон|Номер телефона",
        [PosMailFields.Email] = "Электронная почта|Адрес электронной почты|E-mail|Email|Эл. почта",
        [PosMailFields.ApplicantAddress] = "Адрес заявителя|Почтовый адрес заявителя|Почтовый адрес",
        [PosMailFields.ProblemAddress] = "Место … проблемы|Адрес проблемы|Адрес места проблемы",
        [PosMailFields.Coordinates] = "Координаты|Координаты проблемы",
        [PosMailFields.Text] = "Текст сообщения|Текст обращения|Суть сообщения|Описание проблемы|Текст",
        [PosMailFields.Deadline] = "Срок ответа|Срок рассмотрения|Плановый срок ответа",
        [PosMailFields.Link] = "Ссылка на сообщение|Ссылка",
    };

    /// <summary>Gets or sets the IMAP server's host name or address.</summary>
    /// <value>Required; there is no default.</value>
    public string? Host { get; set; }

    /// <summary>Gets or sets the IMAP server's port.</summary>
    /// <value>
    /// The default is 0: 993 with <see cref="PosMailSecurity.SslOnConnect"/>, 143 otherwise. 1…65535 when set.
    /// </value>
    public int Port { get; set; }

    /// <summary>Gets or sets how the connection is protected.</summary>
    /// <value>The default is <see cref="PosMailSecurity.SslOnConnect"/> (IMAPS).</value>
    public PosMailSecurity Security { get; set; } = PosMailSecurity.SslOnConnect;

    /// <summary>Gets or sets whether the server certificate's revocation is checked (TLS only).</summary>
    /// <value>
    /// The default is <see langword="true"/>. Turn it off only in a closed network where the revocation lists cannot be
    /// reached and the check would time out.
    /// </value>
    public bool CheckCertificateRevocation { get; set; } = true;

    /// <summary>Gets or sets the mailbox login.</summary>
    /// <value>Required; there is no default.</value>
    public string? UserName { get; set; }

    /// <summary>Gets or sets the mailbox password.</summary>
    /// <value>
    /// Required; there is no default. Keep it out of appsettings files: set it through the environment
    /// (<c>McuHub__Channels__pos-mail__Settings__Password</c>) or a secret store.
    /// </value>
    public string? Password { get; set; }

    /// <summary>Gets or sets the folder the notifications arrive in, as the server names it.</summary>
    /// <value>The default is <see cref="DefaultFolder"/>. A subfolder is written with the server's separator (<c>INBOX/ПОС</c> or <c>INBOX.ПОС</c>).</value>
    public string Folder { get; set; } = DefaultFolder;

    /// <summary>Gets or sets the senders whose mail is read; other mail in the folder is skipped without a trace.</summary>
    /// <value>
    /// The default is <see langword="null"/>: every mail is read. Alternatives are separated by <c>|</c>; each is matched
    /// by the server as a part of the <c>From</c> header (<c>noreply@pos.gosuslugi.ru|@gosuslugi.ru</c>).
    /// </value>
    public string? SenderFilter { get; set; }

    /// <summary>Gets or sets the most mails read in one pull; the host's own limit may be lower.</summary>
    /// <value>The default is <see cref="DefaultPageSize"/>; 1…<see cref="MaxPageSize"/>.</value>
    public int PageSize { get; set; } = DefaultPageSize;

    /// <summary>Gets or sets the timeout of one IMAP command.</summary>
    /// <value>The default is one minute; 1 second…10 minutes.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets the size above which only a mail's headers and text parts are downloaded, not its attachments.</summary>
    /// <value>The default is <see cref="DefaultMaxMessageBytes"/>; at least 64 KiB.</value>
    public int MaxMessageBytes { get; set; } = DefaultMaxMessageBytes;

    /// <summary>Gets or sets the time zone of dates written in a notification without an offset.</summary>
    /// <value>The default is <see cref="DefaultTimeZone"/> (ПОС writes Moscow time); an IANA or Windows id.</value>
    public string TimeZone { get; set; } = DefaultTimeZone;

    /// <summary>
    /// Gets or sets the regular expression that finds the ПОС message number in the subject, and in the body when
    /// no <see cref="PosMailFields.Number"/> label is there. It must have a group named <c>number</c>.
    /// </summary>
    /// <value>
    /// The default is <see cref="DefaultNumberPattern"/>. It runs without backtracking and with a time limit, so
    /// back-references and look-arounds are refused by validation.
    /// </value>
    public string NumberPattern { get; set; } = DefaultNumberPattern;

    /// <summary>Gets or sets the labels of each field: field key (<see cref="PosMailFields"/>) → alternatives separated by <c>|</c>.</summary>
    /// <value>
    /// The default is <see cref="DefaultLabels"/>; a configured key replaces that field's alternatives and leaves the
    /// others. A label is matched at the start of a line (or table row), ignoring case, followed by «:» or a table
    /// cell border; «…» inside a label stands for any words (<c>Место … проблемы</c> matches «Место возникновения
    /// проблемы»). Keys are compared ignoring case.
    /// </value>
    public Dictionary<string, string> Labels { get; set; } = new(DefaultLabels, StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the starts of lines that end the citizen's text (the footer of the notification).</summary>
    /// <value>The default is <see cref="DefaultTextEndMarkers"/>; alternatives separated by <c>|</c>, compared ignoring case.</value>
    public string TextEndMarkers { get; set; } = DefaultTextEndMarkers;
}

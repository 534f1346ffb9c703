namespace MCU.Hub.Messages;

/// <summary>
/// An appeal (обращение, 59-ФЗ), message (сообщение), social-network incident or ЕДДС call registered by the hub.
/// </summary>
/// <remarks>
/// A plain data holder: the engine changes it only through <see cref="MessageOperations"/> and the intake, which
/// record every change in the message's history.
/// </remarks>
public sealed class HubMessage
{
    private string _tenant = "";

    /// <summary>Gets or sets the hub's id (time-ordered).</summary>
    public string Id { get; set; } = "";

    /// <summary>Gets or sets the concurrency version, incremented on every change.</summary>
    public int Version { get; set; }

    /// <summary>Gets or sets the ОКТМО code of the municipality (tenant) the message belongs to (empty in a hub configured with none).</summary>
    /// <remarks>The store keeps an empty code as no value at all; reading one back gives the empty code again.</remarks>
    public string Tenant
    {
        get => _tenant;
        set => _tenant = value ?? "";
    }

    /// <summary>Gets or sets the kind.</summary>
    public MessageKind Kind { get; set; }

    /// <summary>Gets or sets the code of the channel the message came through.</summary>
    public string Channel { get; set; } = "";

    /// <summary>Gets or sets the id of the item in its channel.</summary>
    public string ExternalId { get; set; } = "";

    /// <summary>Gets or sets the citizen's text.</summary>
    public string Text { get; set; } = "";

    /// <summary>Gets or sets the author's name.</summary>
    public string? AuthorName { get; set; }

    /// <summary>Gets or sets the author's phone.</summary>
    public string? AuthorPhone { get; set; }

    /// <summary>Gets or sets the author's e-mail.</summary>
    public string? AuthorEmail { get; set; }

    /// <summary>Gets or sets a value indicating whether the author is an organisation.</summary>
    public bool AuthorIsOrganisation { get; set; }

    /// <summary>Gets or sets the address of the problem.</summary>
    public string? Address { get; set; }

    /// <summary>Gets or sets the latitude (WGS 84).</summary>
    public double? Latitude { get; set; }

    /// <summary>Gets or sets the longitude (WGS 84).</summary>
    public double? Longitude { get; set; }

    /// <summary>Gets or sets the code of the territory the problem is in.</summary>
    public string? Territory { get; set; }

    /// <summary>Gets or sets the code of the thematic block (отраслевой блок).</summary>
    public string? Block { get; set; }

    /// <summary>Gets or sets the code of the topic within the block.</summary>
    public string? Category { get; set; }

    /// <summary>Gets or sets the channel's own category.</summary>
    public string? SourceCategory { get; set; }

    /// <summary>Gets or sets the channel's own subcategory.</summary>
    public string? SourceSubcategory { get; set; }

    /// <summary>Gets or sets when the citizen sent it.</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Gets or sets when the hub registered it.</summary>
    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>Gets or sets the answer deadline.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>Gets or sets the name of the deadline policy that set <see cref="DueAt"/>.</summary>
    public string? DeadlinePolicy { get; set; }

    /// <summary>Gets or sets the extension of the deadline granted so far, in the unit of its policy.</summary>
    public double DeadlineExtension { get; set; }

    /// <summary>Gets or sets the escalation levels already raised for the current deadline.</summary>
    public List<string> Escalations { get; set; } = [];

    /// <summary>Gets or sets the status.</summary>
    public MessageStatus Status { get; set; }

    /// <summary>Gets or sets the codes of the responsible recipients.</summary>
    public List<string> Recipients { get; set; } = [];

    /// <summary>Gets or sets the name of the routing rule that assigned the recipients, if one did.</summary>
    public string? RoutedByRule { get; set; }

    /// <summary>Gets or sets the version of the rule set whose rules routed the message (0 when no rule did).</summary>
    public int RuleSetVersion { get; set; }

    /// <summary>Gets or sets a value indicating whether the message is on a fast-track (фаст-трек).</summary>
    public bool FastTrack { get; set; }

    /// <summary>Gets or sets the code of the fast-track catalogue entry a rule put the message on, if one did.</summary>
    public string? FastTrackEntry { get; set; }

    /// <summary>Gets or sets a value indicating whether the problem reached its final executor with no manual step.</summary>
    public bool AutomatedDelivery { get; set; }

    /// <summary>Gets or sets a value indicating whether the solution was confirmed by automated control (ГЛОНАСС, photo/video).</summary>
    public bool AutomatedControl { get; set; }

    /// <summary>Gets or sets the id of the roadmap (дорожная карта) that addresses the message's cause.</summary>
    public string? RoadmapId { get; set; }

    /// <summary>Gets or sets the answer, once given.</summary>
    public MessageAnswer? Answer { get; set; }

    /// <summary>Gets or sets the draft answer on its way to approval (<see cref="Answers.AnswerWorkflow"/>), if one was written.</summary>
    public Answers.AnswerDraft? Draft { get; set; }

    /// <summary>Gets or sets the interim answers (промежуточные ответы) given so far, oldest first.</summary>
    public List<Answers.InterimAnswer> InterimAnswers { get; set; } = [];

    /// <summary>Gets or sets when the measures of the linked roadmap were implemented (counts the message for KPI 5 of Resolution No. 1844).</summary>
    public DateTimeOffset? RoadmapImplementedAt { get; set; }

    /// <summary>Gets or sets when the first answer was given (kept when the message is reopened and answered again).</summary>
    public DateTimeOffset? FirstAnsweredAt { get; set; }

    /// <summary>Gets or sets when the message was last closed or rejected; cleared when it is reopened.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Gets or sets how many times the message was reopened after an answer or closure.</summary>
    public int ReopenCount { get; set; }

    /// <summary>Gets or sets how many times a recipient returned the message as not theirs.</summary>
    public int ReturnCount { get; set; }

    /// <summary>Gets or sets the citizen's satisfaction with the result (1…5), if known.</summary>
    public int? Satisfaction { get; set; }

    /// <summary>Gets or sets links to attachments.</summary>
    public List<string> Attachments { get; set; } = [];

    /// <summary>Gets or sets tags.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>Gets or sets further fields of the source.</summary>
    public Dictionary<string, string> Metadata { get; set; } = [];

    /// <summary>Gets or sets when the message last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}

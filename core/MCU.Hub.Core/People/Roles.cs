namespace MCU.Hub.People;

/// <summary>
/// The roles of an МЦУ's people as the regulations name them (положения о МЦУ: куратор, руководитель, координатор,
/// ответственные за каналы, руководители и специалисты отраслевых блоков, специалисты МЦУ, исполнители ответственных
/// получателей), and the permissions each grants.
/// </summary>
public static class Roles
{
    /// <summary>
    /// Куратор МЦУ: the head of the municipality (Березники) or a deputy head of the administration (Барнаул) who sets
    /// the center's directions, approves its plans and the list of blocks and receives its reports; does not process
    /// single messages, so sees them without the citizens' personal data.
    /// </summary>
    public const string Curator = "curator";

    /// <summary>Руководитель МЦУ: the operational head.</summary>
    public const string Head = "head";

    /// <summary>Координатор МЦУ.</summary>
    public const string Coordinator = "coordinator";

    /// <summary>
    /// Ответственный за канал (ПОС, «Инцидент Менеджмент», «Обращаем внимание», социальные сети и «Госпаблики», ЕДДС,
    /// информирование, СМИ): performs the coordinator's (and in «Инцидент Менеджмент» the executor's) functions in the
    /// channel — distributes, prepares and publishes answers — and informs citizens.
    /// </summary>
    public const string ChannelResponsible = "channel-responsible";

    /// <summary>Руководитель отраслевого блока.</summary>
    public const string BlockHead = "block-head";

    /// <summary>Специалист МЦУ: distributes messages to recipients, approves and publishes answers, watches deadlines.</summary>
    public const string McuSpecialist = "mcu-specialist";

    /// <summary>Специалист отраслевого блока: prepares answers for the block's messages.</summary>
    public const string BlockSpecialist = "block-specialist";

    /// <summary>Исполнитель ответственного получателя: an employee of a department or institution who prepares answers.</summary>
    public const string Executor = "executor";

    /// <summary>Every role, in the order of the regulations.</summary>
    public static IReadOnlyList<string> All { get; } = [Curator, Head, Coordinator, ChannelResponsible, BlockHead, McuSpecialist, BlockSpecialist, Executor];

    /// <summary>The Russian names of the roles, as in the regulations.</summary>
    public static IReadOnlyDictionary<string, string> Names { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Curator] = "Куратор МЦУ",
        [Head] = "Руководитель МЦУ",
        [Coordinator] = "Координатор МЦУ",
        [ChannelResponsible] = "Ответственный за канал",
        [BlockHead] = "Руководитель отраслевого блока",
        [McuSpecialist] = "Специалист МЦУ",
        [BlockSpecialist] = "Специалист отраслевого блока",
        [Executor] = "Исполнитель ответственного получателя",
    };

    /// <summary>The permissions of each role.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Grants { get; } = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal)
    {
        [Curator] = Set(Permissions.ReadMessages, Permissions.EditRoadmaps, Permissions.ReviewQuality, Permissions.ManageAccounts),
        [Head] = Set(Permissions.ReadMessages, Permissions.ReadPersonalData, Permissions.WriteMessages, Permissions.DraftAnswers,
            Permissions.ApproveAnswers, Permissions.EditRules, Permissions.EditRoadmaps, Permissions.ReviewQuality,
            Permissions.EditInforming, Permissions.ManageAccounts),
        [Coordinator] = Set(Permissions.ReadMessages, Permissions.ReadPersonalData, Permissions.WriteMessages, Permissions.ApproveAnswers,
            Permissions.EditRules, Permissions.EditRoadmaps, Permissions.ReviewQuality),
        [ChannelResponsible] = Set(Permissions.ReadMessages, Permissions.ReadPersonalData, Permissions.WriteMessages, Permissions.DraftAnswers,
            Permissions.ApproveAnswers, Permissions.EditInforming),
        [BlockHead] = Set(Permissions.ReadMessages, Permissions.ReadPersonalData, Permissions.DraftAnswers, Permissions.EditRoadmaps,
            Permissions.ReviewQuality),
        [McuSpecialist] = Set(Permissions.ReadMessages, Permissions.ReadPersonalData, Permissions.WriteMessages, Permissions.DraftAnswers,
            Permissions.ApproveAnswers, Permissions.ReviewQuality),
        [BlockSpecialist] = Set(Permissions.ReadMessages, Permissions.ReadPersonalData, Permissions.DraftAnswers),
        [Executor] = Set(Permissions.ReadMessages, Permissions.ReadPersonalData, Permissions.DraftAnswers),
    };

    /// <summary>The permissions a set of roles grants together.</summary>
    /// <param name="roles">The roles; unknown names grant nothing.</param>
    /// <returns>The union of their permissions.</returns>
    public static IReadOnlySet<string> PermissionsOf(IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var held = new HashSet<string>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            if (Grants.TryGetValue(role, out var granted))
                held.UnionWith(granted);
        }

        return held;
    }

    /// <summary>Tells whether a role works only on some recipients' messages (<see cref="Account.Recipients"/> required).</summary>
    /// <param name="role">The role.</param>
    /// <returns><see langword="true"/> for <see cref="Executor"/>.</returns>
    public static bool NeedsRecipients(string role) => role == Executor;

    /// <summary>Tells whether a role works only on some blocks' messages (<see cref="Account.Blocks"/> required).</summary>
    /// <param name="role">The role.</param>
    /// <returns><see langword="true"/> for <see cref="BlockHead"/> and <see cref="BlockSpecialist"/>.</returns>
    public static bool NeedsBlocks(string role) => role is BlockHead or BlockSpecialist;

    private static HashSet<string> Set(params string[] permissions) => new(permissions, StringComparer.Ordinal);
}

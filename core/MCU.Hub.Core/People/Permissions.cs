namespace MCU.Hub.People;

/// <summary>
/// What a person (or a machine credential) may do in the hub. Roles grant permissions (<see cref="Roles"/>); API
/// scopes imply them for credentials with no account (<see cref="FromScopes"/>).
/// </summary>
public static class Permissions
{
    /// <summary>Reads messages, the directory, indicators, ratings and reports of the municipality.</summary>
    public const string ReadMessages = "messages.read";

    /// <summary>Sees citizens' personal data (name, phone, e-mail, address) unmasked (152-ФЗ).</summary>
    public const string ReadPersonalData = "personal-data.read";

    /// <summary>Registers and changes messages: status, category, recipients, deadline extension.</summary>
    public const string WriteMessages = "messages.write";

    /// <summary>Writes draft and interim answers for the messages the person's recipient or block holds.</summary>
    public const string DraftAnswers = "answers.draft";

    /// <summary>Approves answers (publishing them through the channel) or returns them for rework.</summary>
    public const string ApproveAnswers = "answers.approve";

    /// <summary>Changes routing rules (автоправила), the fast-track catalogue and answer templates.</summary>
    public const string EditRules = "rules.edit";

    /// <summary>Creates and changes roadmaps (дорожные карты) and their measures.</summary>
    public const string EditRoadmaps = "roadmaps.edit";

    /// <summary>Sees the quality and conflict flags (формальные ответы, повторные жалобы, повторные открытия).</summary>
    public const string ReviewQuality = "quality.review";

    /// <summary>Links publications of official pages to the decisions they report (informing).</summary>
    public const string EditInforming = "informing.edit";

    /// <summary>Manages accounts, their roles and deputies.</summary>
    public const string ManageAccounts = "accounts.manage";

    /// <summary>Administers the hub: quarantine, deliveries, imports, the audit log.</summary>
    public const string Administer = "hub.admin";

    /// <summary>Every permission.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        ReadMessages, ReadPersonalData, WriteMessages, DraftAnswers, ApproveAnswers, EditRules, EditRoadmaps,
        ReviewQuality, EditInforming, ManageAccounts, Administer,
    ];

    /// <summary>
    /// The permissions a credential with API scopes and no account holds: <c>read</c> reads (with personal data),
    /// <c>write</c> also writes messages and answers, <c>admin</c> holds everything, <c>region</c> reads only, masked.
    /// </summary>
    /// <param name="scopes">The credential's scopes.</param>
    /// <returns>The permissions.</returns>
    public static IReadOnlySet<string> FromScopes(IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var held = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scope in scopes)
        {
            switch (scope)
            {
                case "admin":
                    held.UnionWith(All);
                    break;
                case "write":
                    held.UnionWith([ReadMessages, ReadPersonalData, WriteMessages, DraftAnswers, ApproveAnswers]);
                    break;
                case "read":
                    held.UnionWith([ReadMessages, ReadPersonalData]);
                    break;
                case "region":
                    held.Add(ReadMessages);
                    break;
            }
        }

        return held;
    }
}

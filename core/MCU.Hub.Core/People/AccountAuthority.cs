namespace MCU.Hub.People;

/// <summary>
/// What a person may do at an instant: their own roles and the roles of everyone they act for
/// («лицо, исполняющее обязанности») because that person's absence covering the instant names them as the deputy.
/// </summary>
/// <param name="Account">The person's own account.</param>
/// <param name="ActingFor">The absent accounts the person acts for now, nearest first; empty when none.</param>
/// <param name="Roles">The roles held: the person's own and those of <paramref name="ActingFor"/>.</param>
/// <param name="Permissions">The permissions the roles grant (<see cref="People.Roles.PermissionsOf"/>).</param>
/// <param name="Recipients">
/// The recipients whose messages the person works on; empty when not limited (some held role is not limited to
/// recipients or blocks).
/// </param>
/// <param name="Blocks">The thematic blocks whose messages the person works on; empty when not limited.</param>
/// <param name="Channels">The channels the person is responsible for, own and acted for.</param>
public sealed record AccountAuthority(
    Account Account,
    IReadOnlyList<Account> ActingFor,
    IReadOnlySet<string> Roles,
    IReadOnlySet<string> Permissions,
    IReadOnlyList<string> Recipients,
    IReadOnlyList<string> Blocks,
    IReadOnlyList<string> Channels)
{
    /// <summary>Gets the login.</summary>
    public string Login => Account.Id;

    /// <summary>
    /// Gets the actor written into messages' history and the audit log: the login, and while acting for someone
    /// their logins too, for example «petrova (и. о. ivanov)».
    /// </summary>
    public string Actor => ActorOf(Account.Id, ActingFor.Select(a => a.Id));

    /// <summary>Builds an actor text: the login and, when acting for others, «(и. о. …)».</summary>
    /// <param name="login">The person's login.</param>
    /// <param name="actingFor">The logins of the absent people they act for.</param>
    /// <returns>The text.</returns>
    public static string ActorOf(string login, IEnumerable<string> actingFor)
    {
        ArgumentNullException.ThrowIfNull(actingFor);
        var others = actingFor.ToList();
        return others.Count == 0 ? login : $"{login} (и. о. {string.Join(", ", others)})";
    }
}

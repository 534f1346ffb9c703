using System.Security.Cryptography;
using System.Text.RegularExpressions;
using MCU.Hub.Directories;
using MCU.Hub.Intake;
using MCU.Hub.Storage;
using MCU.Hub.Tenants;

namespace MCU.Hub.People;

/// <summary>What a person's account says about them; the fields an administrator sets.</summary>
public sealed record AccountDraft
{
    /// <summary>Gets the login (letters, digits, <c>.</c>, <c>_</c>, <c>-</c>; stored in lower case).</summary>
    public string Login { get; init; } = "";

    /// <summary>Gets the full name (ФИО).</summary>
    public string FullName { get; init; } = "";

    /// <summary>Gets the position, as the order names it.</summary>
    public string? Position { get; init; }

    /// <summary>Gets the roles (<see cref="People.Roles"/>).</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Gets the recipients (directory codes) an executor works for.</summary>
    public IReadOnlyList<string> Recipients { get; init; } = [];

    /// <summary>Gets the thematic blocks (top-level category codes) of a block head or block specialist.</summary>
    public IReadOnlyList<string> Blocks { get; init; } = [];

    /// <summary>Gets the channels a channel responsible is responsible for.</summary>
    public IReadOnlyList<string> Channels { get; init; } = [];
}

/// <summary>
/// The people of an МЦУ: accounts with the regulations' roles, absences with the deputy who acts for the absent
/// person, account API keys, and what a person may do at an instant (<see cref="AuthorityAsync"/>).
/// </summary>
/// <remarks>
/// Logins are unique in the hub; every operation names the municipality of the caller, and an account of another
/// municipality is answered as one that does not exist.
/// </remarks>
public sealed partial class AccountService(IDocumentStore documents, HubDirectory directory, TenantDirectory tenants, TimeProvider time)
{
    private const int Attempts = 5;

    /// <summary>Reads an account of a municipality.</summary>
    /// <param name="tenant">The municipality.</param>
    /// <param name="login">The login.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The account, or <see langword="null"/> when the municipality has none with that login.</returns>
    public async Task<Account?> GetAsync(string tenant, string login, CancellationToken cancellationToken)
    {
        var id = Normalize(login);
        // A login that no account can have is not looked up: the store never sees arbitrary ids.
        if (!LoginPattern().IsMatch(id))
            return null;
        var account = await documents.GetAsync<Account>(id, cancellationToken);
        return account is not null && account.Tenant == tenants.Normalize(tenant) ? account : null;
    }

    /// <summary>Lists the accounts of a municipality, in login order.</summary>
    /// <param name="tenant">The municipality.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The accounts, active and not.</returns>
    public async Task<IReadOnlyList<Account>> ListAsync(string tenant, CancellationToken cancellationToken)
    {
        var all = new List<Account>();
        string? after = null;
        while (true)
        {
            var page = await documents.ListAsync<Account>(new DocumentQuery { Tenants = [tenants.Normalize(tenant)], After = after, Limit = 1_000 }, cancellationToken);
            all.AddRange(page);
            if (page.Count < 1_000)
                return all;
            after = page[^1].Id;
        }
    }

    /// <summary>Creates an account.</summary>
    /// <param name="tenant">The municipality.</param>
    /// <param name="draft">What the account says.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The account.</returns>
    /// <exception cref="HubValidationException">A field is wrong (the exception names it), or the login is taken.</exception>
    public async Task<Account> CreateAsync(string tenant, AccountDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var login = Normalize(draft.Login);
        if (login.Length == 0)
            throw new HubValidationException("login", "логин не указан");
        if (!LoginPattern().IsMatch(login))
            throw new HubValidationException("login", "логин — от 2 до 64 латинских букв, цифр и знаков . _ -");
        var account = new Account { Id = login, Tenant = tenants.Normalize(tenant), CreatedAt = time.GetUtcNow() };
        Apply(account, draft);
        if (!await documents.SaveAsync(account, cancellationToken))
            throw new HubValidationException("login", $"логин '{login}' уже занят");
        return account;
    }

    /// <summary>Replaces what an account says (every field of the draft but the login).</summary>
    /// <param name="tenant">The municipality.</param>
    /// <param name="draft">The new fields; <see cref="AccountDraft.Login"/> names the account.</param>
    /// <param name="expectedVersion">The version the change was made on; 0 for whatever is stored.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The account.</returns>
    /// <exception cref="AccountNotFoundException">There is no such account in the municipality.</exception>
    /// <exception cref="HubValidationException">A field is wrong, or the account changed since <paramref name="expectedVersion"/>.</exception>
    public Task<Account> UpdateAsync(string tenant, AccountDraft draft, int expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return ChangeAsync(tenant, draft.Login, account =>
        {
            if (expectedVersion > 0 && account.Version != expectedVersion)
                throw new HubValidationException("version", $"учётную запись уже изменили (версия {account.Version}, а не {expectedVersion}); прочитайте её снова");
            Apply(account, draft);
            return Task.CompletedTask;
        }, cancellationToken);
    }

    /// <summary>Deactivates an account: it no longer signs in, and its keys stop working.</summary>
    /// <param name="tenant">The municipality.</param>
    /// <param name="login">The login.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The account.</returns>
    public Task<Account> DeactivateAsync(string tenant, string login, CancellationToken cancellationToken) =>
        ChangeAsync(tenant, login, account =>
        {
            account.Active = false;
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>Records an absence and the deputy who acts for the person during it.</summary>
    /// <param name="tenant">The municipality.</param>
    /// <param name="login">The absent person's login.</param>
    /// <param name="from">The first instant of the absence.</param>
    /// <param name="to">The instant it ends (exclusive).</param>
    /// <param name="deputy">The deputy's login: an active account of the same municipality, not the person.</param>
    /// <param name="reason">The reason (отпуск, командировка, временная нетрудоспособность).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The account with the absence; the new absence has an id.</returns>
    public Task<Account> SetAbsenceAsync(string tenant, string login, DateTimeOffset from, DateTimeOffset to, string deputy, string? reason, CancellationToken cancellationToken) =>
        ChangeAsync(tenant, login, async account =>
        {
            if (to <= from)
                throw new HubValidationException("to", "конец отсутствия должен быть позже начала");
            var deputyLogin = Normalize(deputy);
            if (deputyLogin.Length == 0)
                throw new HubValidationException("deputy", "не указано, кто исполняет обязанности");
            if (deputyLogin == account.Id)
                throw new HubValidationException("deputy", "сотрудник не может исполнять обязанности сам за себя");
            var stand = await GetAsync(account.Tenant, deputyLogin, cancellationToken);
            if (stand is null)
                throw new HubValidationException("deputy", $"учётная запись '{deputyLogin}' не найдена");
            if (!stand.Active)
                throw new HubValidationException("deputy", $"учётная запись '{deputyLogin}' отключена");
            // A deputy who is away at the same time and named this person would leave the duties with nobody.
            if (stand.Absences.Any(a => a.Deputy == account.Id && a.From < to && from < a.To))
                throw new HubValidationException("deputy", $"'{deputyLogin}' сам отсутствует в это время и назначил исполняющим обязанности '{account.Id}'");
            account.Absences.Add(new Absence
            {
                Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
                From = from,
                To = to,
                Deputy = deputyLogin,
                Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            });
            account.Absences.Sort((a, b) => a.From.CompareTo(b.From));
        }, cancellationToken);

    /// <summary>Removes an absence (cancelled or recorded by mistake).</summary>
    /// <param name="tenant">The municipality.</param>
    /// <param name="login">The login.</param>
    /// <param name="absenceId">The absence's id.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The account.</returns>
    public Task<Account> RemoveAbsenceAsync(string tenant, string login, string absenceId, CancellationToken cancellationToken) =>
        ChangeAsync(tenant, login, account =>
        {
            if (account.Absences.RemoveAll(a => a.Id == absenceId) == 0)
                throw new HubValidationException("absence_id", $"у учётной записи нет отсутствия '{absenceId}'");
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>Issues an API key to an active account. The key is returned once and only its hash is kept.</summary>
    /// <param name="tenant">The municipality.</param>
    /// <param name="login">The login.</param>
    /// <param name="issuedBy">Who issues it (the actor).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The key and its stored form.</returns>
    public async Task<IssuedAccountKey> IssueKeyAsync(string tenant, string login, string issuedBy, CancellationToken cancellationToken)
    {
        var account = await GetAsync(tenant, login, cancellationToken) ?? throw new AccountNotFoundException(Normalize(login));
        if (!account.Active)
            throw new HubValidationException("login", $"учётная запись '{account.Id}' отключена");
        var key = "mcu_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var stored = new AccountKey
        {
            Id = AccountKey.HashOf(key),
            Tenant = account.Tenant,
            Login = account.Id,
            Prefix = key[..10],
            IssuedAt = time.GetUtcNow(),
            IssuedBy = issuedBy,
        };
        await documents.SaveAsync(stored, cancellationToken);
        return new IssuedAccountKey(key, stored);
    }

    /// <summary>Lists an account's keys (their stored form).</summary>
    /// <param name="tenant">The municipality.</param>
    /// <param name="login">The login.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The keys.</returns>
    public async Task<IReadOnlyList<AccountKey>> ListKeysAsync(string tenant, string login, CancellationToken cancellationToken) =>
        await documents.ListAsync<AccountKey>(new DocumentQuery { Tenants = [tenants.Normalize(tenant)], Key = Normalize(login) }, cancellationToken);

    /// <summary>Revokes an account's key, or every key of the account.</summary>
    /// <param name="tenant">The municipality.</param>
    /// <param name="login">The login.</param>
    /// <param name="keyId">The key's id (its hash), or empty for every key.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>How many keys were revoked.</returns>
    public async Task<int> RevokeKeyAsync(string tenant, string login, string? keyId, CancellationToken cancellationToken)
    {
        var account = await GetAsync(tenant, login, cancellationToken) ?? throw new AccountNotFoundException(Normalize(login));
        var revoked = 0;
        foreach (var key in await ListKeysAsync(account.Tenant, account.Id, cancellationToken))
        {
            if (string.IsNullOrEmpty(keyId) || key.Id == keyId)
                revoked += await documents.DeleteAsync(key, cancellationToken) ? 1 : 0;
        }

        if (revoked == 0 && !string.IsNullOrEmpty(keyId))
            throw new HubValidationException("key_id", $"у учётной записи нет ключа '{keyId}'");
        return revoked;
    }

    /// <summary>Finds who holds an account key, and what they may do now.</summary>
    /// <param name="keyHash">The hash of the presented key (<see cref="AccountKey.HashOf"/>).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The authority, or <see langword="null"/> when the key is unknown or revoked, or the account is inactive.</returns>
    public async Task<AccountAuthority?> AuthenticateKeyAsync(string keyHash, CancellationToken cancellationToken)
    {
        if (await documents.GetAsync<AccountKey>(keyHash, cancellationToken) is not { } key)
            return null;
        return await AuthorityAsync(key.Tenant, key.Login, cancellationToken);
    }

    /// <summary>What a person may do now (<see cref="TimeProvider"/>).</summary>
    /// <param name="tenant">The municipality.</param>
    /// <param name="login">The login.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The authority, or <see langword="null"/> when there is no such active account.</returns>
    public Task<AccountAuthority?> AuthorityAsync(string tenant, string login, CancellationToken cancellationToken) =>
        AuthorityAtAsync(tenant, login, time.GetUtcNow(), cancellationToken);

    /// <summary>
    /// What a person may do at an instant: their own roles and, for every active account whose absence covering the
    /// instant names them as deputy, that account's roles, recipients and blocks — and so on down a chain of deputies
    /// (a deputy of an absent deputy acts for both); a cycle of absences ends where it returns.
    /// </summary>
    /// <param name="tenant">The municipality.</param>
    /// <param name="login">The login.</param>
    /// <param name="at">The instant.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The authority, or <see langword="null"/> when there is no such active account.</returns>
    public async Task<AccountAuthority?> AuthorityAtAsync(string tenant, string login, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var account = await GetAsync(tenant, login, cancellationToken);
        if (account is not { Active: true })
            return null;
        return Resolve(account, await ListAsync(account.Tenant, cancellationToken), at);
    }

    /// <summary>What every active person of a municipality may do at an instant (one read of the accounts).</summary>
    /// <param name="tenant">The municipality.</param>
    /// <param name="at">The instant.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The authority of each active account, by login.</returns>
    public async Task<IReadOnlyDictionary<string, AccountAuthority>> AuthoritiesAtAsync(string tenant, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var all = await ListAsync(tenant, cancellationToken);
        return all.Where(a => a.Active).ToDictionary(a => a.Id, a => Resolve(a, all, at), StringComparer.Ordinal);
    }

    private static AccountAuthority Resolve(Account account, IReadOnlyList<Account> everyone, DateTimeOffset at)
    {
        var colleagues = everyone.Where(a => a.Active && a.Id != account.Id).ToList();
        var actingFor = new List<Account>();
        var visited = new HashSet<string>(StringComparer.Ordinal) { account.Id };
        var queue = new Queue<string>([account.Id]);
        while (queue.TryDequeue(out var deputy))
        {
            foreach (var absent in colleagues.Where(a => a.Absences.Any(x => x.Deputy == deputy && x.Covers(at))))
            {
                if (!visited.Add(absent.Id))
                    continue;
                actingFor.Add(absent);
                queue.Enqueue(absent.Id);
            }
        }

        List<Account> sources = [account, .. actingFor];
        var roles = sources.SelectMany(a => a.Roles).Where(Roles.Grants.ContainsKey).ToHashSet(StringComparer.Ordinal);
        // Someone who holds a role over the whole flow (an МЦУ specialist) is not narrowed by acting for an executor.
        var limited = sources.All(IsLimited);
        return new AccountAuthority(
            account,
            actingFor,
            roles,
            Roles.PermissionsOf(roles),
            limited ? [.. sources.SelectMany(a => a.Recipients).Distinct(StringComparer.Ordinal)] : [],
            limited ? [.. sources.SelectMany(a => a.Blocks).Distinct(StringComparer.Ordinal)] : [],
            [.. sources.SelectMany(a => a.Channels).Distinct(StringComparer.Ordinal)]);
    }

    private static bool IsLimited(Account account) =>
        account.Roles.Count > 0 && account.Roles.All(r => Roles.NeedsRecipients(r) || Roles.NeedsBlocks(r)) && (account.Recipients.Count > 0 || account.Blocks.Count > 0);

    private async Task<Account> ChangeAsync(string tenant, string login, Func<Account, Task> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var account = await GetAsync(tenant, login, cancellationToken) ?? throw new AccountNotFoundException(Normalize(login));
            await change(account);
            if (await documents.SaveAsync(account, cancellationToken))
                return account;
            if (attempt == Attempts)
                throw new HubValidationException("login", "учётную запись одновременно меняют другие; повторите позже");
        }
    }

    private void Apply(Account account, AccountDraft draft)
    {
        var fullName = draft.FullName.Trim();
        if (fullName.Length == 0)
            throw new HubValidationException("full_name", "ФИО не указано");
        var roles = Clean(draft.Roles);
        if (roles.Count == 0)
            throw new HubValidationException("roles", "не указана ни одна роль");
        foreach (var role in roles.Where(r => !Roles.Grants.ContainsKey(r)))
            throw new HubValidationException("roles", $"неизвестная роль '{role}' (известны: {string.Join(", ", Roles.All)})");
        var recipients = Clean(draft.Recipients);
        foreach (var code in recipients.Where(c => directory.FindRecipient(c) is null))
            throw new HubValidationException("recipients", $"ответственного получателя '{code}' нет в справочнике");
        if (roles.Any(Roles.NeedsRecipients) && recipients.Count == 0)
            throw new HubValidationException("recipients", $"для роли «{Roles.Names[Roles.Executor]}» нужен хотя бы один ответственный получатель");
        var blocks = Clean(draft.Blocks);
        foreach (var code in blocks.Where(c => directory.FindCategory(c) is not { Parent: null }))
            throw new HubValidationException("blocks", $"отраслевого блока '{code}' нет в справочнике категорий");
        if (roles.FirstOrDefault(Roles.NeedsBlocks) is { } blockRole && blocks.Count == 0)
            throw new HubValidationException("blocks", $"для роли «{Roles.Names[blockRole]}» нужен хотя бы один отраслевой блок");
        var channels = Clean(draft.Channels);
        if (roles.Contains(Roles.ChannelResponsible) && channels.Count == 0)
            throw new HubValidationException("channels", $"для роли «{Roles.Names[Roles.ChannelResponsible]}» нужен хотя бы один канал");

        account.FullName = fullName;
        account.Position = string.IsNullOrWhiteSpace(draft.Position) ? null : draft.Position.Trim();
        account.Roles = roles;
        account.Recipients = recipients;
        account.Blocks = blocks;
        account.Channels = channels;
    }

    private static List<string> Clean(IEnumerable<string> values) =>
        [.. values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal)];

    private static string Normalize(string? login) => (login ?? "").Trim().ToLowerInvariant();

    [GeneratedRegex("^[a-z0-9._-]{2,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex LoginPattern();
}

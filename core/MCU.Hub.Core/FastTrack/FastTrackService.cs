using System.Text.RegularExpressions;
using MCU.Hub.Deadlines;
using MCU.Hub.Directories;
using MCU.Hub.Intake;
using MCU.Hub.Routing;
using MCU.Hub.Storage;
using MCU.Hub.Tenants;

namespace MCU.Hub.FastTrack;

/// <summary>
/// Keeps the municipalities' fast-track catalogues: lists, adds, changes and deletes entries, each a versioned document
/// of the hub's store, and puts every change in force in <see cref="FastTrackCatalog"/> at once.
/// </summary>
/// <remarks>
/// The catalogue lives beside the rules, not in the rule set: an entry is an agreement with an executor (who solves the
/// typical problem and how fast) that several rules may point at; changing the executor or the deadline changes it for
/// all of them without a new version of the rules. Rules name entries by code and are checked against the catalogue
/// when saved; an entry a rule in force names cannot be deleted.
/// </remarks>
public sealed partial class FastTrackService
{
    /// <summary>The longest deadline of an entry, in its unit.</summary>
    public const double MaxAmount = 10_000;

    private readonly IDocumentStore _documents;
    private readonly FastTrackCatalog _catalog;
    private readonly HubDirectory _directory;
    private readonly TenantRuleStores _rules;
    private readonly TenantDirectory _tenants;
    private readonly TimeProvider _time;

    /// <summary>Creates the service.</summary>
    /// <param name="documents">The document store.</param>
    /// <param name="catalog">The catalogue in force.</param>
    /// <param name="directory">The directory, whose recipients executors must be.</param>
    /// <param name="rules">The municipalities' rule sets, to keep entries that rules name.</param>
    /// <param name="tenants">The municipalities.</param>
    /// <param name="time">The clock.</param>
    public FastTrackService(IDocumentStore documents, FastTrackCatalog catalog, HubDirectory directory, TenantRuleStores rules, TenantDirectory tenants, TimeProvider time)
    {
        _documents = documents;
        _catalog = catalog;
        _directory = directory;
        _rules = rules;
        _tenants = tenants;
        _time = time;
    }

    /// <summary>Lists a municipality's catalogue.</summary>
    /// <param name="tenant">The municipality.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entries in the order of their codes.</returns>
    public async Task<IReadOnlyList<FastTrackEntry>> ListAsync(string tenant, CancellationToken cancellationToken)
    {
        var code = _tenants.Normalize(tenant);
        var entries = await _documents.ListAsync<FastTrackEntry>(new DocumentQuery { Tenants = [code], Limit = 10_000 }, cancellationToken).ConfigureAwait(false);
        return [.. entries.OrderBy(e => e.Code, StringComparer.Ordinal)];
    }

    /// <summary>Reads an entry.</summary>
    /// <param name="tenant">The municipality.</param>
    /// <param name="code">The entry's code.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="FastTrackEntryNotFoundException">The municipality's catalogue has no such entry.</exception>
    public async Task<FastTrackEntry> GetAsync(string tenant, string code, CancellationToken cancellationToken)
    {
        var t = _tenants.Normalize(tenant);
        var found = await _documents.GetAsync<FastTrackEntry>(FastTrackEntry.IdOf(t, code ?? ""), cancellationToken).ConfigureAwait(false);
        return found is not null && found.Tenant == t ? found : throw new FastTrackEntryNotFoundException(code ?? "");
    }

    /// <summary>Adds an entry to a municipality's catalogue.</summary>
    /// <param name="tenant">The municipality.</param>
    /// <param name="entry">The entry: code, title, executor, unit, amount, extension, description.</param>
    /// <param name="actor">Who adds it.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored entry.</returns>
    /// <exception cref="HubValidationException">A field is invalid, or the code is taken; the exception names the field.</exception>
    public async Task<FastTrackEntry> CreateAsync(string tenant, FastTrackEntry entry, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var stored = Validated(_tenants.Normalize(tenant), entry, actor);
        stored.Version = 0;
        if (!await _documents.SaveAsync(stored, cancellationToken).ConfigureAwait(false))
            throw new HubValidationException("code", $"позиция фаст-трека «{stored.Code}» уже есть в каталоге");
        await _catalog.ReloadAsync(cancellationToken).ConfigureAwait(false);
        return stored;
    }

    /// <summary>Changes an entry; the messages it routes from now on get the new executor and deadline.</summary>
    /// <param name="tenant">The municipality.</param>
    /// <param name="entry">The entry with its code and the new values.</param>
    /// <param name="expectedVersion">The version the change is based on; 0 to change whatever is stored.</param>
    /// <param name="actor">Who changes it.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored entry.</returns>
    /// <exception cref="HubValidationException">A field is invalid, or the entry changed since <paramref name="expectedVersion"/>.</exception>
    /// <exception cref="FastTrackEntryNotFoundException">There is no such entry.</exception>
    public async Task<FastTrackEntry> UpdateAsync(string tenant, FastTrackEntry entry, int expectedVersion, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var t = _tenants.Normalize(tenant);
        var stored = Validated(t, entry, actor);
        var current = await GetAsync(t, stored.Code, cancellationToken).ConfigureAwait(false);
        if (expectedVersion != 0 && expectedVersion != current.Version)
            throw new HubValidationException("expected_version", $"позиция «{stored.Code}» изменена другим пользователем (версия {current.Version}, ожидалась {expectedVersion}); перечитайте её");
        stored.Version = current.Version;
        if (!await _documents.SaveAsync(stored, cancellationToken).ConfigureAwait(false))
            throw new HubValidationException("expected_version", $"позиция «{stored.Code}» изменена другим пользователем одновременно; перечитайте её");
        await _catalog.ReloadAsync(cancellationToken).ConfigureAwait(false);
        return stored;
    }

    /// <summary>Deletes an entry that no rule in force names.</summary>
    /// <param name="tenant">The municipality.</param>
    /// <param name="code">The entry's code.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the entry is deleted.</returns>
    /// <exception cref="HubValidationException">A rule of the municipality's rule set names the entry.</exception>
    /// <exception cref="FastTrackEntryNotFoundException">There is no such entry.</exception>
    public async Task DeleteAsync(string tenant, string code, CancellationToken cancellationToken)
    {
        var t = _tenants.Normalize(tenant);
        var current = await GetAsync(t, code, cancellationToken).ConfigureAwait(false);
        var rules = await _rules.For(t).GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        if (rules.Rules.FirstOrDefault(r => r.FastTrackEntry == current.Code) is { } rule)
            throw new HubValidationException("code", $"позицию «{current.Code}» называет автоправило «{rule.Name}»; сначала измените правило");
        if (!await _documents.DeleteAsync(current, cancellationToken).ConfigureAwait(false))
            throw new HubValidationException("code", $"позиция «{current.Code}» изменена другим пользователем одновременно; повторите");
        await _catalog.ReloadAsync(cancellationToken).ConfigureAwait(false);
    }

    private FastTrackEntry Validated(string tenant, FastTrackEntry entry, string actor)
    {
        var code = entry.Code?.Trim() ?? "";
        if (code.Length == 0)
            throw new HubValidationException("code", "код позиции фаст-трека не указан");
        if (!CodePattern().IsMatch(code))
            throw new HubValidationException("code", $"код «{code}»: только строчные латинские буквы, цифры, «-» и «_», до 64 символов");
        if (string.IsNullOrWhiteSpace(entry.Title))
            throw new HubValidationException("title", "название типовой проблемы не указано");
        if (entry.Title.Length > 300)
            throw new HubValidationException("title", "название длиннее 300 символов");
        var executor = entry.Executor?.Trim() ?? "";
        if (executor.Length == 0)
            throw new HubValidationException("executor", "исполнитель не указан");
        if (_directory.FindRecipient(executor) is null)
            throw new HubValidationException("executor", $"неизвестный получатель '{executor}'");
        if (entry.Unit is not (DeadlineUnit.WorkingDays or DeadlineUnit.WorkingHours))
            throw new HubValidationException("unit", "сокращённый срок задаётся в рабочих днях или рабочих часах производственного календаря");
        if (!double.IsFinite(entry.Amount) || entry.Amount <= 0 || entry.Amount > MaxAmount)
            throw new HubValidationException("amount", $"срок должен быть больше 0 и не больше {MaxAmount}");
        if (!double.IsFinite(entry.MaxExtension) || entry.MaxExtension < 0 || entry.MaxExtension > MaxAmount)
            throw new HubValidationException("max_extension", $"допустимое продление — от 0 до {MaxAmount}");
        return new FastTrackEntry
        {
            Id = FastTrackEntry.IdOf(tenant, code),
            Tenant = tenant,
            Code = code,
            Title = entry.Title.Trim(),
            Description = string.IsNullOrWhiteSpace(entry.Description) ? null : entry.Description.Trim(),
            Executor = executor,
            Unit = entry.Unit,
            Amount = entry.Amount,
            MaxExtension = entry.MaxExtension,
            UpdatedAt = _time.GetUtcNow(),
            UpdatedBy = actor,
        };
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex CodePattern();
}

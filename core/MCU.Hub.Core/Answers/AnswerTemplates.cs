using System.Globalization;
using System.Text.RegularExpressions;
using MCU.Hub.Deadlines.Calendar;
using MCU.Hub.Directories;
using MCU.Hub.Intake;
using MCU.Hub.Messages;
using MCU.Hub.Storage;
using Microsoft.Extensions.Options;

namespace MCU.Hub.Answers;

/// <summary>
/// Templates of typical answers (типовые ответы) per thematic block and topic, kept per municipality in the
/// <see cref="IDocumentStore"/>, and their rendering for a message.
/// </summary>
/// <remarks>
/// Placeholders are names in braces. The hub fills <c>{адрес}</c> (the problem's address), <c>{номер}</c> (the
/// message's number in its channel), <c>{дата}</c> (when the citizen sent it), <c>{срок}</c> (the date of the last
/// interim answer, else the answer deadline), <c>{категория}</c> (the topic's name) and <c>{получатель}</c> (the
/// responsible recipient's name); any other name is filled from the values the caller gives. A placeholder left without
/// a value stays in the text as it is, so an answer sent with one is recognisable (<see cref="Placeholders"/>).
/// </remarks>
public sealed partial class AnswerTemplates
{
    /// <summary>The placeholder of the problem's address.</summary>
    public const string Address = "адрес";

    /// <summary>The placeholder of the message's number in its channel.</summary>
    public const string Number = "номер";

    /// <summary>The placeholder of the date the citizen sent the message.</summary>
    public const string Date = "дата";

    /// <summary>The placeholder of the expected date: of the last interim answer, else the answer deadline.</summary>
    public const string Due = "срок";

    /// <summary>The placeholder of the topic's name.</summary>
    public const string Topic = "категория";

    /// <summary>The placeholder of the responsible recipient's name.</summary>
    public const string Recipient = "получатель";

    private const int MaxNameLength = 200;
    private const int MaxTemplates = 1_000;
    private readonly IDocumentStore _documents;
    private readonly HubDirectory _directory;
    private readonly WorkingCalendar _calendar;
    private readonly TimeProvider _time;
    private readonly McuHubOptions _options;

    /// <summary>Creates the service.</summary>
    /// <param name="documents">The document store.</param>
    /// <param name="directory">The directory (blocks, topics, recipients).</param>
    /// <param name="calendar">The working calendar, for the municipality's time zone.</param>
    /// <param name="time">The clock.</param>
    /// <param name="options">The engine options (the longest text).</param>
    public AnswerTemplates(IDocumentStore documents, HubDirectory directory, WorkingCalendar calendar, TimeProvider time, IOptions<McuHubOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _documents = documents;
        _directory = directory;
        _calendar = calendar;
        _time = time;
        _options = options.Value;
    }

    /// <summary>Gets the placeholders the hub fills from a message.</summary>
    public static IReadOnlyList<string> Filled { get; } = [Address, Number, Date, Due, Topic, Recipient];

    /// <summary>Finds the placeholders in a text, in the order they first appear, each once (lower case).</summary>
    /// <param name="text">The text: a template, or an answer made from one.</param>
    /// <returns>The placeholder names.</returns>
    public static IReadOnlyList<string> Placeholders(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Lists a municipality's templates. With a topic or block, only those that fit it: the topic's own, its block's, and
    /// those for every block; a topic's templates come first, then the block's, then the general ones, each by name.
    /// </summary>
    /// <param name="tenant">The municipality.</param>
    /// <param name="category">A topic or block code, or <see langword="null"/> for every template.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The templates.</returns>
    public async Task<IReadOnlyList<AnswerTemplate>> ListAsync(string tenant, string? category, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var all = await _documents.ListAsync<AnswerTemplate>(new DocumentQuery { Tenants = [tenant], Limit = MaxTemplates }, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(category))
            return [.. all.OrderBy(t => t.Name, StringComparer.CurrentCulture)];

        var block = _directory.BlockOf(category) ?? category;
        return [.. all
            .Select(t => (Template: t, Rank: t.Category == category ? 0 : t.Category is null && t.Block == block ? 1 : t.Category is null && t.Block is null ? 2 : -1))
            .Where(x => x.Rank >= 0)
            .OrderBy(x => x.Rank)
            .ThenBy(x => x.Template.Name, StringComparer.CurrentCulture)
            .Select(x => x.Template)];
    }

    /// <summary>
    /// Gets the texts of the templates of several municipalities, placeholders included: what quality checks compare
    /// approved answers with (an answer that is a template left unfilled, or a template with no specifics added).
    /// </summary>
    /// <param name="tenants">The municipalities, or <see langword="null"/> for every one.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The texts, in no particular order.</returns>
    public async Task<IReadOnlyList<string>> TextsAsync(IReadOnlyCollection<string>? tenants, CancellationToken cancellationToken)
    {
        var all = await _documents.ListAsync<AnswerTemplate>(new DocumentQuery { Tenants = tenants ?? [], Limit = MaxTemplates * 10 }, cancellationToken).ConfigureAwait(false);
        return [.. all.Select(t => t.Text)];
    }

    /// <summary>Reads one of a municipality's templates.</summary>
    /// <param name="tenant">The municipality.</param>
    /// <param name="id">The template's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The template, or <see langword="null"/> when the municipality has none with that id.</returns>
    public async Task<AnswerTemplate?> GetAsync(string tenant, string id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(id))
            throw new HubValidationException("id", "идентификатор шаблона не указан");
        var template = await _documents.GetAsync<AnswerTemplate>(id, cancellationToken).ConfigureAwait(false);
        return template is not null && template.Tenant == tenant ? template : null;
    }

    /// <summary>Creates a template.</summary>
    /// <param name="tenant">The municipality.</param>
    /// <param name="template">The name, block, topic, text and kind; the id and version are given by the hub.</param>
    /// <param name="actor">Who created it.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored template.</returns>
    /// <exception cref="HubValidationException">A field is invalid; the exception names it.</exception>
    public async Task<AnswerTemplate> CreateAsync(string tenant, AnswerTemplate template, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(template);
        var now = _time.GetUtcNow();
        var stored = Validated(template);
        stored.Id = Guid.CreateVersion7(now).ToString("N");
        stored.Tenant = tenant;
        stored.Version = 0;
        stored.UpdatedBy = actor;
        stored.UpdatedAt = now;
        if (!await _documents.SaveAsync(stored, cancellationToken).ConfigureAwait(false))
            throw new AnswerConflictException($"шаблон '{stored.Id}' уже существует", stale: true);
        return stored;
    }

    /// <summary>Changes a template, if it is still at the version the caller read.</summary>
    /// <param name="tenant">The municipality.</param>
    /// <param name="id">The template's id.</param>
    /// <param name="version">The version the caller read.</param>
    /// <param name="template">The new name, block, topic, text and kind.</param>
    /// <param name="actor">Who changed it.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored template, or <see langword="null"/> when the municipality has none with that id.</returns>
    /// <exception cref="HubValidationException">A field is invalid; the exception names it.</exception>
    /// <exception cref="AnswerConflictException">Someone changed it since <paramref name="version"/>.</exception>
    public async Task<AnswerTemplate?> UpdateAsync(string tenant, string id, int version, AnswerTemplate template, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(template);
        var stored = Validated(template);
        if (await GetAsync(tenant, id, cancellationToken).ConfigureAwait(false) is not { } current)
            return null;
        if (version != current.Version)
            throw new AnswerConflictException($"шаблон изменён: текущая версия {current.Version}, а не {version}; перечитайте его", stale: true);
        (stored.Id, stored.Tenant, stored.Version, stored.UpdatedBy, stored.UpdatedAt) = (id, tenant, current.Version, actor, _time.GetUtcNow());
        if (!await _documents.SaveAsync(stored, cancellationToken).ConfigureAwait(false))
            throw new AnswerConflictException("шаблон одновременно изменил другой пользователь; перечитайте его", stale: true);
        return stored;
    }

    /// <summary>Deletes a template, if it is still at the version the caller read.</summary>
    /// <param name="tenant">The municipality.</param>
    /// <param name="id">The template's id.</param>
    /// <param name="version">The version the caller read; 0 for any.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="false"/> when the municipality has no template with that id.</returns>
    /// <exception cref="AnswerConflictException">Someone changed it since <paramref name="version"/>.</exception>
    public async Task<bool> DeleteAsync(string tenant, string id, int version, CancellationToken cancellationToken)
    {
        if (await GetAsync(tenant, id, cancellationToken).ConfigureAwait(false) is not { } current)
            return false;
        if (version != 0 && version != current.Version)
            throw new AnswerConflictException($"шаблон изменён: текущая версия {current.Version}, а не {version}; перечитайте его", stale: true);
        if (!await _documents.DeleteAsync(current, cancellationToken).ConfigureAwait(false))
            throw new AnswerConflictException("шаблон одновременно изменил другой пользователь; перечитайте его", stale: true);
        return true;
    }

    /// <summary>Fills a template's placeholders from a message and the caller's values (which win over the message's).</summary>
    /// <param name="template">The template.</param>
    /// <param name="message">The message answered.</param>
    /// <param name="values">Further values by placeholder name (case ignored), or <see langword="null"/>.</param>
    /// <returns>The text and the placeholders left without a value.</returns>
    public RenderedTemplate Render(AnswerTemplate template, HubMessage message, IReadOnlyDictionary<string, string>? values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(message);
        var known = FromMessage(message);
        foreach (var (name, value) in values ?? new Dictionary<string, string>())
        {
            if (!string.IsNullOrWhiteSpace(value))
                known[name.Trim().ToLowerInvariant()] = value;
        }

        var missing = new List<string>();
        var text = PlaceholderPattern().Replace(template.Text, m =>
        {
            var name = m.Groups[1].Value.Trim().ToLowerInvariant();
            if (known.TryGetValue(name, out var value))
                return value;
            if (!missing.Contains(name, StringComparer.Ordinal))
                missing.Add(name);
            return m.Value;
        });
        return new RenderedTemplate(text, missing);
    }

    private Dictionary<string, string> FromMessage(HubMessage message)
    {
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(message.Address))
            known[Address] = message.Address;
        if (!string.IsNullOrWhiteSpace(message.ExternalId))
            known[Number] = message.ExternalId;
        known[Date] = LocalDate(message.ReceivedAt);
        if ((message.InterimAnswers.Count > 0 ? message.InterimAnswers[^1].ExpectedBy : message.DueAt) is { } due)
            known[Due] = LocalDate(due);
        if ((message.Category ?? message.Block) is { } code && _directory.FindCategory(code) is { } category)
            known[Topic] = category.Name;
        if (message.Recipients.Select(_directory.FindRecipient).FirstOrDefault(r => r is not null) is { } recipient)
            known[Recipient] = recipient.Name;
        return known;
    }

    private string LocalDate(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, _calendar.TimeZone).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    private AnswerTemplate Validated(AnswerTemplate template)
    {
        if (string.IsNullOrWhiteSpace(template.Name))
            throw new HubValidationException("name", "название шаблона не указано");
        if (template.Name.Length > MaxNameLength)
            throw new HubValidationException("name", $"название шаблона длиннее {MaxNameLength} символов");
        if (string.IsNullOrWhiteSpace(template.Text))
            throw new HubValidationException("text", "текст шаблона не указан");
        if (template.Text.Length > _options.MaxTextLength)
            throw new HubValidationException("text", $"текст шаблона длиннее {_options.MaxTextLength} символов ({template.Text.Length})");

        var block = string.IsNullOrWhiteSpace(template.Block) ? null : template.Block.Trim();
        var category = string.IsNullOrWhiteSpace(template.Category) ? null : template.Category.Trim();
        if (block is not null && _directory.FindCategory(block) is not { Parent: null })
            throw new HubValidationException("block", $"неизвестный отраслевой блок '{block}'");
        if (category is not null)
        {
            if (_directory.FindCategory(category) is null)
                throw new HubValidationException("category", $"неизвестная категория '{category}'");
            var own = _directory.BlockOf(category) ?? category;
            if (block is not null && own != block)
                throw new HubValidationException("category", $"категория '{category}' относится к блоку '{own}', а не '{block}'");
            block = own;
            if (category == own)
                category = null;
        }

        return new AnswerTemplate { Name = template.Name.Trim(), Block = block, Category = category, Text = template.Text, Interim = template.Interim };
    }

    [GeneratedRegex(@"\{([\p{L}\p{N}_\- ]{1,40})\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();
}

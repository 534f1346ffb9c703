using MCU.Hub.Emulators.Common;
using MCU.Hub.Emulators.Edds.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MCU.Hub.Emulators.Edds;

/// <summary>
/// An emulator of a ЕДДС (unified duty dispatch service) feed of incident cards on loopback: a real Kestrel server that
/// publishes synthetic call cards and their later versions as they are taken into work and closed.
/// </summary>
/// <remarks>
/// <para>
/// The contract (documented in <c>plugins/MCU.Hub.Plugins.Edds/README.md</c>): <c>GET /api/v1/cards?after=&amp;limit=</c>,
/// a feed of card versions, and <c>GET /api/v1/cards/{id}</c>, the latest version of one card.
/// </para>
/// <para>
/// The feed is an append-only log of versions in the order they were made; a card appears in it again each time it
/// changes, with a later <c>updated_at</c>. The cursor is an opaque encoding of a position in that log, so it stays
/// valid for the emulator's lifetime.
/// </para>
/// <para>Thread-safety: all members may be called concurrently with requests.</para>
/// </remarks>
public sealed class EddsEmulator : IAsyncDisposable
{
    /// <summary>The page size used when a request gives no <c>limit</c>.</summary>
    public const int DefaultPageSize = EmulatorJson.DefaultPageSize;

    /// <summary>The largest page the emulator returns; a larger <c>limit</c> is cut to it.</summary>
    public const int MaxPageSize = EmulatorJson.MaxPageSize;

    private const string LogName = "edds-cards";
    private static readonly TimeSpan HistoryStep = TimeSpan.FromMinutes(9);

    private readonly Lock _gate = new();
    private readonly EddsEmulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly ArrivalSchedule _schedule;
    private readonly EmulatorServer _server;
    private readonly List<EddsCard> _feed = [];
    private readonly Dictionary<string, EddsCard> _latest = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly PriorityQueue<EddsCard, (DateTimeOffset At, long Sequence)> _pending = new();
    private EddsGenerator? _generator;
    private int _generated;
    private long _sequence;
    private int _servedCount;

    private EddsEmulator(EddsEmulatorOptions options)
    {
        _options = options;
        _time = options.TimeProvider;
        _schedule = new ArrivalSchedule(_time.GetUtcNow(), options.TotalCards, options.InitialCards, options.CardsPerSecond, HistoryStep);
        _server = new EmulatorServer(options.Token);
    }

    /// <summary>Gets the address the emulator listens on, ending with a slash (<c>http://127.0.0.1:54321/</c>).</summary>
    public Uri BaseAddress => _server.BaseAddress;

    /// <summary>Gets the latest version of every card published so far, in the order the cards first appeared.</summary>
    /// <remarks>A snapshot.</remarks>
    public IReadOnlyList<EddsCard> Cards
    {
        get
        {
            lock (_gate)
            {
                Publish();
                return _order.Select(id => _latest[id]).ToArray();
            }
        }
    }

    /// <summary>Gets every card version published so far, in the order <c>GET /api/v1/cards</c> serves them.</summary>
    /// <remarks>A snapshot.</remarks>
    public IReadOnlyList<EddsCard> Versions
    {
        get
        {
            lock (_gate)
            {
                Publish();
                return _feed.ToArray();
            }
        }
    }

    /// <summary>Gets how many card versions the emulator has served in list responses, counting every repeat.</summary>
    public int ServedCount => Volatile.Read(ref _servedCount);

    /// <summary>Gets how many API requests (<c>/api/...</c>) reached the emulator, failed ones included.</summary>
    public int RequestCount => _server.RequestCount;

    /// <summary>Starts an emulator on <c>http://127.0.0.1</c>.</summary>
    /// <param name="options">What to publish and where to listen; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop the server.</returns>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public static async Task<EddsEmulator> StartAsync(EddsEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EddsEmulatorOptions();
        EmulatorServer.ValidateCommon(options.Port, options.TimeProvider, nameof(options));
        ArrivalSchedule.Validate(options.TotalCards, options.InitialCards, options.CardsPerSecond, "Cards", nameof(options));

        var emulator = new EddsEmulator(options);
        try
        {
            await emulator._server.StartAsync(options.Port, typeof(EddsEmulator).FullName!, emulator.Map, cancellationToken);
            lock (emulator._gate)
                emulator._generator = new EddsGenerator(options.Seed);
            emulator._server.MarkReady();
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }

        return emulator;
    }

    /// <summary>Publishes a new card at the end of the feed, after the synthetic versions due by now.</summary>
    /// <param name="card">The card; its id must be new and must not be a number the generator uses.</param>
    /// <exception cref="ArgumentException">The id is empty or taken, or a code is unknown.</exception>
    public void Add(EddsCard card)
    {
        Check(card);
        if (EddsGenerator.IsGeneratedId(card.Id, _options.TotalCards))
            throw new ArgumentException($"Id '{card.Id}' is reserved for a synthetic card.", nameof(card));

        lock (_gate)
        {
            Publish();
            if (_latest.ContainsKey(card.Id))
                throw new ArgumentException($"A card with id '{card.Id}' is already published; use Update for a new version.", nameof(card));

            Append(card);
        }
    }

    /// <summary>Publishes a new version of a published card at the end of the feed.</summary>
    /// <param name="card">The new version; its <see cref="EddsCard.UpdatedAt"/> must be later than the latest one's.</param>
    /// <exception cref="ArgumentException">The card is unknown, the version is not newer, or a code is unknown.</exception>
    public void Update(EddsCard card)
    {
        Check(card);
        lock (_gate)
        {
            Publish();
            if (!_latest.TryGetValue(card.Id, out var latest))
                throw new ArgumentException($"No card with id '{card.Id}' is published; use Add.", nameof(card));
            if (card.UpdatedAt <= latest.UpdatedAt)
                throw new ArgumentException($"Card '{card.Id}' already has a version of {latest.UpdatedAt:O}; a new version must be later.", nameof(card));

            Append(card);
        }
    }

    /// <summary>Makes the next <paramref name="count"/> API requests fail with <paramref name="statusCode"/>.</summary>
    /// <param name="count">How many requests fail; 0 clears the fault.</param>
    /// <param name="statusCode">The status to answer, 400–599. A 429 or 503 carries <c>Retry-After: 1</c>.</param>
    public void FailNext(int count, int statusCode) => _server.FailNext(count, statusCode);

    /// <summary>
    /// Makes the next API request answer <paramref name="statusCode"/> with <paramref name="body"/> as it is
    /// (<c>application/json</c>), whatever was asked: for testing clients against malformed or unexpected answers.
    /// </summary>
    /// <param name="body">The raw body, for example truncated JSON or an item without a required field.</param>
    /// <param name="statusCode">The status to answer.</param>
    /// <remarks>A fault set by <see cref="FailNext"/> is served first.</remarks>
    public void RespondNextWith(string body, int statusCode = StatusCodes.Status200OK) => _server.RespondNextWith(body, statusCode);

    /// <summary>Delays every following API response by <paramref name="delay"/> of real time.</summary>
    /// <param name="delay">The delay; <see cref="TimeSpan.Zero"/> turns it off.</param>
    /// <remarks>Real time on purpose: the delay exists to exercise clients' timeouts, which run on real time.</remarks>
    public void DelayResponses(TimeSpan delay) => _server.DelayResponses(delay);

    /// <summary>Stops the server.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private static void Check(EddsCard card)
    {
        ArgumentException.ThrowIfNullOrEmpty(card.Id, nameof(card));
        CheckCode(card.Status, EddsCardStatuses.All, "Status", card);
        CheckCode(card.Severity, EddsSeverities.All, "Severity", card);
        CheckCode(card.Source, EddsCallSources.All, "Source", card);
        if (card.NoResponseReason is { } reason)
            CheckCode(reason, EddsNoResponseReasons.All, "NoResponseReason", card);
    }

    private static void CheckCode(string value, IReadOnlyList<string> allowed, string property, EddsCard card)
    {
        if (!allowed.Contains(value))
            throw new ArgumentException($"{property} '{value}' of card '{card.Id}' is not one of: {string.Join(", ", allowed)}.", nameof(card));
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/api/v1/cards", (HttpRequest request) => ListCards(request.Query["after"], request.Query["limit"]));
        app.MapGet("/api/v1/cards/{id}", GetCard);
    }

    private IResult ListCards(string? after, string? limit)
    {
        lock (_gate)
        {
            Publish();
            return EmulatorJson.ServePage(LogName, _feed, after, limit, ref _servedCount);
        }
    }

    private IResult GetCard(string id)
    {
        lock (_gate)
        {
            Publish();
            return _latest.TryGetValue(id, out var card)
                ? Results.Json(card, EmulatorJson.Options)
                : EmulatorServer.Error(StatusCodes.Status404NotFound, "not_found", $"id: карточка «{id}» не найдена");
        }
    }

    /// <summary>Registers the calls that arrived by now and appends the versions due by now, oldest first. Call under <see cref="_gate"/>.</summary>
    private void Publish()
    {
        if (_generator is null)
            return;

        var now = _time.GetUtcNow();
        var due = _schedule.DueAt(now);
        while (_generated < due)
        {
            foreach (var version in _generator.Create(_generated, _schedule.TimeOf(_generated)))
                _pending.Enqueue(version, (version.UpdatedAt, _sequence++));
            _generated++;
        }

        while (_pending.TryPeek(out var version, out var key) && key.At <= now)
        {
            _pending.Dequeue();

            // A version added by hand may already be newer than the scheduled one.
            if (!_latest.TryGetValue(version.Id, out var latest) || version.UpdatedAt > latest.UpdatedAt)
                Append(version);
        }
    }

    private void Append(EddsCard card)
    {
        if (!_latest.ContainsKey(card.Id))
            _order.Add(card.Id);

        _latest[card.Id] = card;
        _feed.Add(card);
    }
}

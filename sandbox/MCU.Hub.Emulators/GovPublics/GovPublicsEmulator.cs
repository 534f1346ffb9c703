using MCU.Hub.Emulators.Common;
using MCU.Hub.Emulators.GovPublics.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MCU.Hub.Emulators.GovPublics;

/// <summary>
/// An emulator of the «Госпаблики» API on loopback: a real Kestrel server that publishes the official pages of the
/// administration and institutions of a fictitious town and the publications on them.
/// </summary>
/// <remarks>
/// <para>
/// The contract (documented in <c>plugins/MCU.Hub.Plugins.GovPublics/README.md</c>):
/// <c>GET /api/v1/pages?after=&amp;limit=</c> (a feed of page versions), <c>GET /api/v1/pages/{id}</c>,
/// <c>GET /api/v1/publications?after=&amp;limit=</c> (a feed of publications) and
/// <c>GET /api/v1/publications/{id}</c>; links under <c>/social/</c> show a page or a publication as text.
/// </para>
/// <para>
/// Both feeds are append-only logs, each with its own opaque cursor that stays valid for the emulator's lifetime.
/// Publications of the past <see cref="GovPublicsEmulatorOptions.HistoryWeeks"/> weeks are there at start; later ones
/// appear as the <see cref="GovPublicsEmulatorOptions.TimeProvider"/> reaches their time, and so do new versions of
/// pages that get the mark «Госорганизация».
/// </para>
/// <para>Thread-safety: all members may be called concurrently with requests.</para>
/// </remarks>
public sealed class GovPublicsEmulator : IAsyncDisposable
{
    /// <summary>The page size used when a request gives no <c>limit</c>.</summary>
    public const int DefaultPageSize = EmulatorJson.DefaultPageSize;

    /// <summary>The largest page the emulator returns; a larger <c>limit</c> is cut to it.</summary>
    public const int MaxPageSize = EmulatorJson.MaxPageSize;

    private const string PagesLog = "gp-pages";
    private const string PublicationsLog = "gp-publications";

    private readonly Lock _gate = new();
    private readonly GovPublicsEmulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _startedAt;
    private readonly EmulatorServer _server;
    private readonly List<GovPublicsPage> _pageLog = [];
    private readonly Dictionary<string, GovPublicsPage> _pageById = new(StringComparer.Ordinal);
    private readonly List<string> _pageOrder = [];
    private readonly List<GovPublicsPublication> _publicationLog = [];
    private readonly Dictionary<string, int> _publicationPosition = new(StringComparer.Ordinal);
    private readonly Queue<GovPublicsPage> _pendingPages = new();
    private readonly Queue<GovPublicsPublication> _pendingPublications = new();
    private GovPublicsWorld? _world;
    private int _nextWeek;
    private int _servedCount;

    private GovPublicsEmulator(GovPublicsEmulatorOptions options)
    {
        _options = options;
        _time = options.TimeProvider;
        _startedAt = _time.GetUtcNow();
        _server = new EmulatorServer(options.Token);
    }

    /// <summary>Gets the address the emulator listens on, ending with a slash (<c>http://127.0.0.1:54321/</c>).</summary>
    public Uri BaseAddress => _server.BaseAddress;

    /// <summary>Gets the latest version of every page published so far, in the order the pages first appeared.</summary>
    /// <remarks>A snapshot.</remarks>
    public IReadOnlyList<GovPublicsPage> Pages
    {
        get
        {
            lock (_gate)
            {
                Publish();
                return _pageOrder.Select(id => _pageById[id]).ToArray();
            }
        }
    }

    /// <summary>Gets every page version published so far, in the order <c>GET /api/v1/pages</c> serves them.</summary>
    /// <remarks>A snapshot.</remarks>
    public IReadOnlyList<GovPublicsPage> PageVersions
    {
        get
        {
            lock (_gate)
            {
                Publish();
                return _pageLog.ToArray();
            }
        }
    }

    /// <summary>Gets the publications published so far, in the order <c>GET /api/v1/publications</c> serves them.</summary>
    /// <remarks>A snapshot.</remarks>
    public IReadOnlyList<GovPublicsPublication> Publications
    {
        get
        {
            lock (_gate)
            {
                Publish();
                return _publicationLog.ToArray();
            }
        }
    }

    /// <summary>Gets how many page versions and publications the emulator has served in list responses, counting every repeat.</summary>
    public int ServedCount => Volatile.Read(ref _servedCount);

    /// <summary>Gets how many API requests (<c>/api/...</c>) reached the emulator, failed ones included.</summary>
    public int RequestCount => _server.RequestCount;

    /// <summary>Starts an emulator on <c>http://127.0.0.1</c>.</summary>
    /// <param name="options">What to publish and where to listen; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop the server.</returns>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public static async Task<GovPublicsEmulator> StartAsync(GovPublicsEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new GovPublicsEmulatorOptions();
        EmulatorServer.ValidateCommon(options.Port, options.TimeProvider, nameof(options));
        if (options.PageCount is < 0 or > GovPublicsEmulatorOptions.MaxPageCount)
            throw new ArgumentException($"PageCount must be 0…{GovPublicsEmulatorOptions.MaxPageCount}, not {options.PageCount}.", nameof(options));
        if (options.HistoryWeeks is < 0 or > GovPublicsEmulatorOptions.MaxHistoryWeeks)
            throw new ArgumentException($"HistoryWeeks must be 0…{GovPublicsEmulatorOptions.MaxHistoryWeeks}, not {options.HistoryWeeks}.", nameof(options));

        var emulator = new GovPublicsEmulator(options);
        try
        {
            await emulator._server.StartAsync(options.Port, typeof(GovPublicsEmulator).FullName!, emulator.Map, cancellationToken);
            emulator.CreateWorld();
            emulator._server.MarkReady();
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }

        return emulator;
    }

    /// <summary>
    /// Publishes a new page, or a new version of a known page, at the end of the page feed.
    /// </summary>
    /// <param name="page">The page; a new version must have a later <see cref="GovPublicsPage.UpdatedAt"/> than the current one.</param>
    /// <exception cref="ArgumentException">The id is empty, or the version is not newer than the current one.</exception>
    public void AddOrUpdatePage(GovPublicsPage page)
    {
        ArgumentException.ThrowIfNullOrEmpty(page.Id, nameof(page));
        lock (_gate)
        {
            Publish();
            if (_pageById.TryGetValue(page.Id, out var current) && page.UpdatedAt <= current.UpdatedAt)
                throw new ArgumentException($"Page '{page.Id}' already has a version of {current.UpdatedAt:O}; a new version must be later.", nameof(page));

            AppendPage(page);
        }
    }

    /// <summary>Publishes <paramref name="publication"/> at the end of the publication feed, after the synthetic ones due by now.</summary>
    /// <param name="publication">The publication; its id must be new and its page must be published.</param>
    /// <exception cref="ArgumentException">The id is empty or taken, or the page is unknown.</exception>
    public void AddPublication(GovPublicsPublication publication)
    {
        ArgumentException.ThrowIfNullOrEmpty(publication.Id, nameof(publication));
        lock (_gate)
        {
            Publish();
            if (!_pageById.ContainsKey(publication.PageId))
                throw new ArgumentException($"Page '{publication.PageId}' is not published.", nameof(publication));
            if (_publicationPosition.ContainsKey(publication.Id))
                throw new ArgumentException($"A publication with id '{publication.Id}' is already published.", nameof(publication));

            AppendPublication(publication);
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

    private void CreateWorld()
    {
        lock (_gate)
        {
            var world = new GovPublicsWorld(_options.Seed, _options.PageCount, _startedAt, BaseAddress);
            foreach (var page in world.InitialPages)
                AppendPage(page);
            foreach (var page in world.LaterPageVersions)
                _pendingPages.Enqueue(page);

            _nextWeek = -_options.HistoryWeeks;
            _world = world;
            Publish();
        }
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/api/v1/pages", (HttpRequest request) => List(PagesLog, _pageLog, request));
        app.MapGet("/api/v1/pages/{id}", GetPage);
        app.MapGet("/api/v1/publications", (HttpRequest request) => List(PublicationsLog, _publicationLog, request));
        app.MapGet("/api/v1/publications/{id}", GetPublication);
        app.MapGet("/social/{**path}", (HttpRequest request) => GetSocial(request.Path));
    }

    private IResult List<T>(string logName, List<T> log, HttpRequest request)
    {
        lock (_gate)
        {
            Publish();
            return EmulatorJson.ServePage(logName, log, request.Query["after"], request.Query["limit"], ref _servedCount);
        }
    }

    private IResult GetPage(string id)
    {
        lock (_gate)
        {
            Publish();
            return _pageById.TryGetValue(id, out var page)
                ? Results.Json(page, EmulatorJson.Options)
                : EmulatorServer.Error(StatusCodes.Status404NotFound, "not_found", $"id: страница «{id}» не найдена");
        }
    }

    private IResult GetPublication(string id)
    {
        lock (_gate)
        {
            Publish();
            return _publicationPosition.TryGetValue(id, out var position)
                ? Results.Json(_publicationLog[position], EmulatorJson.Options)
                : EmulatorServer.Error(StatusCodes.Status404NotFound, "not_found", $"id: публикация «{id}» не найдена");
        }
    }

    /// <summary>A page or publication behind a link, as plain text: enough for a person following the link in the demo.</summary>
    private IResult GetSocial(PathString path)
    {
        var url = new Uri(BaseAddress, path.Value!.TrimStart('/')).AbsoluteUri;
        lock (_gate)
        {
            Publish();
            if (_publicationLog.Find(p => p.Url == url) is { } publication)
                return Results.Text($"{_pageById[publication.PageId].Name}\n{RussianText.DateTime(publication.PublishedAt)}\n\n{publication.Text}\n", "text/plain; charset=utf-8");

            return _pageOrder.Select(id => _pageById[id]).FirstOrDefault(p => p.Url == url) is { } page
                ? Results.Text($"{page.Name}{(page.Verified ? " ✓ Госорганизация" : string.Empty)}\n{page.Owner.Name}\n", "text/plain; charset=utf-8")
                : Results.NotFound();
        }
    }

    /// <summary>Appends the page versions and publications that are due by now. Call under <see cref="_gate"/>.</summary>
    private void Publish()
    {
        if (_world is null)
            return;

        var now = _time.GetUtcNow();
        while (_pendingPages.TryPeek(out var page) && page.UpdatedAt <= now)
        {
            // A version added by hand may already be newer than the scheduled one.
            _pendingPages.Dequeue();
            if (page.UpdatedAt > _pageById[page.Id].UpdatedAt)
                AppendPage(page);
        }

        while (_world.WeekStart(_nextWeek) <= now)
        {
            foreach (var publication in _world.CreateWeek(_nextWeek))
                _pendingPublications.Enqueue(publication);
            _nextWeek++;
        }

        while (_pendingPublications.TryPeek(out var publication) && publication.PublishedAt <= now)
            AppendPublication(_pendingPublications.Dequeue());
    }

    private void AppendPage(GovPublicsPage page)
    {
        if (!_pageById.ContainsKey(page.Id))
            _pageOrder.Add(page.Id);

        _pageById[page.Id] = page;
        _pageLog.Add(page);
    }

    private void AppendPublication(GovPublicsPublication publication)
    {
        _publicationPosition.Add(publication.Id, _publicationLog.Count);
        _publicationLog.Add(publication);
    }
}

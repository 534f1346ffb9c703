using System.Globalization;
using MCU.Hub.Emulators.Common;
using MCU.Hub.Emulators.IncidentManagement.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MCU.Hub.Emulators.IncidentManagement;

/// <summary>
/// An emulator of the «Инцидент Менеджмент» API on loopback: a real Kestrel server that publishes synthetic incidents
/// found in VK, OK and Telegram and records the replies it receives.
/// </summary>
/// <remarks>
/// <para>
/// The contract (documented in <c>plugins/MCU.Hub.Plugins.IncidentManagement/README.md</c>):
/// <c>GET /api/v1/incidents?after=&amp;limit=</c>, <c>GET /api/v1/incidents/{id}</c>,
/// <c>POST /api/v1/incidents/{id}/replies</c>; post links under <c>/social/</c> and photo links under <c>/media/</c>.
/// </para>
/// <para>
/// Incidents are kept in an append-only log in the order they were registered; the cursor is an opaque encoding of a
/// position in that log, so it stays valid for the emulator's lifetime.
/// </para>
/// <para>Thread-safety: all members may be called concurrently with requests.</para>
/// </remarks>
public sealed class IncidentManagementEmulator : IAsyncDisposable
{
    /// <summary>The page size used when a request gives no <c>limit</c>.</summary>
    public const int DefaultPageSize = EmulatorJson.DefaultPageSize;

    /// <summary>The largest page the emulator returns; a larger <c>limit</c> is cut to it.</summary>
    public const int MaxPageSize = EmulatorJson.MaxPageSize;

    private const string LogName = "im-incidents";
    private static readonly TimeSpan HistoryStep = TimeSpan.FromMinutes(23);

    private readonly Lock _gate = new();
    private readonly IncidentManagementEmulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly ArrivalSchedule _schedule;
    private readonly EmulatorServer _server;
    private readonly List<Incident> _log = [];
    private readonly Dictionary<string, int> _positionById = new(StringComparer.Ordinal);
    private readonly List<IncidentReply> _replies = [];
    private readonly Dictionary<string, IncidentReply> _replyByKey = new(StringComparer.Ordinal);
    private IncidentGenerator? _generator;
    private int _generated;
    private int _servedCount;

    private IncidentManagementEmulator(IncidentManagementEmulatorOptions options)
    {
        _options = options;
        _time = options.TimeProvider;
        _schedule = new ArrivalSchedule(_time.GetUtcNow(), options.TotalIncidents, options.InitialIncidents, options.IncidentsPerSecond, HistoryStep);
        _server = new EmulatorServer(options.Token);
    }

    /// <summary>Gets the address the emulator listens on, ending with a slash (<c>http://127.0.0.1:54321/</c>).</summary>
    public Uri BaseAddress => _server.BaseAddress;

    /// <summary>Gets the incidents published so far, in log order (the order <c>GET /api/v1/incidents</c> serves them).</summary>
    /// <remarks>A snapshot; statuses set by replies are reflected in it.</remarks>
    public IReadOnlyList<Incident> Incidents
    {
        get
        {
            lock (_gate)
            {
                Publish();
                return _log.ToArray();
            }
        }
    }

    /// <summary>Gets the replies received, in the order they were recorded; a repeated idempotency key is recorded once.</summary>
    /// <remarks>A snapshot.</remarks>
    public IReadOnlyList<IncidentReply> Replies
    {
        get
        {
            lock (_gate)
                return _replies.ToArray();
        }
    }

    /// <summary>Gets how many incidents the emulator has served in list responses, counting every repeat.</summary>
    public int ServedCount => Volatile.Read(ref _servedCount);

    /// <summary>Gets how many API requests (<c>/api/...</c>) reached the emulator, failed ones included.</summary>
    public int RequestCount => _server.RequestCount;

    /// <summary>Starts an emulator on <c>http://127.0.0.1</c>.</summary>
    /// <param name="options">What to publish and where to listen; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop the server.</returns>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public static async Task<IncidentManagementEmulator> StartAsync(IncidentManagementEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new IncidentManagementEmulatorOptions();
        EmulatorServer.ValidateCommon(options.Port, options.TimeProvider, nameof(options));
        ArrivalSchedule.Validate(options.TotalIncidents, options.InitialIncidents, options.IncidentsPerSecond, "Incidents", nameof(options));

        var emulator = new IncidentManagementEmulator(options);
        try
        {
            await emulator._server.StartAsync(options.Port, typeof(IncidentManagementEmulator).FullName!, emulator.Map, cancellationToken);
            lock (emulator._gate)
                emulator._generator = new IncidentGenerator(options.Seed, emulator.BaseAddress);
            emulator._server.MarkReady();
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }

        return emulator;
    }

    /// <summary>Publishes <paramref name="incident"/> at the end of the log, after the synthetic incidents due by now.</summary>
    /// <param name="incident">The incident; its id must be new and must not be one the generator uses.</param>
    /// <exception cref="ArgumentException">The id is empty or taken, or the network or status is unknown.</exception>
    public void Add(Incident incident)
    {
        ArgumentException.ThrowIfNullOrEmpty(incident.Id, nameof(incident));
        if (!SocialNetworks.All.Contains(incident.Network))
            throw new ArgumentException($"Network '{incident.Network}' is not one of: {string.Join(", ", SocialNetworks.All)}.", nameof(incident));
        if (!IncidentStatuses.All.Contains(incident.Status))
            throw new ArgumentException($"Status '{incident.Status}' is not one of: {string.Join(", ", IncidentStatuses.All)}.", nameof(incident));
        if (IncidentGenerator.IsGeneratedId(incident.Id, _options.TotalIncidents))
            throw new ArgumentException($"Id '{incident.Id}' is reserved for a synthetic incident.", nameof(incident));

        lock (_gate)
        {
            Publish();
            if (_positionById.ContainsKey(incident.Id))
                throw new ArgumentException($"An incident with id '{incident.Id}' is already published.", nameof(incident));

            Append(incident);
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

    private void Map(WebApplication app)
    {
        app.MapGet("/api/v1/incidents", (HttpRequest request) => ListIncidents(request.Query["after"], request.Query["limit"]));
        app.MapGet("/api/v1/incidents/{id}", GetIncident);
        app.MapPost("/api/v1/incidents/{id}/replies", PostReplyAsync);
        app.MapGet("/media/{name}", (string name) => Results.Bytes(MediaStub.Png, "image/png"));
        app.MapGet("/social/{**path}", (HttpRequest request) => GetPost(request.Path));
    }

    private IResult ListIncidents(string? after, string? limit)
    {
        lock (_gate)
        {
            Publish();
            return EmulatorJson.ServePage(LogName, _log, after, limit, ref _servedCount);
        }
    }

    private IResult GetIncident(string id)
    {
        lock (_gate)
        {
            Publish();
            return _positionById.TryGetValue(id, out var position)
                ? Results.Json(_log[position], EmulatorJson.Options)
                : EmulatorServer.Error(StatusCodes.Status404NotFound, "not_found", $"id: инцидент «{id}» не найден");
        }
    }

    /// <summary>The post behind a link, as plain text: enough for a person following the link in the demo.</summary>
    private IResult GetPost(PathString path)
    {
        var url = new Uri(BaseAddress, path.Value!.TrimStart('/')).AbsoluteUri;
        lock (_gate)
        {
            Publish();
            var incident = _log.Find(i => string.Equals(i.PostUrl, url, StringComparison.Ordinal));
            return incident is null
                ? Results.NotFound()
                : Results.Text($"{incident.Author?.Name ?? "Автор скрыт"}\n{RussianText.DateTime(incident.PublishedAt ?? incident.DetectedAt)}\n\n{incident.Text}\n", "text/plain; charset=utf-8");
        }
    }

    private async Task<IResult> PostReplyAsync(string id, HttpRequest request)
    {
        var (body, error) = await ReplyBody.ReadAsync(request, IncidentStatuses.ReplyStatuses);
        if (body is null)
            return error!;

        lock (_gate)
        {
            Publish();
            if (!_positionById.TryGetValue(id, out var position))
                return EmulatorServer.Error(StatusCodes.Status404NotFound, "not_found", $"id: инцидент «{id}» не найден");

            if (_replyByKey.TryGetValue(body.IdempotencyKey, out var earlier))
            {
                return earlier.IncidentId == id
                    ? Receipt(earlier)
                    : EmulatorServer.Error(StatusCodes.Status409Conflict, "idempotency_conflict", $"idempotency_key: уже использован для инцидента «{earlier.IncidentId}»");
            }

            var replyId = "rep-" + (_replies.Count + 1).ToString("D6", CultureInfo.InvariantCulture);
            var incident = _log[position];
            var reply = new IncidentReply
            {
                ReplyId = replyId,
                IncidentId = id,
                Text = body.Text,
                Status = body.Status,
                IdempotencyKey = body.IdempotencyKey,
                Attachments = body.Attachments,
                ChangedAt = body.ChangedAt,
                ReceivedAt = _time.GetUtcNow(),
                PublishedUrl = string.IsNullOrEmpty(body.Text) ? null : incident.PostUrl + "?reply=" + replyId,
            };
            _replies.Add(reply);
            _replyByKey.Add(reply.IdempotencyKey, reply);
            _log[position] = incident with { Status = reply.Status };
            return Receipt(reply);
        }
    }

    private static IResult Receipt(IncidentReply reply) =>
        Results.Json(new IncidentReplyReceipt(reply.ReplyId, reply.PublishedUrl), EmulatorJson.Options);

    /// <summary>Appends the synthetic incidents that are due by now. Call under <see cref="_gate"/>.</summary>
    private void Publish()
    {
        if (_generator is null)
            return;

        var due = _schedule.DueAt(_time.GetUtcNow());
        while (_generated < due)
        {
            Append(_generator.Create(_generated, _schedule.TimeOf(_generated)));
            _generated++;
        }
    }

    private void Append(Incident incident)
    {
        _positionById.Add(incident.Id, _log.Count);
        _log.Add(incident);
    }

    private sealed record IncidentReplyReceipt(string ReplyId, string? PublishedUrl);
}

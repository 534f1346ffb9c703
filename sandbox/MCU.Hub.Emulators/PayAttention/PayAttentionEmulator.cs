using System.Globalization;
using MCU.Hub.Emulators.Common;
using MCU.Hub.Emulators.PayAttention.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MCU.Hub.Emulators.PayAttention;

/// <summary>
/// An emulator of the regional portal «Обращаем внимание» on loopback: a real Kestrel server that publishes
/// synthetic residents' messages and records the answers it receives.
/// </summary>
/// <remarks>
/// <para>
/// The contract (documented in <c>plugins/MCU.Hub.Plugins.PayAttention/README.md</c>):
/// <c>GET /api/v1/messages?after=&amp;limit=</c>, <c>GET /api/v1/messages/{id}</c>,
/// <c>POST /api/v1/messages/{id}/answers</c>, and photo links under <c>/media/</c>.
/// </para>
/// <para>
/// Messages are kept in an append-only log in the order they passed moderation; the cursor is an opaque encoding of a
/// position in that log, so it stays valid for the emulator's lifetime.
/// </para>
/// <para>Thread-safety: all members may be called concurrently with requests.</para>
/// </remarks>
public sealed class PayAttentionEmulator : IAsyncDisposable
{
    /// <summary>The page size used when a request gives no <c>limit</c>.</summary>
    public const int DefaultPageSize = EmulatorJson.DefaultPageSize;

    /// <summary>The largest page the emulator returns; a larger <c>limit</c> is cut to it.</summary>
    public const int MaxPageSize = EmulatorJson.MaxPageSize;

    private const string LogName = "pa-messages";
    private static readonly TimeSpan HistoryStep = TimeSpan.FromMinutes(41);

    private readonly Lock _gate = new();
    private readonly PayAttentionEmulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly ArrivalSchedule _schedule;
    private readonly EmulatorServer _server;
    private readonly List<PayAttentionMessage> _log = [];
    private readonly Dictionary<string, int> _positionById = new(StringComparer.Ordinal);
    private readonly List<PayAttentionAnswer> _answers = [];
    private readonly Dictionary<string, PayAttentionAnswer> _answerByKey = new(StringComparer.Ordinal);
    private PayAttentionGenerator? _generator;
    private int _generated;
    private int _servedCount;

    private PayAttentionEmulator(PayAttentionEmulatorOptions options)
    {
        _options = options;
        _time = options.TimeProvider;
        _schedule = new ArrivalSchedule(_time.GetUtcNow(), options.TotalMessages, options.InitialMessages, options.MessagesPerSecond, HistoryStep);
        _server = new EmulatorServer(options.Token);
    }

    /// <summary>Gets the address the emulator listens on, ending with a slash (<c>http://127.0.0.1:54321/</c>).</summary>
    public Uri BaseAddress => _server.BaseAddress;

    /// <summary>Gets the messages published so far, in log order (the order <c>GET /api/v1/messages</c> serves them).</summary>
    /// <remarks>A snapshot; statuses set by answers are reflected in it.</remarks>
    public IReadOnlyList<PayAttentionMessage> Messages
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

    /// <summary>Gets the answers received, in the order they were recorded; a repeated idempotency key is recorded once.</summary>
    /// <remarks>A snapshot.</remarks>
    public IReadOnlyList<PayAttentionAnswer> Answers
    {
        get
        {
            lock (_gate)
                return _answers.ToArray();
        }
    }

    /// <summary>Gets how many messages the emulator has served in list responses, counting every repeat.</summary>
    public int ServedCount => Volatile.Read(ref _servedCount);

    /// <summary>Gets how many API requests (<c>/api/...</c>) reached the emulator, failed ones included.</summary>
    public int RequestCount => _server.RequestCount;

    /// <summary>Starts an emulator on <c>http://127.0.0.1</c>.</summary>
    /// <param name="options">What to publish and where to listen; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop the server.</returns>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public static async Task<PayAttentionEmulator> StartAsync(PayAttentionEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PayAttentionEmulatorOptions();
        EmulatorServer.ValidateCommon(options.Port, options.TimeProvider, nameof(options));
        ArrivalSchedule.Validate(options.TotalMessages, options.InitialMessages, options.MessagesPerSecond, "Messages", nameof(options));

        var emulator = new PayAttentionEmulator(options);
        try
        {
            await emulator._server.StartAsync(options.Port, typeof(PayAttentionEmulator).FullName!, emulator.Map, cancellationToken);
            lock (emulator._gate)
                emulator._generator = new PayAttentionGenerator(options.Seed, emulator.BaseAddress);
            emulator._server.MarkReady();
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }

        return emulator;
    }

    /// <summary>Publishes <paramref name="message"/> at the end of the log, after the synthetic messages due by now.</summary>
    /// <param name="message">The message; its id must be new and must not be a number the generator uses.</param>
    /// <exception cref="ArgumentException">The id is empty or taken, or the status is unknown.</exception>
    public void Add(PayAttentionMessage message)
    {
        ArgumentException.ThrowIfNullOrEmpty(message.Id, nameof(message));
        if (!PayAttentionStatuses.All.Contains(message.Status))
            throw new ArgumentException($"Status '{message.Status}' is not one of: {string.Join(", ", PayAttentionStatuses.All)}.", nameof(message));
        if (PayAttentionGenerator.IsGeneratedId(message.Id, _options.TotalMessages))
            throw new ArgumentException($"Id '{message.Id}' is reserved for a synthetic message.", nameof(message));

        lock (_gate)
        {
            Publish();
            if (_positionById.ContainsKey(message.Id))
                throw new ArgumentException($"A message with id '{message.Id}' is already published.", nameof(message));

            Append(message);
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
        app.MapGet("/api/v1/messages", (HttpRequest request) => ListMessages(request.Query["after"], request.Query["limit"]));
        app.MapGet("/api/v1/messages/{id}", GetMessage);
        app.MapPost("/api/v1/messages/{id}/answers", PostAnswerAsync);
        app.MapGet("/media/{name}", (string name) => Results.Bytes(MediaStub.Png, "image/png"));
    }

    private IResult ListMessages(string? after, string? limit)
    {
        lock (_gate)
        {
            Publish();
            return EmulatorJson.ServePage(LogName, _log, after, limit, ref _servedCount);
        }
    }

    private IResult GetMessage(string id)
    {
        lock (_gate)
        {
            Publish();
            return _positionById.TryGetValue(id, out var position)
                ? Results.Json(_log[position], EmulatorJson.Options)
                : EmulatorServer.Error(StatusCodes.Status404NotFound, "not_found", $"id: сообщение «{id}» не найдено");
        }
    }

    private async Task<IResult> PostAnswerAsync(string id, HttpRequest request)
    {
        var (body, error) = await ReplyBody.ReadAsync(request, PayAttentionStatuses.All);
        if (body is null)
            return error!;

        lock (_gate)
        {
            Publish();
            if (!_positionById.TryGetValue(id, out var position))
                return EmulatorServer.Error(StatusCodes.Status404NotFound, "not_found", $"id: сообщение «{id}» не найдено");

            if (_answerByKey.TryGetValue(body.IdempotencyKey, out var earlier))
            {
                return earlier.MessageId == id
                    ? Receipt(earlier)
                    : EmulatorServer.Error(StatusCodes.Status409Conflict, "idempotency_conflict", $"idempotency_key: уже использован для сообщения «{earlier.MessageId}»");
            }

            var answer = new PayAttentionAnswer
            {
                AnswerId = "otv-" + (_answers.Count + 1).ToString("D6", CultureInfo.InvariantCulture),
                MessageId = id,
                Text = body.Text,
                Status = body.Status,
                IdempotencyKey = body.IdempotencyKey,
                Attachments = body.Attachments,
                ChangedAt = body.ChangedAt,
                ExpectedBy = body.Status == PayAttentionStatuses.InterimAnswer ? body.ExpectedBy : null,
                ReceivedAt = _time.GetUtcNow(),
            };
            _answers.Add(answer);
            _answerByKey.Add(answer.IdempotencyKey, answer);
            _log[position] = _log[position] with { Status = answer.Status };
            return Receipt(answer);
        }
    }

    private static IResult Receipt(PayAttentionAnswer answer) =>
        Results.Json(new AnswerReceipt(answer.AnswerId), EmulatorJson.Options);

    /// <summary>Appends the synthetic messages that are due by now. Call under <see cref="_gate"/>.</summary>
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

    private void Append(PayAttentionMessage message)
    {
        _positionById.Add(message.Id, _log.Count);
        _log.Add(message);
    }

    private sealed record AnswerReceipt(string AnswerId);
}

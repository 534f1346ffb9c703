using System.Globalization;
using System.Text.Json;
using MCU.Hub.Emulators.Common;
using MCU.Hub.Emulators.Pos.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MCU.Hub.Emulators.Pos;

/// <summary>
/// An emulator of the ПОС («Госуслуги. Решаем вместе») API on loopback: a real Kestrel server that publishes
/// synthetic citizens' messages and records the answers it receives.
/// </summary>
/// <remarks>
/// <para>
/// The contract (documented in <c>plugins/MCU.Hub.Plugins.Pos/README.md</c>):
/// <c>GET /api/v1/messages?after=&amp;limit=</c>, <c>GET /api/v1/messages/{id}</c>,
/// <c>POST /api/v1/messages/{id}/answers</c>, and photo links under <c>/media/photos/</c>.
/// </para>
/// <para>
/// Messages are kept in an append-only log in the order they were published; the cursor is an opaque encoding
/// of a position in that log, so it stays valid for the emulator's lifetime.
/// </para>
/// <para>Thread-safety: all members may be called concurrently with requests.</para>
/// </remarks>
public sealed class PosEmulator : IAsyncDisposable
{
    /// <summary>The page size used when a request gives no <c>limit</c>.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>The largest page the emulator returns; a larger <c>limit</c> is cut to it.</summary>
    public const int MaxPageSize = 500;

    private static readonly TimeSpan SyntheticHistoryStep = TimeSpan.FromMinutes(17);

    /// <summary>A 1×1 grey PNG: the body of every photo link.</summary>
    private static readonly byte[] PhotoBytes = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCB3UNq9AAAAABJRU5ErkJggg==");

    private readonly Lock _gate = new();
    private readonly PosEmulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _startedAt;
    private readonly int _availableAtStart;
    private readonly List<PosMessage> _log = [];
    private readonly Dictionary<string, int> _positionById = new(StringComparer.Ordinal);
    private readonly List<PosAnswer> _answers = [];
    private readonly Dictionary<string, PosAnswer> _answerByKey = new(StringComparer.Ordinal);
    private readonly EmulatorServer _server;
    private PosMessageGenerator? _generator;
    private int _generated;
    private int _servedCount;

    private PosEmulator(PosEmulatorOptions options)
    {
        _options = options;
        _time = options.TimeProvider;
        _startedAt = _time.GetUtcNow();
        _availableAtStart = options.MessagesPerSecond > 0 ? options.InitialMessages : options.TotalMessages;
        _server = new EmulatorServer(options.Token);
    }

    /// <summary>Gets the address the emulator listens on, ending with a slash (<c>http://127.0.0.1:54321/</c>).</summary>
    public Uri BaseAddress => _server.BaseAddress;

    /// <summary>Gets the messages published so far, in log order (the order <c>GET /api/v1/messages</c> serves them).</summary>
    /// <remarks>A snapshot: statuses changed by later answers are not reflected in it.</remarks>
    public IReadOnlyList<PosMessage> Messages
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
    public IReadOnlyList<PosAnswer> Answers
    {
        get
        {
            lock (_gate)
                return _answers.ToArray();
        }
    }

    /// <summary>Gets how many message items the emulator has served in list responses, counting every repeat.</summary>
    public int ServedCount => Volatile.Read(ref _servedCount);

    /// <summary>Gets how many API requests (<c>/api/...</c>) reached the emulator, failed ones included.</summary>
    public int RequestCount => _server.RequestCount;

    /// <summary>Starts an emulator on <c>http://127.0.0.1</c>.</summary>
    /// <param name="options">What to publish and where to listen; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop the server.</returns>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public static async Task<PosEmulator> StartAsync(PosEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PosEmulatorOptions();
        Validate(options);

        var emulator = new PosEmulator(options);
        try
        {
            await emulator.StartServerAsync(cancellationToken);
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
    public void Add(PosMessage message)
    {
        ArgumentException.ThrowIfNullOrEmpty(message.Id, nameof(message));
        if (!PosStatuses.All.Contains(message.Status))
            throw new ArgumentException($"Status '{message.Status}' is not one of: {string.Join(", ", PosStatuses.All)}.", nameof(message));
        if (long.TryParse(message.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && number >= PosMessageGenerator.FirstId && number < PosMessageGenerator.FirstId + _options.TotalMessages)
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

    private static void Validate(PosEmulatorOptions options)
    {
        if (options.Port is < 0 or > 65535)
            throw new ArgumentException($"{nameof(options.Port)} must be 0…65535, not {options.Port}.", nameof(options));
        if (options.TotalMessages < 0)
            throw new ArgumentException($"{nameof(options.TotalMessages)} must not be negative.", nameof(options));
        if (options.InitialMessages < 0 || options.InitialMessages > options.TotalMessages)
            throw new ArgumentException($"{nameof(options.InitialMessages)} must be 0…{nameof(options.TotalMessages)}, not {options.InitialMessages}.", nameof(options));
        if (!double.IsFinite(options.MessagesPerSecond) || options.MessagesPerSecond < 0)
            throw new ArgumentException($"{nameof(options.MessagesPerSecond)} must be a finite number ≥ 0.", nameof(options));
        if (options.TimeProvider is null)
            throw new ArgumentException($"{nameof(options.TimeProvider)} is required.", nameof(options));
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        await _server.StartAsync(_options.Port, typeof(PosEmulator).Assembly.GetName().Name!, app =>
        {
            app.MapGet("/api/v1/messages", (HttpRequest request) => ListMessages(request.Query["after"], request.Query["limit"]));
            app.MapGet("/api/v1/messages/{id}", GetMessage);
            app.MapPost("/api/v1/messages/{id}/answers", PostAnswerAsync);
            app.MapGet("/media/photos/{name}", (string name) => Results.Bytes(PhotoBytes, "image/png"));
        }, cancellationToken);

        // Photo links carry the address, so the generator can only be made once the server listens.
        lock (_gate)
            _generator = new PosMessageGenerator(_options.Seed, BaseAddress);
        _server.MarkReady();
    }

    private IResult ListMessages(string? after, string? limit)
    {
        var pageSize = DefaultPageSize;
        if (!string.IsNullOrEmpty(limit)
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1))
            return Error(StatusCodes.Status400BadRequest, "invalid_limit", $"limit: ожидается целое число от 1 до {MaxPageSize.ToString(CultureInfo.InvariantCulture)}");

        pageSize = Math.Min(pageSize, MaxPageSize);
        PosMessage[] items;
        long start = 0;
        bool hasMore;
        lock (_gate)
        {
            Publish();
            if (!string.IsNullOrEmpty(after) && (!PosWire.TryDecodeCursor(after, out start) || start > _log.Count))
                return Error(StatusCodes.Status400BadRequest, "invalid_cursor", "after: курсор не выдан этим сервером");

            var count = (int)Math.Min(pageSize, _log.Count - start);
            items = _log.GetRange((int)start, count).ToArray();
            hasMore = start + count < _log.Count;
            _servedCount += count;
        }

        return Results.Json(new PosMessagePage(items, PosWire.EncodeCursor(start + items.Length), hasMore), PosWire.Json);
    }

    private IResult GetMessage(string id)
    {
        lock (_gate)
        {
            Publish();
            return _positionById.TryGetValue(id, out var position)
                ? Results.Json(_log[position], PosWire.Json)
                : Error(StatusCodes.Status404NotFound, "not_found", $"id: сообщение «{id}» не найдено");
        }
    }

    private async Task<IResult> PostAnswerAsync(string id, HttpRequest request)
    {
        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException ex)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_json", "body: " + ex.Message);
        }

        using (body)
        {
            if (!TryReadAnswer(body.RootElement, out var answer, out var problem))
                return Error(StatusCodes.Status400BadRequest, "invalid_answer", problem);

            lock (_gate)
            {
                Publish();
                if (!_positionById.TryGetValue(id, out var position))
                    return Error(StatusCodes.Status404NotFound, "not_found", $"id: сообщение «{id}» не найдено");

                if (_answerByKey.TryGetValue(answer.IdempotencyKey, out var earlier))
                {
                    return earlier.MessageId == id
                        ? Results.Json(new PosAnswerReceipt(earlier.AnswerId), PosWire.Json)
                        : Error(StatusCodes.Status409Conflict, "idempotency_conflict", $"idempotency_key: уже использован для сообщения «{earlier.MessageId}»");
                }

                var recorded = answer with
                {
                    AnswerId = "ans-" + (_answers.Count + 1).ToString("D6", CultureInfo.InvariantCulture),
                    MessageId = id,
                    ReceivedAt = _time.GetUtcNow(),
                };
                _answers.Add(recorded);
                _answerByKey.Add(recorded.IdempotencyKey, recorded);
                _log[position] = _log[position] with { Status = recorded.Status };
                return Results.Json(new PosAnswerReceipt(recorded.AnswerId), PosWire.Json);
            }
        }
    }

    private static bool TryReadAnswer(JsonElement root, out PosAnswer answer, out string problem)
    {
        answer = null!;
        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = "body: ожидается объект JSON";
            return false;
        }

        if (!TryReadString(root, "status", required: true, out var status, out problem)
            || !TryReadString(root, "idempotency_key", required: true, out var key, out problem)
            || !TryReadString(root, "text", required: false, out var text, out problem))
            return false;

        if (!PosStatuses.All.Contains(status!))
        {
            problem = $"status: «{status}» не из списка {string.Join(", ", PosStatuses.All)}";
            return false;
        }

        var attachments = new List<string>();
        if (root.TryGetProperty("attachments", out var list) && list.ValueKind != JsonValueKind.Null)
        {
            if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(a => a.ValueKind != JsonValueKind.String))
            {
                problem = "attachments: ожидается массив строк";
                return false;
            }

            attachments.AddRange(list.EnumerateArray().Select(a => a.GetString()!));
        }

        DateTimeOffset? changedAt = null;
        if (root.TryGetProperty("changed_at", out var changed) && changed.ValueKind != JsonValueKind.Null)
        {
            if (changed.ValueKind != JsonValueKind.String || !changed.TryGetDateTimeOffset(out var value))
            {
                problem = "changed_at: ожидается дата ISO 8601 со смещением";
                return false;
            }

            changedAt = value;
        }

        DateTimeOffset? expectedBy = null;
        if (root.TryGetProperty("expected_by", out var expected) && expected.ValueKind != JsonValueKind.Null)
        {
            if (expected.ValueKind != JsonValueKind.String || !expected.TryGetDateTimeOffset(out var value))
            {
                problem = "expected_by: ожидается дата ISO 8601 со смещением";
                return false;
            }

            expectedBy = value;
        }

        if (status == PosStatuses.IntermediateAnswer && expectedBy is null)
        {
            problem = "expected_by: промежуточный ответ должен назвать срок окончательного ответа";
            return false;
        }

        answer = new PosAnswer
        {
            AnswerId = string.Empty,
            MessageId = string.Empty,
            Text = text,
            Status = status!,
            IdempotencyKey = key!,
            Attachments = attachments,
            ChangedAt = changedAt,
            ExpectedBy = status == PosStatuses.IntermediateAnswer ? expectedBy : null,
            ReceivedAt = default,
        };
        problem = string.Empty;
        return true;
    }

    private static bool TryReadString(JsonElement root, string name, bool required, out string? value, out string problem)
    {
        value = null;
        problem = string.Empty;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            if (required)
                problem = $"{name}: обязательное поле";
            return !required;
        }

        if (element.ValueKind != JsonValueKind.String || (required && element.GetString()!.Length == 0))
        {
            problem = $"{name}: ожидается непустая строка";
            return false;
        }

        value = element.GetString();
        return true;
    }

    private static IResult Error(int statusCode, string code, string message) =>
        Results.Json(new PosError(code, message), PosWire.Json, statusCode: statusCode);

    /// <summary>Appends the synthetic messages that are due by now. Call under <see cref="_gate"/>.</summary>
    private void Publish()
    {
        if (_generator is null)
            return;

        var now = _time.GetUtcNow();
        var due = _availableAtStart;
        if (_options.MessagesPerSecond > 0 && now > _startedAt)
        {
            var more = Math.Floor((now - _startedAt).TotalSeconds * _options.MessagesPerSecond);
            due = (int)Math.Min(_options.TotalMessages, _availableAtStart + more);
        }

        while (_generated < due)
        {
            Append(_generator.Create(_generated, CreatedAtOf(_generated)));
            _generated++;
        }
    }

    /// <summary>
    /// Messages available at start get a history before the start; later ones are sent when they appear.
    /// Whole seconds, so the published timestamps look like the platform's.
    /// </summary>
    private DateTimeOffset CreatedAtOf(int index)
    {
        var start = _startedAt.AddTicks(-(_startedAt.Ticks % TimeSpan.TicksPerSecond));
        return index < _availableAtStart
            ? start - (SyntheticHistoryStep * (_availableAtStart - index))
            : start.AddSeconds(Math.Floor((index - _availableAtStart + 1) / _options.MessagesPerSecond));
    }

    private void Append(PosMessage message)
    {
        _positionById.Add(message.Id, _log.Count);
        _log.Add(message);
    }
}

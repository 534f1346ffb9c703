using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MCU.Hub.Emulators.Common;

/// <summary>
/// The part every emulator shares: a Kestrel server on loopback, the gate in front of <c>/api/...</c> (request count,
/// injected delay, injected faults and raw answers, bearer token) and the error body of the contracts.
/// </summary>
/// <remarks>
/// Every channel's emulator runs on it. Thread-safety: every member may be called concurrently with requests.
/// </remarks>
internal sealed class EmulatorServer : IAsyncDisposable
{
    private readonly Lock _faults = new();
    private readonly Queue<(int StatusCode, string Body)> _rawResponses = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly string? _token;
    private WebApplication? _app;
    private int _requestCount;
    private int _failRemaining;
    private int _failStatusCode;
    private long _delayTicks;
    private volatile bool _ready;

    /// <summary>Creates the server; nothing listens until <see cref="StartAsync"/>.</summary>
    /// <param name="token">The bearer token the API requires, or <see langword="null"/> for none.</param>
    public EmulatorServer(string? token) => _token = token;

    /// <summary>Gets the address the server listens on, ending with a slash.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Gets how many API requests reached the server, failed ones included.</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>Checks the options every emulator has.</summary>
    public static void ValidateCommon(int port, TimeProvider? timeProvider, string optionsParameter)
    {
        if (port is < 0 or > 65535)
            throw new ArgumentException($"Port must be 0…65535, not {port}.", optionsParameter);
        if (timeProvider is null)
            throw new ArgumentException("TimeProvider is required.", optionsParameter);
    }

    /// <summary>Starts listening on <c>127.0.0.1:<paramref name="port"/></c> with the routes <paramref name="map"/> adds.</summary>
    /// <param name="port">The port; 0 picks a free one.</param>
    /// <param name="applicationName">The name of the web application.</param>
    /// <param name="map">Adds the emulator's routes.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <remarks>API requests are answered 503 until <see cref="MarkReady"/> is called.</remarks>
    public async Task StartAsync(int port, string applicationName, Action<WebApplication> map, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = applicationName });

        // The emulator runs inside other processes (tests, the demo): their appsettings.json and environment must not
        // add Kestrel endpoints (a "Kestrel:Endpoints" section would make every emulator bind the host's port too).
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));

        var app = builder.Build();
        app.Use(ApiGateAsync);
        map(app);
        _app = app;

        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri($"http://127.0.0.1:{new Uri(address).Port.ToString(CultureInfo.InvariantCulture)}/");
    }

    /// <summary>Lets API requests through once the emulator has built its data.</summary>
    public void MarkReady() => _ready = true;

    /// <summary>Makes the next <paramref name="count"/> API requests fail with <paramref name="statusCode"/>.</summary>
    public void FailNext(int count, int statusCode)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        lock (_faults)
        {
            _failStatusCode = statusCode;
            _failRemaining = count;
        }
    }

    /// <summary>Makes the next API request answer <paramref name="statusCode"/> with <paramref name="body"/> as it is.</summary>
    public void RespondNextWith(string body, int statusCode)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 200);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        lock (_faults)
            _rawResponses.Enqueue((statusCode, body));
    }

    /// <summary>Delays every following API response by <paramref name="delay"/> of real time.</summary>
    public void DelayResponses(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Interlocked.Exchange(ref _delayTicks, delay.Ticks);
    }

    /// <summary>The error body of every contract: <c>{ "error": "code", "message": "field: what is wrong" }</c>.</summary>
    public static IResult Error(int statusCode, string code, string message) =>
        Results.Json(new EmulatorError(code, message), EmulatorJson.Options, statusCode: statusCode);

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
            return;

        await _stopping.CancelAsync();
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
    }

    private async Task ApiGateAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        Interlocked.Increment(ref _requestCount);
        var delay = Interlocked.Read(ref _delayTicks);
        if (delay > 0)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            try
            {
                await Task.Delay(TimeSpan.FromTicks(delay), linked.Token);
            }
            catch (OperationCanceledException)
            {
                context.Abort();
                return;
            }
        }

        var failStatus = 0;
        (int StatusCode, string Body) raw = default;
        lock (_faults)
        {
            if (_failRemaining > 0)
            {
                _failRemaining--;
                failStatus = _failStatusCode;
            }
            else
            {
                _rawResponses.TryDequeue(out raw);
            }
        }

        if (failStatus != 0)
        {
            if (failStatus is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
                context.Response.Headers.RetryAfter = "1";

            await Error(failStatus, "injected_fault", "сбой, заданный в эмуляторе (FailNext)").ExecuteAsync(context);
            return;
        }

        if (raw.Body is not null)
        {
            context.Response.StatusCode = raw.StatusCode;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(raw.Body, context.RequestAborted);
            return;
        }

        if (_token is { Length: > 0 } token
            && !string.Equals(context.Request.Headers.Authorization.ToString(), "Bearer " + token, StringComparison.Ordinal))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Error(StatusCodes.Status401Unauthorized, "unauthorized", "Authorization: нужен заголовок «Bearer <token>» с действующим токеном").ExecuteAsync(context);
            return;
        }

        if (!_ready)
        {
            await Error(StatusCodes.Status503ServiceUnavailable, "starting", "эмулятор запускается").ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}

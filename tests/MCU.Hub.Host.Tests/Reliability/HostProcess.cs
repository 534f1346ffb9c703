using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Grpc.Net.Client;

namespace MCU.Hub.Host.Tests.Reliability;

/// <summary>The host as a separate operating-system process, so that it can be killed for real.</summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;

    private HostProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Channel = ReliabilityGrpc.CreateChannel(address);
    }

    public Uri Address { get; }

    public GrpcChannel Channel { get; }

    /// <summary>Gets a value indicating whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Gets the last lines the process wrote (standard output and error), for diagnosing a failure.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    private void Log(string? line)
    {
        if (line is null)
            return;
        _output.Enqueue(line);
        while (_output.Count > 200)
            _output.TryDequeue(out _);
    }

    public static async Task<HostProcess> StartAsync(string databasePath, params string[] extraArgs)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (info, port) = StartInfo(databasePath, extraArgs);
            var process = Process.Start(info)!;
            var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}"));
            process.ErrorDataReceived += (_, e) => host.Log(e.Data);
            process.OutputDataReceived += (_, e) => host.Log(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (await host.WaitUntilServingAsync())
                return host;

            // The free port was probed, then released: a process of a test running alongside may take it first. Only
            // that is retried; any other exit at start is the failure under test.
            await process.WaitForExitAsync();
            var output = string.Join(Environment.NewLine, host.Output.TakeLast(40));
            await host.DisposeAsync();
            if (attempt < 3 && output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
                continue;
            throw new InvalidOperationException($"the host exited with code {process.ExitCode} while starting:{Environment.NewLine}{output}");
        }
    }

    /// <summary>Runs the host expecting it to stop by itself (a start-up failure); its exit code and standard error.</summary>
    public static async Task<(int ExitCode, string Error)> RunToExitAsync(string databasePath, TimeSpan timeout, params string[] extraArgs)
    {
        var (info, _) = StartInfo(databasePath, extraArgs);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the host did not stop within {timeout}");
        }

        return (process.ExitCode, await error);
    }

    private static (ProcessStartInfo Info, int Port) StartInfo(string databasePath, string[] extraArgs)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(databasePath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MCU.Hub.Host.dll"));
        info.ArgumentList.Add($"--McuHub:DatabasePath={databasePath}");
        info.ArgumentList.Add($"--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:{port}");
        info.ArgumentList.Add("--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0");
        info.ArgumentList.Add("--Logging:LogLevel:Default=Warning");
        info.ArgumentList.Add("--McuHub:Reports:Schedule=false");
        foreach (var arg in ReliabilityGrpc.HostArgs)
            info.ArgumentList.Add(arg);
        foreach (var arg in extraArgs)
            info.ArgumentList.Add(arg);
        return (info, port);
    }

    /// <summary>Kills the process at once (SIGKILL): no shutdown code runs.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>Waits until the host answers its health check; <see langword="false"/> when the process exited first.</summary>
    private async Task<bool> WaitUntilServingAsync()
    {
        var health = new global::Grpc.Health.V1.Health.HealthClient(Channel);
        var deadline = Environment.TickCount64 + 60_000;
        while (true)
        {
            try
            {
                await health.CheckAsync(new global::Grpc.Health.V1.HealthCheckRequest(), deadline: TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(2));
                return true;
            }
            catch (global::Grpc.Core.RpcException) when (_process.HasExited)
            {
                return false;
            }
            catch (global::Grpc.Core.RpcException) when (Environment.TickCount64 < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
